import { createQuestionsModel, parseAskRoute } from '../../state/questions.ts';
import type { ScreenProps } from '../screens.ts';
import { AskForm } from './ask-form.tsx';
import { QuestionList } from './question-list.tsx';
import { QuestionThread } from './question-thread.tsx';

/**
 * Questions about charges. Deep links: `view="questions"` (the list), `questions/<questionId>`
 * (one thread with the merchant's replies), `questions/new` (the form, the customer picks the
 * invoice) and `questions/new?invoice=<invoiceId>&line=<lineId>` (the form about one invoice or
 * one of its lines: what "Ask about this charge" opens, see `askRoute` in state/questions.ts).
 */
export default function QuestionsScreen({ store, route, account, headingRef }: ScreenProps) {
  const model = store.model(createQuestionsModel);
  const prefill = parseAskRoute(route.id);
  const showInvoices = store.features.value.includes('invoices');
  if (prefill) {
    return <AskForm model={model} prefill={prefill} account={account} headingRef={headingRef} navigate={store.navigate} />;
  }
  if (route.id) {
    return (
      <QuestionThread
        key={route.id}
        model={model}
        questionId={route.id}
        account={account}
        headingRef={headingRef}
        navigate={store.navigate}
        showInvoices={showInvoices}
      />
    );
  }
  return <QuestionList model={model} headingRef={headingRef} navigate={store.navigate} />;
}
