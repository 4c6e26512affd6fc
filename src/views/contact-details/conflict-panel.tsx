import type { Ref } from 'preact';
import { useId } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n-context.ts';
import type { Conflict } from '../../state/contact-details.ts';
import { Button } from '../../ui/button.tsx';
import { fieldLabel, formatLeaf, K } from './labels.ts';

/** Props of {@link ConflictPanel}. */
export interface ConflictPanelProps {
  conflict: Conflict;
  /** Focus moves here when the conflict appears. */
  headingRef: Ref<HTMLHeadingElement>;
  /** A save is running (the apply button says so). */
  busy: boolean;
  onApply: () => void;
  onUseTheirs: () => void;
}

/**
 * Someone saved the record while the customer was editing (412): what changed meanwhile, field
 * by field, beside the customer's own value, and one click to apply their edit again on top.
 * A list of pairs rather than a table, so it reads well at 320px and in a screen reader.
 */
export function ConflictPanel({ conflict, headingRef, busy, onApply, onUseTheirs }: ConflictPanelProps) {
  const { t, locale } = useI18n();
  const titleId = useId();
  return (
    <section part="card" class="card conflict" aria-labelledby={titleId}>
      <h3 id={titleId} ref={headingRef} tabIndex={-1}>
        {t(`${K}.conflict.title`)}
      </h3>
      <p>{t(`${K}.conflict.body`)}</p>
      <ul class="conflict-changes">
        {conflict.changes.map((change) => (
          <li key={change.path} class="conflict-change">
            <p class="conflict-field">{fieldLabel(t, change.path)}</p>
            <dl>
              <div>
                <dt>{t(`${K}.conflict.theirs`)}</dt>
                <dd>{formatLeaf(t, locale, change.path, change.theirs)}</dd>
              </div>
              <div>
                <dt>{t(`${K}.conflict.yours`)}</dt>
                <dd>{formatLeaf(t, locale, change.path, change.yours)}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      <p class="field-hint">{t(`${K}.conflict.applyHint`)}</p>
      <div class="form-actions">
        <Button variant="primary" onClick={onApply} busy={busy}>
          {t(`${K}.conflict.apply`)}
        </Button>
        <Button onClick={onUseTheirs}>{t(`${K}.conflict.useTheirs`)}</Button>
      </div>
    </section>
  );
}
