/**
 * The Billfold contract: zod schemas and inferred types for everything the portal shows and
 * changes, and the table of endpoints. The widget parses every response with these, the server
 * kit validates every request with them, and `dist/openapi.json` is generated from them.
 */
export { z } from './zod.ts';
export * from './common.ts';
export * from './money.ts';
export * from './account.ts';
export * from './contact-details.ts';
export * from './payment.ts';
export * from './invoice.ts';
export * from './payment-method.ts';
export * from './billing-cycle.ts';
export * from './payment-plan.ts';
export * from './question.ts';
export * from './history.ts';
export * from './feedback.ts';
export * from './error.ts';
export * from './endpoints.ts';
