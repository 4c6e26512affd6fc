import { useEffect, useId } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { AccountSummary, Question } from '../../contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { QuestionsModel } from '../../state/questions.ts';
import type { Route } from '../../state/routes.ts';
import { TextAreaField } from '../../ui/field.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { errorMessage } from '../error-message.ts';
import { Confirmation, FormShell } from '../form-shell.tsx';
import { Remote, Screen } from '../screen.tsx';
import { issueText, Q, STATUS_TONE } from './labels.ts';

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
    <Screen
      class="questions question-thread"
      title={question ? question.subject : t(`${Q}.thread.title`)}
      headingRef={headingRef}
    >
      <div>
        <button type="button" class="link-button" onClick={() => navigate({ view: 'questions' })}>
          {t(`${Q}.thread.allQuestions`)}
        </button>
      </div>
      <Remote state={state} onRetry={() => void query.reload()} loading={t(`${Q}.thread.loading`)}>
        {(loaded) => (
          <Thread question={loaded} model={model} merchant={account.merchant.name} navigate={navigate} showInvoices={showInvoices} />
        )}
      </Remote>
    </Screen>
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
  const form = model.replyForm(question.id);
  const sent = model.sentReplyTo.value === question.id;
  const justAsked = model.justAsked.value === question.id;
  const issue = form.issues.value[0];
  const replyError = issue ? issueText(t, issue) : undefined;
  const status = sent ? t(`${Q}.thread.replySent`) : justAsked ? t(`${Q}.thread.asked`, { merchant }) : '';

  return (
    <>
      <Confirmation form={form.status}>{status}</Confirmation>
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
          <button type="button" class="link-button" onClick={() => navigate({ view: 'invoices', id: question.invoiceId })}>
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
                <p class="message-body" lang={message.lang ?? undefined}>
                  {message.body}
                </p>
              </li>
            );
          })}
        </ol>
      </section>
      <h3 id={replyId}>{t(`${Q}.thread.replyTitle`)}</h3>
        <FormShell
          form={form.status}
          class="reply-form"
          labelledBy={replyId}
          onSubmit={() => void model.submitReply(question.id)}
          describe={(found) => ({ target: `${replyId}-message`, message: issueText(t, found) })}
          failureText={(error) => `${errorMessage(t, error)} ${t(`${Q}.thread.replyFailed`)}`}
          submitLabel={t(`${Q}.thread.send`)}
          busyLabel={t(`${Q}.thread.sending`)}
        >
          <TextAreaField
            id={`${replyId}-message`}
            label={t(`${Q}.thread.reply`)}
            hint={t(`${Q}.thread.replyHint`)}
            value={form.draft.value.message}
            onInput={(value) => model.setReply(question.id, value)}
            maxLength={form.rules('message').maxLength}
            rows={4}
            error={replyError}
          />
        </FormShell>
    </>
  );
}
