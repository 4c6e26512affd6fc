import { describe, expect, it } from 'vitest';
import { BillfoldError } from '../api/errors.ts';
import type { BillfoldClient, CallOptions } from '../api/types.ts';
import type { AskQuestionRequest, Question } from '../contract/index.ts';
import { fakeContext } from '../test-support/store-context.ts';
import { askRoute, createQuestionsModel, parseAskRoute, summaryOf, type QuestionsModel } from './questions.ts';
import { formatRoute, parseRoute } from './routes.ts';

function question(id: string, overrides: Partial<Question> = {}): Question {
  return {
    id,
    invoiceId: 'inv_1',
    lineId: null,
    subject: 'Invoice N-1',
    topic: 'other',
    status: 'open',
    createdAt: '2026-11-20T10:00:00Z',
    messages: [{ id: `${id}_m1`, author: 'customer', authorName: null, body: 'Why?', sentAt: '2026-11-20T10:00:00Z' }],
    ...overrides,
  };
}

/** A StoreContext over a hand-written client (the `adapter` extension point), recording what it hears. */
function harness(client: Partial<BillfoldClient>) {
  const { context, changes, errors } = fakeContext(client);
  return { model: createQuestionsModel(context), changes, errors };
}

/** The fields the ask form refuses, and why. */
const askIssues = (model: QuestionsModel) => model.ask.issues.value.map(({ path, key }) => ({ field: path, key }));

describe('the "ask about this charge" route', () => {
  it('carries any invoice and line id through the view attribute and back', () => {
    const route = askRoute('inv:1&x=2', 'ln/7?a');
    const attribute = formatRoute(route);
    const parsed = parseRoute(attribute);
    expect(parsed?.view).toBe('questions');
    expect(parseAskRoute(parsed?.id)).toEqual({ invoiceId: 'inv:1&x=2', lineId: 'ln/7?a' });
  });

  it('reads a hand-written deep link, the bare form, and tells a question id apart', () => {
    expect(parseAskRoute(parseRoute('questions/new?invoice=inv_1&line=ln_2')?.id)).toEqual({ invoiceId: 'inv_1', lineId: 'ln_2' });
    expect(parseAskRoute('new')).toEqual({ invoiceId: undefined, lineId: undefined });
    expect(askRoute()).toEqual({ view: 'questions', id: 'new' });
    expect(parseAskRoute('q_northwind_1')).toBeUndefined();
    expect(parseAskRoute('newsletter')).toBeUndefined();
    expect(parseAskRoute(undefined)).toBeUndefined();
  });
});

describe('asking a question', () => {
  it('names every missing field and sends nothing', async () => {
    let calls = 0;
    const { model } = harness({ askQuestion: async () => (calls++, question('q_1')) });
    model.prepare({});
    model.setField('message', '   ');
    expect(await model.submitQuestion()).toBeUndefined();
    expect(askIssues(model)).toEqual([
      { field: 'invoiceId', key: 'required' },
      { field: 'topic', key: 'required' },
      { field: 'message', key: 'required' },
    ]);
    expect(calls).toBe(0);
    model.setField('topic', 'other');
    expect(askIssues(model).map((issue) => issue.field)).toEqual(['invoiceId', 'message']);
  });

  it('starts from the route’s invoice and line, keeps typing on return, starts afresh for another line', () => {
    const { model } = harness({});
    model.prepare({ invoiceId: 'inv_1', lineId: 'ln_1' });
    expect(model.ask.draft.value).toMatchObject({ invoiceId: 'inv_1', lineId: 'ln_1' });
    model.setField('message', 'Half typed');
    model.prepare({ invoiceId: 'inv_1', lineId: 'ln_1' });
    expect(model.ask.draft.value.message).toBe('Half typed');
    model.prepare({ invoiceId: 'inv_1', lineId: 'ln_2' });
    expect(model.ask.draft.value).toMatchObject({ lineId: 'ln_2', message: '' });
    // Another invoice drops the line: it belonged to the old one.
    model.setField('invoiceId', 'inv_2');
    expect(model.ask.draft.value.lineId).toBe('');
  });

  it('sends the question once per action, adds it to the list and tells the host', async () => {
    const bodies: AskQuestionRequest[] = [];
    const keys: (string | undefined)[] = [];
    const asked = question('q_2', { invoiceId: 'inv_1', lineId: 'ln_1', subject: 'Invoice N-1 — API calls' });
    const stored = [question('q_1')];
    const { model, changes } = harness({
      listQuestions: async () => ({ items: stored.map(summaryOf), nextCursor: null }),
      askQuestion: async (body, options?: CallOptions) => {
        bodies.push(body);
        keys.push(options?.idempotencyKey);
        stored.unshift(asked);
        return asked;
      },
    });
    await model.loadList();
    model.prepare({ invoiceId: 'inv_1', lineId: 'ln_1' });
    model.setField('topic', 'amount_wrong');
    model.setField('message', '  Too many calls that day.  ');
    const [first, second] = await Promise.all([model.submitQuestion(), model.submitQuestion()]);
    // A double click while sending is one action.
    expect(bodies).toEqual([{ invoiceId: 'inv_1', lineId: 'ln_1', topic: 'amount_wrong', message: 'Too many calls that day.' }]);
    expect(first).toEqual(asked);
    expect(second).toBeUndefined();
    expect(keys[0]).toMatch(/[0-9a-f-]{36}/);
    expect(changes).toEqual([{ type: 'question-asked', questionId: 'q_2', invoiceId: 'inv_1' }]);
    const list = model.list.value;
    expect(list.status === 'ready' && list.data.items.map((q) => q.id)).toEqual(['q_2', 'q_1']);
    expect(model.thread('q_2').state.value).toEqual({ status: 'ready', data: asked });
    expect(model.justAsked.value).toBe('q_2');
    expect(model.ask.draft.value.message).toBe('');
  });

  it('keeps the draft and the idempotency key when the connection drops, so "Try again" acts once', async () => {
    const keys: (string | undefined)[] = [];
    let fail = true;
    const { model, changes } = harness({
      askQuestion: async (_body, options?: CallOptions) => {
        keys.push(options?.idempotencyKey);
        if (fail) throw new BillfoldError('network', 'offline');
        return question('q_3');
      },
    });
    model.prepare({ invoiceId: 'inv_1' });
    model.setField('topic', 'already_paid');
    model.setField('message', 'I paid by bank transfer.');
    expect(await model.submitQuestion()).toBeUndefined();
    expect(model.ask.failure.value?.kind).toBe('network');
    expect(model.ask.draft.value.message).toBe('I paid by bank transfer.');
    fail = false;
    expect((await model.submitQuestion())?.id).toBe('q_3');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(changes).toHaveLength(1);
  });

  it('shows the server’s refusal of a line beside the line, in our own words', async () => {
    const { model } = harness({
      askQuestion: async () => {
        throw new BillfoldError('validation', 'invalid', {
          status: 422,
          fields: [{ path: 'lineId', code: 'not_found', message: 'This line is not on the invoice.' }],
        });
      },
    });
    model.prepare({ invoiceId: 'inv_1', lineId: 'ln_gone' });
    model.setField('topic', 'other');
    model.setField('message', 'Hm?');
    await model.submitQuestion();
    expect(askIssues(model)).toEqual([{ field: 'lineId', key: 'notFound' }]);
    expect(model.ask.failure.value).toBeUndefined();
  });
});

describe('replying in a thread', () => {
  it('refuses an empty reply, then sends one and shows the new thread', async () => {
    const replies: { id: string; message: string }[] = [];
    const answered = question('q_1', { status: 'answered' });
    const { model } = harness({
      getQuestion: async () => answered,
      replyToQuestion: async (id, body) => {
        replies.push({ id, message: body.message });
        return { status: 'open', message: { id: 'm2', author: 'customer', authorName: null, body: body.message, sentAt: '2026-11-21T09:00:00Z' } };
      },
    });
    await model.thread('q_1').reload();
    expect(await model.submitReply('q_1')).toBeUndefined();
    expect(model.replyForm('q_1').issues.value.map((i) => i.key)).toEqual(['required']);
    model.setReply('q_1', ' Please pause the export. ');
    expect(model.replyForm('q_1').issues.value).toEqual([]);
    await model.submitReply('q_1');
    expect(replies).toEqual([{ id: 'q_1', message: 'Please pause the export.' }]);
    const thread = model.thread('q_1').state.value;
    expect(thread.status === 'ready' && thread.data.messages.map((m) => m.body)).toEqual(['Why?', 'Please pause the export.']);
    expect(thread.status === 'ready' && thread.data.status).toBe('open');
    expect(model.replyForm('q_1').draft.value.message).toBe('');
    expect(model.sentReplyTo.value).toBe('q_1');
  });

  it('keeps the reply when sending fails and says which thread it was for', async () => {
    const { model } = harness({
      replyToQuestion: async () => {
        throw new BillfoldError('server', 'down', { status: 503 });
      },
    });
    model.setReply('q_1', 'Still there?');
    await model.submitReply('q_1');
    expect(model.replyForm('q_1').failure.value?.kind).toBe('server');
    expect(model.replyForm('q_2').failure.value).toBeUndefined();
    expect(model.replyForm('q_1').draft.value.message).toBe('Still there?');
  });
});

describe('a stale "Ask about this charge" link', () => {
  it('falls back to the whole invoice and says the line is gone, before anything is sent', () => {
    const { model } = harness({});
    model.prepare({ invoiceId: 'inv_1', lineId: 'ln_gone' });
    model.dropUnknownLine(['ln_1', 'ln_2']);
    expect(model.ask.draft.value.lineId).toBe('');
    expect(askIssues(model)).toEqual([{ field: 'lineId', key: 'notFound' }]);
    // A line that is there stays.
    model.prepare({ invoiceId: 'inv_1', lineId: 'ln_2' });
    model.dropUnknownLine(['ln_1', 'ln_2']);
    expect(model.ask.draft.value.lineId).toBe('ln_2');
    expect(askIssues(model)).toEqual([]);
  });
});
