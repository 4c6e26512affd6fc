import { describe, expect, it } from 'vitest';
import { BillfoldError } from '../api/errors.ts';
import type { BillfoldClient, CallOptions, Versioned } from '../api/types.ts';
import type { ContactDetails, FieldError } from '../contract/index.ts';
import {
  changedFields,
  checkDraft,
  createContactDetailsModel,
  reapply,
  toDraft,
  type ContactDraft,
} from './contact-details.ts';
import { fakeContext } from '../test-support/store-context.ts';

function northwind(): ContactDetails {
  return {
    name: 'Northwind Analytics GmbH',
    email: 'billing@northwind-analytics.example',
    phone: '+49 30 5557 1200',
    billingAddress: { line1: 'Torstraße 112', line2: '3. OG', city: 'Berlin', postalCode: '10119', region: null, country: 'DE' },
    taxId: 'DE811569869',
    recipients: [
      { id: 'rcp_ap', name: 'Accounts Payable', email: 'ap@northwind.example' },
      { id: 'rcp_cfo', name: 'Katrin Vogt', email: 'katrin@northwind.example' },
      { id: 'rcp_eng', name: 'Tomás Herrera', email: 'tomas@northwind.example' },
    ],
    preferences: { channel: 'email', reminderDaysBefore: 7, language: 'en' },
  };
}

type Put = { body: ContactDetails; etag: string; key: string | undefined };

/**
 * A backend in memory that behaves like the contract: versions and If-Match, ids for new
 * recipients, idempotent replays by key, and failures the test queues up.
 */
function memoryBackend() {
  let version = 1;
  let record = northwind();
  let ids = 0;
  const puts: Put[] = [];
  const replies = new Map<string, Versioned<ContactDetails>>();
  const failures: BillfoldError[] = [];
  const etag = () => `"${version}"`;
  const client = {
    async getContactDetails(): Promise<Versioned<ContactDetails>> {
      return { value: structuredClone(record), etag: etag() };
    },
    async updateContactDetails(body: ContactDetails, ifMatch: string, options?: CallOptions) {
      puts.push({ body, etag: ifMatch, key: options?.idempotencyKey });
      const failure = failures.shift();
      if (failure) throw failure;
      const replay = options?.idempotencyKey && replies.get(options.idempotencyKey);
      if (replay) return replay;
      if (ifMatch !== etag()) throw new BillfoldError('conflict', 'stale', { status: 412, code: 'precondition_failed' });
      version++;
      record = { ...structuredClone(body), recipients: body.recipients.map((r) => ({ ...r, id: r.id ?? `rcp_new_${++ids}` })) };
      const answer = { value: structuredClone(record), etag: etag() };
      if (options?.idempotencyKey) replies.set(options.idempotencyKey, answer);
      return answer;
    },
  } as unknown as BillfoldClient;
  return {
    client,
    puts,
    failures,
    get record() {
      return record;
    },
    get version() {
      return version;
    },
    /** Someone else saves (another tab, an agent at the merchant). */
    changeElsewhere(change: (details: ContactDetails) => ContactDetails) {
      record = change(structuredClone(record));
      version++;
    },
  };
}

function setup() {
  const backend = memoryBackend();
  const { context, changes, errors, refreshes } = fakeContext(backend.client);
  const model = createContactDetailsModel(context);
  return { backend, model, changes, errors, refreshes };
}

describe('checkDraft', () => {
  it('accepts the record as loaded and trims what was typed', () => {
    const draft = toDraft(northwind());
    draft.name = '  Northwind  ';
    const check = checkDraft(draft);
    expect(check.ok && check.body.name).toBe('Northwind');
  });

  it('names each refused field by path and reason, in form order, without zod messages', () => {
    const draft = toDraft(northwind());
    draft.preferences.reminderDaysBefore = '45';
    draft.billingAddress.postalCode = ' ';
    draft.email = 'billing@';
    draft.name = '';
    draft.phone = '12';
    draft.billingAddress.city = 'x'.repeat(101);
    draft.recipients[1]!.email = 'not-an-email';
    const check = checkDraft(draft);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.issues).toEqual([
      { path: 'name', key: 'required' },
      { path: 'email', key: 'email' },
      { path: 'phone', key: 'format' },
      { path: 'billingAddress.city', key: 'tooLong', max: 100 },
      { path: 'billingAddress.postalCode', key: 'required' },
      { path: 'recipients.1.email', key: 'email' },
      { path: 'preferences.reminderDaysBefore', key: 'range', min: 0, max: 30 },
    ]);
  });

  it('tells an empty day count from a non-number, and asks for a phone for SMS', () => {
    const draft = toDraft(northwind());
    draft.preferences.reminderDaysBefore = '';
    draft.preferences.channel = 'sms';
    draft.phone = '';
    let check = checkDraft(draft);
    expect(!check.ok && check.issues).toEqual([
      { path: 'phone', key: 'phoneForChannel' },
      { path: 'preferences.reminderDaysBefore', key: 'required' },
    ]);
    draft.preferences.reminderDaysBefore = '2.5';
    check = checkDraft(draft);
    expect(!check.ok && check.issues).toContainEqual({ path: 'preferences.reminderDaysBefore', key: 'wholeNumber' });
  });

  it('refuses the same recipient twice', () => {
    const draft = toDraft(northwind());
    draft.recipients.push({ key: 'x', name: 'AP again', email: ' AP@northwind.example ' });
    const check = checkDraft(draft);
    expect(!check.ok && check.issues).toEqual([{ path: 'recipients.3.email', key: 'duplicateRecipient' }]);
  });
});

describe('changedFields', () => {
  it('names top-level fields only, and ignores null versus missing and recipient ids', () => {
    const before = northwind();
    const after = { ...northwind(), phone: undefined, recipients: northwind().recipients.map(({ name, email }) => ({ name, email })) };
    expect(changedFields(before, { ...after, phone: '+49 30 5557 1200' })).toEqual([]);
    expect(changedFields({ ...before, taxId: null }, { ...before, taxId: undefined })).toEqual([]);
    expect(changedFields(before, { ...before, billingAddress: { ...before.billingAddress, city: 'Potsdam' }, preferences: { ...before.preferences, language: 'de' } })).toEqual([
      'billingAddress',
      'preferences',
    ]);
  });
});

describe('reapply', () => {
  it("puts the customer's edits on top of the new version and keeps everything else from it", () => {
    const base = toDraft(northwind());
    const theirs: ContactDraft = { ...toDraft(northwind()), taxId: 'DE999999999' };
    theirs.recipients = theirs.recipients.filter((r) => r.id !== 'rcp_cfo');
    theirs.recipients.push({ key: 'rcp_x', id: 'rcp_x', name: 'Added elsewhere', email: 'x@northwind.example' });
    theirs.billingAddress = { ...theirs.billingAddress, city: 'Potsdam' };
    const yours = toDraft(northwind());
    yours.billingAddress = { ...yours.billingAddress, line1: 'Invalidenstraße 117' };
    yours.recipients = yours.recipients
      .filter((r) => r.id !== 'rcp_eng')
      .map((r) => (r.id === 'rcp_ap' ? { ...r, name: 'AP team' } : r.id === 'rcp_cfo' ? { ...r, email: 'cfo@northwind.example' } : r));
    yours.recipients.push({ key: 'new-1', name: 'Lena', email: 'lena@northwind.example' });

    const merged = reapply(base, theirs, yours);
    expect(merged.taxId).toBe('DE999999999');
    expect(merged.billingAddress).toMatchObject({ line1: 'Invalidenstraße 117', city: 'Potsdam' });
    expect(merged.recipients.map((r) => [r.id, r.name, r.email])).toEqual([
      ['rcp_ap', 'AP team', 'ap@northwind.example'],
      ['rcp_x', 'Added elsewhere', 'x@northwind.example'],
      // Removed elsewhere, but the customer had edited it: their typing comes back as a new row.
      [undefined, 'Katrin Vogt', 'cfo@northwind.example'],
      [undefined, 'Lena', 'lena@northwind.example'],
    ]);
  });
});

describe('createContactDetailsModel', () => {
  it('loads the record into a draft and saves with If-Match, keeping the new ETag', async () => {
    const { backend, model, changes, refreshes } = setup();
    await model.load();
    expect(model.draft.value?.name).toBe('Northwind Analytics GmbH');
    expect(model.base.value?.etag).toBe('"1"');

    model.setField('billingAddress.line1', 'Invalidenstraße 117');
    model.removeRecipient('rcp_eng');
    const key = model.addRecipient()!;
    model.setRecipient(key, 'name', 'Lena Schmidt');
    model.setRecipient(key, 'email', 'lena@northwind.example');
    expect(model.dirty.value).toBe(true);
    expect(await model.submit()).toBe(true);

    expect(backend.puts).toHaveLength(1);
    expect(backend.puts[0]!.etag).toBe('"1"');
    expect(backend.puts[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(backend.record.recipients.map((r) => r.name)).toEqual(['Accounts Payable', 'Katrin Vogt', 'Lena Schmidt']);
    expect(model.base.value?.etag).toBe('"2"');
    expect(model.phase.value).toBe('saved');
    expect(model.saved.value).toEqual(['billingAddress', 'recipients']);
    expect(model.dirty.value).toBe(false);
    expect(changes).toEqual([{ type: 'contact-details-updated', changedFields: ['billingAddress', 'recipients'] }]);
    // The account (and with it the portal's language) is read again.
    expect(refreshes()).toBe(1);

    // The next save goes out with the new ETag: no false conflict.
    model.setField('taxId', 'DE123456789');
    await model.submit();
    expect(backend.puts[1]!.etag).toBe('"2"');
    expect(model.phase.value).toBe('saved');
    expect(changes[1]).toEqual({ type: 'contact-details-updated', changedFields: ['taxId'] });
  });

  it('sends nothing while the draft has issues, and drops an issue once its field is edited', async () => {
    const { backend, model } = setup();
    await model.load();
    model.setField('email', 'billing@');
    model.setField('billingAddress.postalCode', '');
    expect(await model.submit()).toBe(false);
    expect(backend.puts).toHaveLength(0);
    expect(model.phase.value).toBe('invalid');
    expect(model.issues.value.map((i) => i.path)).toEqual(['email', 'billingAddress.postalCode']);
    model.setField('email', 'billing@northwind.example');
    expect(model.issues.value.map((i) => i.path)).toEqual(['billingAddress.postalCode']);
  });

  it("moves a removed row's issues with the rows that shift up", async () => {
    const { model } = setup();
    await model.load();
    model.setRecipient('rcp_eng', 'email', 'broken');
    await model.submit();
    expect(model.issues.value.map((i) => i.path)).toEqual(['recipients.2.email']);
    model.removeRecipient('rcp_cfo');
    expect(model.issues.value.map((i) => i.path)).toEqual(['recipients.1.email']);
  });

  it("shows the server's 422 fields where the client's own issues go, worded by code", async () => {
    const { backend, model } = setup();
    await model.load();
    const fields: FieldError[] = [
      { path: 'billingAddress.postalCode', code: 'invalid_format', message: 'Invalid input' },
      { path: 'taxId', code: 'vat_id_unknown', message: 'This VAT number is not registered.' },
    ];
    backend.failures.push(new BillfoldError('validation', 'invalid', { status: 422, code: 'validation_failed', fields }));
    model.setField('taxId', 'DE000000000');
    await model.submit();
    expect(model.phase.value).toBe('invalid');
    expect(model.issues.value).toEqual([
      { path: 'taxId', key: 'invalid', serverMessage: 'This VAT number is not registered.' },
      { path: 'billingAddress.postalCode', key: 'format' },
    ]);
    expect(model.draft.value?.taxId).toBe('DE000000000');
  });

  it('keeps everything typed when the save fails, and the retry uses the same idempotency key', async () => {
    const { backend, model, changes, errors } = setup();
    await model.load();
    model.setField('phone', '+49 30 5557 1299');
    backend.failures.push(new BillfoldError('server', 'down', { status: 503 }));
    await model.submit();
    expect(model.phase.value).toBe('failed');
    expect(model.saveError.value?.kind).toBe('server');
    expect(errors.map((e) => e.kind)).toEqual(['server']);
    expect(model.draft.value?.phone).toBe('+49 30 5557 1299');
    expect(changes).toEqual([]);

    await model.retry();
    expect(model.phase.value).toBe('saved');
    expect(backend.puts.map((p) => p.key)).toEqual([backend.puts[0]!.key, backend.puts[0]!.key]);
    expect(backend.version).toBe(2);
    expect(backend.record.phone).toBe('+49 30 5557 1299');
  });

  it('treats a retried save whose first attempt went through as saved, not as a conflict', async () => {
    const { backend, model, changes } = setup();
    await model.load();
    model.setField('taxId', 'DE111111111');
    // The server saved, but the answer was lost on the way back.
    const lost = backend.client.updateContactDetails;
    backend.client.updateContactDetails = async (...args) => {
      await lost(...args);
      throw new BillfoldError('network', 'connection reset');
    };
    await model.submit();
    expect(model.phase.value).toBe('failed');
    backend.client.updateContactDetails = async (body, etag) => {
      // A backend that lost its idempotency record answers the stale ETag with 412.
      backend.puts.push({ body, etag, key: undefined });
      throw new BillfoldError('conflict', 'stale', { status: 412 });
    };
    await model.retry();
    expect(model.conflict.value).toBeUndefined();
    expect(model.phase.value).toBe('saved');
    expect(model.base.value?.etag).toBe('"2"');
    expect(changes).toEqual([{ type: 'contact-details-updated', changedFields: ['taxId'] }]);
  });

  it('on a conflict shows what changed meanwhile beside the draft, and applies the edit again in one step', async () => {
    const { backend, model, changes } = setup();
    await model.load();
    model.setField('phone', '+49 30 5557 1299');
    model.setRecipient('rcp_ap', 'name', 'AP team');
    backend.changeElsewhere((d) => ({ ...d, taxId: 'DE999999999', preferences: { ...d.preferences, reminderDaysBefore: 3 } }));

    await model.submit();
    expect(model.phase.value).toBe('conflict');
    expect(model.conflict.value?.changes).toEqual([
      { path: 'taxId', theirs: 'DE999999999', yours: 'DE811569869' },
      { path: 'preferences.reminderDaysBefore', theirs: '3', yours: '7' },
    ]);
    // Nothing typed is lost while the customer decides.
    expect(model.draft.value?.phone).toBe('+49 30 5557 1299');
    expect(changes).toEqual([]);

    await model.applyAgain();
    expect(model.phase.value).toBe('saved');
    expect(backend.puts.map((p) => p.etag)).toEqual(['"1"', '"2"']);
    expect(backend.record).toMatchObject({
      phone: '+49 30 5557 1299',
      taxId: 'DE999999999',
      preferences: { reminderDaysBefore: 3 },
    });
    expect(backend.record.recipients[0]!.name).toBe('AP team');
    expect(model.draft.value?.taxId).toBe('DE999999999');
    expect(changes).toEqual([{ type: 'contact-details-updated', changedFields: ['phone', 'recipients'] }]);
  });

  it('can take the version saved meanwhile instead', async () => {
    const { backend, model } = setup();
    await model.load();
    model.setField('name', 'Northwind');
    backend.changeElsewhere((d) => ({ ...d, name: 'Northwind Analytics AG' }));
    await model.submit();
    expect(model.conflict.value?.changes).toEqual([{ path: 'name', theirs: 'Northwind Analytics AG', yours: 'Northwind' }]);
    model.useTheirs();
    expect(model.phase.value).toBe('editing');
    expect(model.draft.value?.name).toBe('Northwind Analytics AG');
    expect(model.base.value?.etag).toBe('"2"');
    expect(backend.puts).toHaveLength(1);
  });

  it('keeps a draft in progress when the screen is opened again', async () => {
    const { model } = setup();
    await model.load();
    model.setField('name', 'Northwind (draft)');
    await model.load();
    expect(model.draft.value?.name).toBe('Northwind (draft)');
    model.discard();
    expect(model.draft.value?.name).toBe('Northwind Analytics GmbH');
  });
});
