import { useEffect, useId } from 'preact/hooks';
import type { RefObject } from 'preact';
import { useI18n } from '../../i18n/i18n-context.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { askRoute, type QuestionsModel } from '../../state/questions.ts';
import type { Route } from '../../state/routes.ts';
import { Button } from '../../ui/button.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { Q, STATUS_TONE } from './labels.ts';
import { Remote, Screen } from '../screen.tsx';

/** Props of {@link QuestionList}. */
export interface QuestionListProps {
  model: QuestionsModel;
  headingRef: RefObject<HTMLHeadingElement>;
  navigate: (route: Route) => void;
}

/** The customer's questions, newest first, each opening its thread; and "Ask about a charge". */
export function QuestionList({ model, headingRef, navigate }: QuestionListProps) {
  const { t, locale } = useI18n();
  const listId = useId();
  useEffect(() => {
    // Fresh on every visit: the merchant may have answered since.
    void model.reloadList();
  }, [model]);
  const state = model.list.value;

  const content = (
    <Remote state={state} onRetry={() => void model.reloadList()} loading={t(`${Q}.loading`)}>
      {(data) => {
        const items = data.items;
        return (
          items.length === 0 ? (
            <p class="questions-empty">{t(`${Q}.empty`)}</p>
          ) : (
            <>
              <h3 id={listId} class="visually-hidden">
                {t(`${Q}.listLabel`)}
              </h3>
              <ul class="question-list" aria-labelledby={listId}>
                {items.map((question) => {
                  const last = question.lastMessage;
                  return (
                    <li key={question.id} class="question-row">
                      <button type="button" class="question-open" onClick={() => navigate({ view: 'questions', id: question.id })}>
                        {question.subject}
                      </button>
                      <StatusBadge label={t(`${Q}.status.${question.status}`)} tone={STATUS_TONE[question.status]} />
                      <p class="question-meta">
                        {t(`${Q}.topics.${question.topic}`)}
                        {last ? (
                          <>
                            {' · '}
                            {t(last.author === 'merchant' ? `${Q}.lastFromMerchant` : `${Q}.lastFromYou`, {
                              date: formatDateTime(last.sentAt, locale),
                            })}
                          </>
                        ) : null}
                      </p>
                    </li>
                  );
                })}
              </ul>
            </>
          ));
      }}
    </Remote>
  );

  return (
    <Screen class="questions" title={t(`${Q}.title`)} intro={t(`${Q}.intro`)} headingRef={headingRef}>
      <div>
        <Button variant="primary" onClick={() => navigate(askRoute())}>
          {t(`${Q}.ask`)}
        </Button>
      </div>
      {content}
    </Screen>
  );
}
