import type { ComponentChildren } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef } from 'preact/hooks';

/** Props of {@link Dialog}. */
export interface DialogProps {
  /** Whether the dialog is shown. */
  open: boolean;
  /** The dialog's heading; it also names the dialog for screen readers. */
  title: string;
  /** Called when the customer dismisses it (Escape, or the caller's own close button). */
  onClose: () => void;
  /** While true, Escape does not close (e.g. a payment is being submitted). */
  busy?: boolean;
  /**
   * Where focus goes after closing when the control that opened the dialog is gone (e.g. the
   * "Pay now" button was replaced by the payment's status).
   */
  returnFocus?: () => HTMLElement | null | undefined;
  /** Send focus to `returnFocus` even if the opener is still there (the action it offered is done). */
  preferReturnFocus?: boolean;
  /** What the dialog is about, read out with its title (e.g. the amount and the invoice). */
  summary?: ComponentChildren;
  children: ComponentChildren;
}

/**
 * A modal confirm step on the native `<dialog>` with `showModal()`: the browser makes the rest of
 * the page inert (a real focus trap, also across the shadow boundary), puts the dialog in the top
 * layer above any host page CSS, and closes it on Escape. No inline styles are involved, so it
 * holds under a strict CSP. Focus returns to the control that opened it. Exposed as
 * `::part(dialog)`.
 */
export function Dialog({ open, title, onClose, busy = false, returnFocus, preferReturnFocus = false, summary, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const summaryId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The latest props for the native event listeners, which are attached once.
  const latest = useRef({ onClose, busy, returnFocus, preferReturnFocus });
  latest.current = { onClose, busy, returnFocus, preferReturnFocus };

  // After every render, not only when `open` changes: Escape closes the native dialog by itself,
  // and a keyboard user who reopens it at once (Enter on "Pay now") sets `open` back to true
  // within the same batched render, so the prop never looked different.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = activeElementIn(dialog);
      // jsdom (unit tests) has no showModal; a plain open dialog keeps the content testable.
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      // The title first (then the summary it is described by), not whichever button comes first
      // while the content is still loading.
      heading.current?.focus();
    } else if (!open && dialog.open) {
      close(dialog);
    }
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onCancel = (event: Event) => {
      // Escape: closing while a payment is submitted would hide its outcome.
      if (latest.current.busy) event.preventDefault();
    };
    const onNativeClose = () => {
      const { preferReturnFocus: prefer, returnFocus: fallback } = latest.current;
      const target = (prefer ? fallback?.() : undefined) ?? (opener.current?.isConnected ? opener.current : fallback?.());
      opener.current = null;
      target?.focus();
      latest.current.onClose();
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onNativeClose);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onNativeClose);
      if (dialog.open) close(dialog);
    };
  }, []);

  return (
    <dialog ref={ref} part="dialog" class="dialog" aria-labelledby={titleId} aria-describedby={summary ? summaryId : undefined} aria-modal="true">
      {open ? (
        <div class="dialog-body">
          <h3 id={titleId} tabIndex={-1} ref={heading}>
            {title}
          </h3>
          {summary ? <p id={summaryId}>{summary}</p> : null}
          {children}
        </div>
      ) : null}
    </dialog>
  );
}

function close(dialog: HTMLDialogElement): void {
  if (typeof dialog.close === 'function') dialog.close();
  else {
    dialog.removeAttribute('open');
    dialog.dispatchEvent(new Event('close'));
  }
}

/** The focused element, looking through the shadow root the dialog lives in. */
function activeElementIn(node: Node): HTMLElement | null {
  const root = node.getRootNode() as Document | ShadowRoot;
  const active = root.activeElement;
  return active instanceof HTMLElement ? active : null;
}
