import type { ComponentChildren } from 'preact';

/** Props of {@link Button}. */
export interface ButtonProps {
  children: ComponentChildren;
  onClick?: () => void;
  /** `primary` for the one main action of a screen. */
  variant?: 'primary' | 'secondary';
  disabled?: boolean;
}

/** A real `<button>` (keyboard and screen readers for free), exposed as `::part(button)`. */
export function Button({ children, onClick, variant = 'secondary', disabled }: ButtonProps) {
  return (
    <button type="button" part="button" class={`button button-${variant}`} onClick={onClick} disabled={disabled}>
      {children}
    </button>
  );
}
