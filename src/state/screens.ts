import type { AccountSummary, Feature } from '../contract/index.ts';
import type { PortalChange } from './remote.ts';

/** A change the portal reports to its host (one `billfold-*` event each). */
export type ChangeType = PortalChange['type'];

/** How one screen of the portal is declared: everything else about it derives from this. */
export interface ScreenDeclaration {
  /** The feature switch that offers it; `null` for the overview, which is always there. */
  readonly feature: Feature | null;
  /** The i18n key of its entry in the portal's navigation. */
  readonly navLabel: string;
  /**
   * The `view` values that open it, as the element's docs list them (`<id>` stands for a
   * record id). The first is the screen itself.
   */
  readonly links: readonly string[];
  /**
   * The changes it reports to the host, each with the journey it completes for the feedback
   * prompt ("how was this?"), or `null` when it completes none (removing a card is not a journey
   * worth asking about).
   */
  readonly changes: { readonly [T in ChangeType]?: string | null };
  /** Offered only when the account has what the screen shows (e.g. a human contact). */
  readonly offeredWhen?: (account: AccountSummary) => boolean;
}

/**
 * Every screen of the portal, in navigation order. `VIEWS`, the feature of each view, the
 * journey of each change, the navigation, the element's `view` documentation and the README's
 * tables all come from here; `screens.test.ts` fails when any of them drifts, and a change the
 * portal reports without declaring it here fails to compile (see `Undeclared` below).
 *
 * A screen's code is `views/<view>/<view>-screen.tsx` (the overview is built into the shell).
 */
export const SCREENS = {
  overview: {
    feature: null,
    navLabel: 'nav.overview',
    links: ['overview'],
    changes: {},
  },
  invoices: {
    feature: 'invoices',
    navLabel: 'nav.invoices',
    links: ['invoices', 'invoices/<id>'],
    changes: { 'payment-made': 'payment' },
  },
  'payment-methods': {
    feature: 'payment-methods',
    navLabel: 'nav.payment-methods',
    links: ['payment-methods'],
    changes: {
      'payment-method-added': 'payment-methods',
      'payment-method-removed': null,
      'payment-method-default': null,
    },
  },
  'contact-details': {
    feature: 'contact-details',
    navLabel: 'nav.contact-details',
    links: ['contact-details'],
    changes: { 'contact-details-updated': 'contact-details' },
  },
  'billing-cycle': {
    feature: 'billing-cycle',
    navLabel: 'nav.billing-cycle',
    links: ['billing-cycle'],
    changes: { 'billing-cycle-changed': 'billing-cycle' },
  },
  'payment-plan': {
    feature: 'payment-plan',
    navLabel: 'nav.payment-plan',
    links: ['payment-plan', 'payment-plan/<invoiceId>'],
    changes: { 'payment-plan-requested': 'payment-plan' },
  },
  questions: {
    feature: 'questions',
    navLabel: 'nav.questions',
    links: ['questions', 'questions/<id>', 'questions/new?invoice=<id>&line=<id>'],
    changes: { 'question-asked': 'questions' },
  },
  history: {
    feature: 'history',
    navLabel: 'nav.history',
    links: ['history'],
    changes: {},
  },
  contact: {
    feature: 'contact',
    navLabel: 'nav.contact',
    links: ['contact'],
    changes: { 'callback-requested': 'callback' },
    offeredWhen: (account: AccountSummary) => account.humanContact !== null,
  },
} as const satisfies Record<string, ScreenDeclaration>;

/** A screen of the portal. */
export type ViewName = keyof typeof SCREENS;

/** The screens, in navigation order. */
export const VIEWS = Object.keys(SCREENS) as ViewName[];

/** Changes that belong to no screen: the feedback prompt shows under every screen. */
const SCREENLESS_CHANGES = { 'feedback-sent': null } as const;

type DeclaredChange = { [V in ViewName]: keyof (typeof SCREENS)[V]['changes'] }[ViewName] | keyof typeof SCREENLESS_CHANGES;
/** Changes the portal can report that no declaration names: must be `never`. */
type Undeclared = Exclude<ChangeType, DeclaredChange>;
// A compile error here names a change type missing from SCREENS.
const everyChangeDeclared: [Undeclared] extends [never] ? true : Undeclared = true;
void everyChangeDeclared;

/** The declaration of a screen. */
export function screen(view: ViewName): ScreenDeclaration {
  return SCREENS[view];
}

/** The journey a change completes (for the feedback prompt), if any. */
export function journeyOf(change: ChangeType): string | undefined {
  for (const view of VIEWS) {
    const journey = (SCREENS[view].changes as ScreenDeclaration['changes'])[change];
    if (journey !== undefined) return journey ?? undefined;
  }
  return undefined;
}

/** Whether a screen may be shown with these features enabled. */
export function isViewEnabled(view: ViewName, features: readonly Feature[]): boolean {
  const feature = SCREENS[view].feature;
  return feature === null || features.includes(feature);
}

/** The screens this customer is offered: enabled, and with something to show for this account. */
export function offeredViews(features: readonly Feature[], account: AccountSummary): ViewName[] {
  return VIEWS.filter((view) => {
    const declaration: ScreenDeclaration = SCREENS[view];
    return isViewEnabled(view, features) && (declaration.offeredWhen?.(account) ?? true);
  });
}
