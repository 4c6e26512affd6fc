/** The colour family of a badge; the text always carries the meaning, colour only supports it. */
export type BadgeTone = 'ok' | 'info' | 'warning' | 'danger';

/** Props of {@link StatusBadge}. */
export interface StatusBadgeProps {
  label: string;
  tone: BadgeTone;
}

/** A short status word ("Overdue"), exposed as `::part(badge)`. */
export function StatusBadge({ label, tone }: StatusBadgeProps) {
  return (
    <span part="badge" class={`badge badge-${tone}`}>
      {label}
    </span>
  );
}
