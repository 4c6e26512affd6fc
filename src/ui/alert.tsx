import type { ComponentChildren } from 'preact';

/** Props of {@link Alert}. */
export interface AlertProps {
  /** The plain-language message. */
  message: string;
  /** Usually a "Try again" button. */
  children?: ComponentChildren;
}

/**
 * An error the customer must notice: `role="alert"` makes screen readers announce it when it
 * appears. Exposed as `::part(alert)`.
 */
export function Alert({ message, children }: AlertProps) {
  return (
    <div role="alert" part="alert" class="alert">
      <p>{message}</p>
      {children}
    </div>
  );
}
