import { VIEWS as SCREEN_VIEWS } from '../state/routes.ts';
import type { BillfoldViewName } from './events.ts';

/** A screen's name (the `view` attribute's first segment). */
export type ViewName = BillfoldViewName;

/**
 * Every screen, in navigation order. Re-declared with the public view type so the package's
 * declarations do not reach into `state/` (see `events.ts`).
 */
export const VIEWS: readonly ViewName[] = SCREEN_VIEWS;
