import type { Ref } from 'preact';

/** One problem in an {@link ErrorSummary}: the message and the id of the control to fix. */
export interface ErrorSummaryItem {
  /** The id of the control (inside the same shadow root or document). */
  target: string;
  message: string;
}

/** Props of {@link ErrorSummary}. */
export interface ErrorSummaryProps {
  title: string;
  items: readonly ErrorSummaryItem[];
  /** The container is focusable (`tabIndex=-1`) so the form can move focus here after a failed submit. */
  containerRef?: Ref<HTMLDivElement>;
}

/**
 * The list of problems above a form, each a link that moves focus to its control. A fragment
 * link cannot reach into a shadow root, so the click finds the control in the link's own root
 * and focuses it (the `href` stays for a meaningful link and a middle click). Exposed as
 * `::part(error-summary)`.
 */
export function ErrorSummary({ title, items, containerRef }: ErrorSummaryProps) {
  if (items.length === 0) return null;
  // Focus lands on the container, so a screen reader reads the title and the list at once.
  return (
    <div part="error-summary" class="error-summary" ref={containerRef} tabIndex={-1}>
      <h3>{title}</h3>
      <ul>
        {items.map((item, index) => (
          <li key={`${item.target}-${index}`}>
            <a
              href={`#${item.target}`}
              onClick={(event) => {
                const root = event.currentTarget.getRootNode() as Document | ShadowRoot;
                const control = root.getElementById(item.target);
                if (!control) return;
                event.preventDefault();
                control.focus();
                control.scrollIntoView?.({ block: 'center' });
              }}
            >
              {item.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
