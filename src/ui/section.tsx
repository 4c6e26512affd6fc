import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** Props of {@link Section}. */
export interface SectionProps {
  title: string;
  children: ComponentChildren;
  /** Extra class for layout. */
  class?: string;
}

/**
 * A titled card: a `<section>` labelled by its `<h3>`, so it is a region screen-reader users can
 * jump to. Exposed as `::part(card)`.
 */
export function Section({ title, children, class: className }: SectionProps) {
  const id = useId();
  return (
    <section part="card" class={className ? `card ${className}` : 'card'} aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}
