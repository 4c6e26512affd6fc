import type { BillfoldError } from '../api/errors.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { Alert } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';
import { errorMessage } from './error-message.ts';

/** A load that failed: the failure in plain words and "Try again". Every screen uses this one. */
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
