/**
 * `billfold/server`: the server kit. Mount {@link createBillfoldHandler} over your billing system
 * (a {@link BillingAdapter}) to serve the Billfold contract, mint session tokens for the widget
 * with {@link createSessionToken}, or start from the reference adapter (SQL over PGlite or
 * PostgreSQL).
 */
export { createBillfoldHandler } from './handler.ts';
export type { BillfoldHandlerOptions, FetchHandler } from './handler.ts';
export { formatEtag, parseIfMatch, ifMatchAccepts } from './etag.ts';
export type { EntityTag } from './etag.ts';
export { fieldErrorsFromIssues } from './request-input.ts';
export { parseAcceptLanguage, pickLanguage, contentLanguageOf } from './accept-language.ts';
export { toNodeListener, toFetchRequest, writeFetchResponse } from './node.ts';
export type { NodeListenerOptions } from './node.ts';
export {
  createSessionToken,
  verifySessionToken,
  createSessionVerifier,
  SessionTokenError,
  SESSION_AUDIENCE,
  MAX_SESSION_TTL_SECONDS,
} from './session.ts';
export type {
  CreateSessionTokenOptions,
  SessionClaims,
  SessionSecret,
  SessionToken,
  SessionVerifier,
  VerifySessionTokenOptions,
} from './session.ts';
export type { RateDecision, RateLimiter } from './rate-limit.ts';
export { createSqlRateLimiter } from './reference/rate-limiter.ts';
export type { SqlRateLimiterOptions } from './reference/rate-limiter.ts';
export { HttpError, VersionConflictError, isHttpError } from './errors.ts';
export type { HttpErrorInit } from './errors.ts';
export { toProblem, problemResponse, contractCode, isErrorCode, PROBLEM_TITLES } from './problem.ts';
export type { ProblemInit } from './problem.ts';
export { ReconciliationError, reconciliationProblems } from './reconciliation.ts';
export type { ReconciliationMode } from './reconciliation.ts';
export { IDEMPOTENCY_TTL_MS, IDEMPOTENCY_LOCK_MS } from './adapter.ts';
export type {
  AdapterContext,
  BillingAdapter,
  IdempotencyBeginResult,
  IdempotencyScope,
  IdempotencyStore,
  StoredResponse,
  VersionedRecord,
} from './adapter.ts';
export { createReferenceAdapter } from './reference/reference-adapter.ts';
export type { ReferenceAdapter, ReferenceAdapterOptions, ReferenceLimits, StoredPlanPolicy } from './reference/reference-adapter.ts';
export { createSqlIdempotencyStore } from './reference/idempotency-store.ts';
export type { SqlIdempotencyStoreOptions } from './reference/idempotency-store.ts';
export { openReferenceDatabase } from './reference/database.ts';
export type { ReferenceDatabaseOptions } from './reference/database.ts';
export { openPglite, openPostgres } from './reference/sql.ts';
export type { PostgresOptions, QueryOptions, Row, Sql, SqlQueryable } from './reference/sql.ts';
export { migrate, migrations } from './reference/migrations.ts';
export type { Migration } from './reference/migrations.ts';
export { recordWebhookEvent, newWebhookId, WEBHOOK_EVENT_TYPES } from './webhooks/events.ts';
export type { WebhookEventData, WebhookEventInit, WebhookEventType, WebhookPayload } from './webhooks/events.ts';
export { signWebhook, generateWebhookSecret, webhookSecretKey } from './webhooks/signing.ts';
export type { WebhookHeaders } from './webhooks/signing.ts';
export { createWebhookDelivery, webhookRetryDelayMs, DEFAULT_WEBHOOK_RETRY } from './webhooks/delivery.ts';
export type { WebhookDelivery, WebhookDeliveryOptions, WebhookRetryPolicy, WebhookRound } from './webhooks/delivery.ts';
