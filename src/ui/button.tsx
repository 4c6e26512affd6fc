import type { ComponentChildren } from 'preact';

/** Props of {@link Button}. */
export interface ButtonProps {
  children: ComponentChildren;
  onClick?: () => void;
  /** `primary` for the one main action of a screen. */
  variant?: 'primary' | 'secondary';
  disabled?: boolean;
  /** `submit` inside a form; `button` (the default) everywhere else. */
  type?: 'button' | 'submit';
  /** Announce a running action (e.g. "Paying…") without removing the button from the tab order. */
  busy?: boolean;
}

/** A real `<button>` (keyboard and screen readers for free), exposed as `::part(button)`. */
export function Button({ children, onClick, variant = 'secondary', disabled, type = 'button', busy }: ButtonProps) {
  return (
    <button
      type={type}
      part="button"
      class={`button button-${variant}`}
      onClick={onClick}
      disabled={disabled}
      aria-busy={busy ? 'true' : undefined}
    >
      {children}
    </button>
  );
}
