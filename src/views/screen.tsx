import type { ComponentChildren, RefObject, VNode } from 'preact';
import type { BillfoldError } from '../api/errors.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import type { LoadState } from '../state/remote.ts';
import { Alert } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';
import { errorMessage } from './error-message.ts';

/** Props of {@link Screen}. */
export interface ScreenShellProps {
  /** The screen's `<h2>`; focus moves there after navigation. */
  title: ComponentChildren;
  /** A sentence under the title saying what the screen is for. */
  intro?: ComponentChildren;
  headingRef: RefObject<HTMLHeadingElement>;
  /** The screen's own class, for its layout. */
  class: string;
  /** Beside the title in a `<header>` of this class (a status badge, a link back to the list). */
  header?: { class: string; children: ComponentChildren };
  children: ComponentChildren;
}

/**
 * Every screen's frame: a focusable title (one element from loading to loaded, so the focus the
 * shell puts there after navigation stays), an optional intro, then the content.
 */
export function Screen({ title, intro, headingRef, class: className, header, children }: ScreenShellProps) {
  const heading = (
    <h2 ref={headingRef} tabIndex={-1}>
      {title}
    </h2>
  );
  return (
    <div class={className}>
      {header ? (
        <header class={header.class}>
          {heading}
          {header.children}
        </header>
      ) : (
        heading
      )}
      {intro ? <p class="screen-intro">{intro}</p> : null}
      {children}
    </div>
  );
}

/** Props of {@link Remote}. */
export interface RemoteProps<T> {
  state: LoadState<T>;
  /** "Try again" after a failed load. */
  onRetry: () => void;
  /** What is loading, in words ("Loading your invoices…"); the portal's generic words by default. */
  loading?: string;
  /** The content, once the data is there. */
  children: (data: T) => VNode | null;
}

/**
 * Remote data in its three states: loading (announced), failed (the failure in plain words and
 * "Try again"), and ready. Every screen renders what it loads through this.
 */
export function Remote<T>({ state, onRetry, loading, children }: RemoteProps<T>) {
  const { t } = useI18n();
  if (state.status === 'ready') return children(state.data);
  if (state.status === 'error') return <LoadFailed error={state.error} onRetry={onRetry} />;
  return <Loading text={loading ?? t('portal.loading')} />;
}

/** Something is on its way, announced politely. */
export function Loading({ text }: { text: string }) {
  return (
    <p role="status" class="loading">
      {text}
    </p>
  );
}

/** A load that failed: the failure in plain words and "Try again". */
export function LoadFailed({ error, onRetry }: { error: BillfoldError; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <Alert message={errorMessage(t, error)}>
      <Button variant="primary" onClick={onRetry}>
        {t('error.retry')}
      </Button>
    </Alert>
  );
}
