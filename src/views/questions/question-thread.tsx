import { useEffect, useId, useRef } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { AccountSummary, Question } from '../../contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { MAX_MESSAGE_LENGTH, type QuestionsModel } from '../../state/questions.ts';
import type { Route } from '../../state/routes.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { errorMessage } from '../error-message.ts';
import { issueText, Q, STATUS_TONE } from './labels.ts';
import { TextAreaField } from './text-area-field.tsx';
import { LoadFailed } from '../load-failed.tsx';

/** Props of {@link QuestionThread}. */
export interface QuestionThreadProps {
  model: QuestionsModel;
  questionId: string;
  account: AccountSummary;
  headingRef: RefObject<HTMLHeadingElement>;
  navigate: (route: Route) => void;
  /** Whether the invoices screen is on (then the thread links to its invoice). */
  showInvoices: boolean;
}

/** The reply outcome each model has already moved focus to. */
const focusedReply = new WeakMap<QuestionsModel, number>();

/** One question as a conversation: the customer's messages and the merchant's replies, and a reply box. */
export function QuestionThread({ model, questionId, account, headingRef, navigate, showInvoices }: QuestionThreadProps) {
  const { t } = useI18n();
  const query = model.thread(questionId);
  useEffect(() => {
    // Fresh on every visit (a reply may have come in); what is cached stays on screen meanwhile.
    void query.reload();
  }, [query]);
  const state = query.state.value;
  const question = state.status === 'ready' ? state.data : undefined;

  return (
    <div class="questions question-thread">
      {/* One heading from loading to loaded: the shell focuses it on navigation. */}
      <h2 ref={headingRef} tabIndex={-1}>
        {question ? question.subject : t(`${Q}.thread.title`)}
      </h2>
      <div>
        <button type="button" class="questions-link" onClick={() => navigate({ view: 'questions' })}>
          {t(`${Q}.thread.allQuestions`)}
        </button>
      </div>
      {question ? (
        <Thread
          question={question}
          model={model}
          merchant={account.merchant.name}
          navigate={navigate}
          showInvoices={showInvoices}
        />
      ) : state.status === 'error' ? (
        <LoadFailed error={state.error} onRetry={() => void query.reload()} />
      ) : (
        <p role="status" class="loading">
          {t(`${Q}.thread.loading`)}
        </p>
      )}
    </div>
  );
}

interface ThreadProps {
  question: Question;
  model: QuestionsModel;
  merchant: string;
  navigate: (route: Route) => void;
  showInvoices: boolean;
}

function Thread({ question, model, merchant, navigate, showInvoices }: ThreadProps) {
  const { t, locale } = useI18n();
  const conversationId = useId();
  const replyId = useId();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const failure = useRef<HTMLDivElement>(null);
  const replyBox = useRef<HTMLTextAreaElement>(null);
  const draft = model.replyDrafts.value[question.id] ?? '';
  const issue = model.replyIssue.value;
  const replying = model.replying.value === question.id;
  const failed = model.replyError.value;
  const outcome = model.replyOutcome.value;
  const sent = model.sentReplyTo.value === question.id;
  const justAsked = model.justAsked.value === question.id;

  useEffect(() => {
    if (focusedReply.get(model) === outcome) return;
    focusedReply.set(model, outcome);
    if (outcome === 0) return;
    if (model.replyIssue.peek()) replyBox.current?.focus();
    else if (failure.current) failure.current.querySelector('button')?.focus();
  }, [outcome, model]);

  const replyError = issue?.questionId === question.id ? issueText(t, 'message', issue.key) : undefined;
  const status = sent ? t(`${Q}.thread.replySent`) : justAsked ? t(`${Q}.thread.asked`, { merchant }) : '';

  return (
    <>
      <p role="status" class={status ? 'questions-status questions-status-ok' : 'questions-status'} ref={statusRef}>
        {status}
      </p>
      <dl class="question-facts">
        <div>
          <dt>{t(`${Q}.thread.status`)}</dt>
          <dd>
            <StatusBadge label={t(`${Q}.status.${question.status}`)} tone={STATUS_TONE[question.status]} />
          </dd>
        </div>
        <div>
          <dt>{t(`${Q}.thread.topic`)}</dt>
          <dd>{t(`${Q}.topics.${question.topic}`)}</dd>
        </div>
        <div>
          <dt>{t(`${Q}.thread.askedOn`)}</dt>
          <dd>{formatDateTime(question.createdAt, locale)}</dd>
        </div>
      </dl>
      {showInvoices ? (
        <div>
          <button type="button" class="questions-link" onClick={() => navigate({ view: 'invoices', id: question.invoiceId })}>
            {t(`${Q}.thread.viewInvoice`)}
          </button>
        </div>
      ) : null}
      <section class="card" aria-labelledby={conversationId}>
        <h3 id={conversationId}>{t(`${Q}.thread.conversation`)}</h3>
        <ol class="messages">
          {question.messages.map((message) => {
            const fromMerchant = message.author === 'merchant';
            const who = fromMerchant
              ? message.authorName
                ? t(`${Q}.thread.fromPerson`, { name: message.authorName, merchant })
                : merchant
              : t(`${Q}.thread.you`);
            return (
              <li key={message.id} class={fromMerchant ? 'message message-merchant' : 'message message-customer'}>
                <p class="message-meta">
                  <strong>{who}</strong>{' '}
                  <time dateTime={message.sentAt}>{formatDateTime(message.sentAt, locale)}</time>
                </p>
                {/* Plain text, line breaks kept by CSS; never HTML. */}
                <p class="message-body">{message.body}</p>
              </li>
            );
          })}
        </ol>
      </section>
      <form
        class="reply-form"
        noValidate
        aria-labelledby={replyId}
        onSubmit={(event) => {
          event.preventDefault();
          void model.submitReply(question.id);
        }}
      >
        <h3 id={replyId}>{t(`${Q}.thread.replyTitle`)}</h3>
        <TextAreaField
          id={`${replyId}-message`}
          label={t(`${Q}.thread.reply`)}
          hint={t(`${Q}.thread.replyHint`)}
          value={draft}
          onInput={(value) => model.setReply(question.id, value)}
          maxLength={MAX_MESSAGE_LENGTH}
          rows={4}
          error={replyError}
          textareaRef={replyBox}
        />
        {failed && failed.questionId === question.id ? (
          <div ref={failure}>
            <Alert message={`${errorMessage(t, failed.error)} ${t(`${Q}.thread.replyFailed`)}`}>
              <Button variant="primary" type="submit">
                {t('error.retry')}
              </Button>
            </Alert>
          </div>
        ) : null}
        <div class="form-actions">
          <Button type="submit" variant="primary" busy={replying}>
            {replying ? t(`${Q}.thread.sending`) : t(`${Q}.thread.send`)}
          </Button>
        </div>
      </form>
    </>
  );
}
