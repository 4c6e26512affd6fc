import type { BillfoldError } from '../api/errors.ts';
import type { ViewName } from '../state/portal-store.ts';

/** The names of every event the portal dispatches: the tag name plus what happened. */
export const BillfoldEvents = {
  ready: 'billfold-ready',
  error: 'billfold-error',
  viewChange: 'billfold-view-change',
  sessionExpired: 'billfold-session-expired',
} as const;

// Every portal event bubbles and is composed, so a host can listen on any ancestor, across
// shadow roots of its own components.
const init: EventInit = { bubbles: true, composed: true };

/** The first data is on screen. */
export class BillfoldReadyEvent extends Event {
  constructor() {
    super(BillfoldEvents.ready, init);
  }
}

/** A load failed; the portal already shows the customer an error. For logging and monitoring. */
export class BillfoldErrorEvent extends Event {
  /** What went wrong (`kind`, `status`, `code`, zod `issues` for unexpected responses). */
  readonly error: BillfoldError;
  /** The client operation that failed, e.g. `getAccount`. */
  readonly operation: string;

  constructor(error: BillfoldError, operation: string) {
    super(BillfoldEvents.error, init);
    this.error = error;
    this.operation = operation;
  }
}

/** The customer moved to another screen inside the portal (a host may mirror it in its URL). */
export class BillfoldViewChangeEvent extends Event {
  readonly view: ViewName;

  constructor(view: ViewName) {
    super(BillfoldEvents.viewChange, init);
    this.view = view;
  }
}

/**
 * The session token expired and no fresh one could be had (`getSessionToken` missing or
 * failing): the host should sign the customer in again and set `sessionToken`.
 */
export class BillfoldSessionExpiredEvent extends Event {
  constructor() {
    super(BillfoldEvents.sessionExpired, init);
  }
}

/** The portal's events by name, for typed `addEventListener` on the element and its ancestors. */
export interface BillfoldEventMap {
  'billfold-ready': BillfoldReadyEvent;
  'billfold-error': BillfoldErrorEvent;
  'billfold-view-change': BillfoldViewChangeEvent;
  'billfold-session-expired': BillfoldSessionExpiredEvent;
}

declare global {
  interface HTMLElementEventMap extends BillfoldEventMap {}
  // The events bubble and are composed, so hosts often listen on the document.
  interface DocumentEventMap extends BillfoldEventMap {}
}
