import type { AddPaymentMethodRequest, PaymentMethod, PaymentMethodList } from '../../../contract/index.ts';
import type { BillingAdapter } from '../../adapter.ts';
import { HttpError } from '../../errors.ts';
import type { MethodRow } from '../rows.ts';
import { isCardExpired, parseSandboxToken } from '../sandbox-cards.ts';
import type { SqlQueryable } from '../sql.ts';
import { methodLabel, toPaymentMethod } from '../to-contract.ts';
import { loadContactEmail } from './contact-details.ts';
import { newId, type ReferenceEnv } from './env.ts';
import { addHistory } from './history.ts';
import { refusal, REFUSALS, SUBJECTS } from '../messages.ts';

/** The customer's saved methods: the default first, then oldest first. */
export async function loadMethods(q: SqlQueryable, customerId: string): Promise<MethodRow[]> {
  return q.query<MethodRow>(
    `SELECT * FROM payment_methods WHERE customer_id = $1 AND removed_at IS NULL
     ORDER BY is_default DESC, created_at ASC, id ASC`,
    [customerId],
  );
}

async function listMethods(q: SqlQueryable, customerId: string): Promise<PaymentMethodList> {
  return { items: (await loadMethods(q, customerId)).map(toPaymentMethod) };
}

/**
 * Save the card or bank account a provider token stands for. A token works once; the first method
 * of an account becomes its default. 422 for an unknown, expired or used token.
 */
export async function addPaymentMethod(
  env: ReferenceEnv,
  tx: SqlQueryable,
  customerId: string,
  body: AddPaymentMethodRequest,
): Promise<PaymentMethod> {
  const parsed = parseSandboxToken(body.token);
  if (!parsed) {
    throw HttpError.invalid([refusal('token', 'invalid_token', REFUSALS.tokenInvalid)]);
  }
  if (parsed.type === 'card' && isCardExpired(parsed.expMonth, parsed.expYear, env.now())) {
    throw HttpError.invalid([refusal('token', 'card_expired', REFUSALS.cardExpired)]);
  }
  // Per customer: whether another customer saved this token is none of this customer's business.
  const used = await tx.query('SELECT 1 FROM payment_methods WHERE customer_id = $1 AND token = $2', [customerId, body.token]);
  if (used.length > 0) {
    throw HttpError.invalid([refusal('token', 'token_used', REFUSALS.tokenUsed)]);
  }
  const existing = await loadMethods(tx, customerId);
  if (existing.length >= env.limits.methodsPerCustomer) {
    throw HttpError.conflict('This account holds as many payment methods as it can. Please remove one you no longer use first.', 'limit_reached');
  }
  const makeDefault = body.makeDefault || existing.length === 0;
  if (makeDefault) await tx.query('UPDATE payment_methods SET is_default = false WHERE customer_id = $1', [customerId]);
  const [row] = await tx.query<MethodRow>(
    `INSERT INTO payment_methods (id, customer_id, type, brand, last4, exp_month, exp_year, bank_name, is_default, outcome, token, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
    [
      newId('pm'),
      customerId,
      parsed.type,
      parsed.type === 'card' ? parsed.brand : null,
      parsed.last4,
      parsed.type === 'card' ? parsed.expMonth : null,
      parsed.type === 'card' ? parsed.expYear : null,
      parsed.type === 'bank_account' ? parsed.bankName : null,
      makeDefault,
      parsed.outcome,
      body.token,
      env.now(),
    ],
  );
  await addHistory(env, tx, customerId, {
    channel: 'email',
    direction: 'outbound',
    kind: 'notice',
    subject: SUBJECTS.methodAdded(methodLabel(row!)),
    sentTo: await loadContactEmail(tx, customerId),
  });
  return toPaymentMethod(row!);
}

/** Make one saved method the default; 404 when it is not the customer's. */
export async function setDefaultPaymentMethod(
  tx: SqlQueryable,
  customerId: string,
  paymentMethodId: string,
): Promise<PaymentMethodList> {
  const methods = await loadMethods(tx, customerId);
  if (!methods.some((m) => m.id === paymentMethodId)) throw HttpError.notFound('There is no such payment method on this account.');
  // The old default first: the unique index on defaults is checked row by row.
  await tx.query('UPDATE payment_methods SET is_default = false WHERE customer_id = $1 AND is_default AND id <> $2', [
    customerId,
    paymentMethodId,
  ]);
  await tx.query('UPDATE payment_methods SET is_default = true WHERE id = $1', [paymentMethodId]);
  return listMethods(tx, customerId);
}

/**
 * Remove a saved method. The only one stays while a charge is scheduled (409
 * `payment_method_required`); when the default goes, the oldest remaining method takes over.
 */
export async function removePaymentMethod(
  env: ReferenceEnv,
  tx: SqlQueryable,
  customerId: string,
  paymentMethodId: string,
): Promise<PaymentMethodList> {
  const methods = await loadMethods(tx, customerId);
  const method = methods.find((m) => m.id === paymentMethodId);
  if (!method) throw HttpError.notFound('There is no such payment method on this account.');
  if (methods.length === 1) {
    const cycle = await tx.query('SELECT 1 FROM billing_cycles WHERE customer_id = $1', [customerId]);
    if (cycle.length > 0) {
      throw HttpError.conflict(
        'This is your only payment method and a charge is scheduled. Add another method before removing this one.',
        'payment_method_required',
      );
    }
  }
  await tx.query('UPDATE payment_methods SET removed_at = $2, is_default = false WHERE id = $1', [paymentMethodId, env.now()]);
  if (method.is_default) {
    // The oldest remaining method takes over, so scheduled charges still have one.
    const next = methods.find((m) => m.id !== paymentMethodId);
    if (next) await tx.query('UPDATE payment_methods SET is_default = true WHERE id = $1', [next.id]);
  }
  return listMethods(tx, customerId);
}

/** Saved payment methods: list, add from a provider token, choose the default, remove. */
export function paymentMethodsAdapter(
  env: ReferenceEnv,
): Pick<BillingAdapter, 'listPaymentMethods' | 'addPaymentMethod' | 'setDefaultPaymentMethod' | 'removePaymentMethod'> {
  return {
    listPaymentMethods: ({ customerId }) => listMethods(env.sql, customerId),
    addPaymentMethod: ({ customerId }, body) =>
      env.change(
        customerId,
        (tx) => addPaymentMethod(env, tx, customerId, body),
        (paymentMethod) => ({ type: 'payment_method.added', data: { paymentMethod } }),
      ),
    setDefaultPaymentMethod: ({ customerId }, id) => env.change(customerId, (tx) => setDefaultPaymentMethod(tx, customerId, id)),
    removePaymentMethod: ({ customerId }, id) =>
      env.change(
        customerId,
        (tx) => removePaymentMethod(env, tx, customerId, id),
        () => ({ type: 'payment_method.removed', data: { paymentMethodId: id } }),
      ),
  };
}
