import type { AccountSummary, Feature } from '../contract/index.ts';
import type { PortalChange } from './remote.ts';

/** A change the portal reports to its host (one `billfold-*` event each). */
export type ChangeType = PortalChange['type'];

/** Data the portal shows that a change can make stale. */
export const RESOURCES = ['account', 'invoices', 'payment-methods', 'contact-details', 'billing-cycle', 'plans', 'questions', 'history'] as const;
/** One kind of data the portal shows. */
export type Resource = (typeof RESOURCES)[number];

/** What a completed change means to the rest of the portal. */
export interface ChangeDeclaration {
  /** The journey it completes, for the feedback prompt ("how was this?"); none for a mere tidy-up. */
  readonly journey?: string;
  /** Every loaded view of these refreshes once the change succeeded. */
  readonly affects: readonly Resource[];
}

/**
 * The portal's top-level destinations, in navigation order: few enough to fit a phone on one or
 * two rows in every language. Each screen belongs to one; a section with several screens shows
 * them as a second row.
 */
export const SECTIONS = ['overview', 'billing', 'account', 'help'] as const;
/** One of {@link SECTIONS}. */
export type Section = (typeof SECTIONS)[number];

/** How one screen of the portal is declared: everything else about it derives from this. */
export interface ScreenDeclaration {
  /** The feature switch that offers it; `null` for the overview, which is always there. */
  readonly feature: Feature | null;
  /** The top-level destination it belongs to (its label is `nav.sections.<section>`). */
  readonly section: Section;
  /** The i18n key of its entry in the portal's navigation. */
  readonly navLabel: string;
  /**
   * The `view` values that open it, as the element's docs list them (`<id>` stands for a
   * record id). The first is the screen itself.
   */
  readonly links: readonly string[];
  /** The changes it reports to the host, with the journey each completes and the data each makes stale. */
  readonly changes: { readonly [T in ChangeType]?: ChangeDeclaration };
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
    section: 'overview',
    feature: null,
    navLabel: 'nav.overview',
    links: ['overview'],
    changes: {},
  },
  invoices: {
    section: 'billing',
    feature: 'invoices',
    navLabel: 'nav.invoices',
    links: ['invoices', 'invoices/<id>'],
    changes: { 'payment-made': { journey: 'payment', affects: ['account', 'invoices', 'history'] } },
  },
  'payment-methods': {
    section: 'billing',
    feature: 'payment-methods',
    navLabel: 'nav.payment-methods',
    links: ['payment-methods'],
    changes: {
      'payment-method-added': { journey: 'payment-methods', affects: ['account', 'payment-methods'] },
      'payment-method-removed': { affects: ['account', 'payment-methods'] },
      'payment-method-default': { affects: ['account', 'payment-methods'] },
    },
  },
  'contact-details': {
    section: 'account',
    feature: 'contact-details',
    navLabel: 'nav.contact-details',
    links: ['contact-details'],
    changes: { 'contact-details-updated': { journey: 'contact-details', affects: ['account', 'contact-details'] } },
  },
  'billing-cycle': {
    section: 'account',
    feature: 'billing-cycle',
    navLabel: 'nav.billing-cycle',
    links: ['billing-cycle'],
    changes: { 'billing-cycle-changed': { journey: 'billing-cycle', affects: ['account', 'billing-cycle', 'invoices'] } },
  },
  'payment-plan': {
    section: 'billing',
    feature: 'payment-plan',
    navLabel: 'nav.payment-plan',
    links: ['payment-plan', 'payment-plan/<invoiceId>'],
    changes: { 'payment-plan-requested': { journey: 'payment-plan', affects: ['account', 'invoices', 'plans', 'history'] } },
  },
  questions: {
    section: 'help',
    feature: 'questions',
    navLabel: 'nav.questions',
    links: ['questions', 'questions/<id>', 'questions/new?invoice=<id>&line=<id>'],
    changes: { 'question-asked': { journey: 'questions', affects: ['questions', 'history'] } },
  },
  history: {
    section: 'help',
    feature: 'history',
    navLabel: 'nav.history',
    links: ['history'],
    changes: {},
  },
  contact: {
    section: 'help',
    feature: 'contact',
    navLabel: 'nav.contact',
    links: ['contact'],
    changes: { 'callback-requested': { journey: 'callback', affects: ['history'] } },
    offeredWhen: (account: AccountSummary) => account.humanContact !== null,
  },
} as const satisfies Record<string, ScreenDeclaration>;

/** A screen of the portal. */
export type ViewName = keyof typeof SCREENS;

/** The screens, in navigation order. */
export const VIEWS = Object.keys(SCREENS) as ViewName[];

/** Changes that belong to no screen: the feedback prompt shows under every screen. */
const SCREENLESS_CHANGES = { 'feedback-sent': { affects: [] } } as const satisfies Record<string, ChangeDeclaration>;

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

/** What a change means to the rest of the portal (every change is declared, see `Undeclared`). */
export function changeDeclaration(change: ChangeType): ChangeDeclaration {
  for (const view of VIEWS) {
    const declared = (SCREENS[view].changes as ScreenDeclaration['changes'])[change];
    if (declared) return declared;
  }
  return (SCREENLESS_CHANGES as Partial<Record<ChangeType, ChangeDeclaration>>)[change] ?? { affects: [] };
}

/**
 * The journey a completed change ends, if it is one worth asking about: a payment only once it
 * settled and went through (not while it is on its way, never after a decline).
 */
export function journeyOf(change: PortalChange): string | undefined {
  if (change.type === 'payment-made' && change.status !== 'succeeded') return undefined;
  return changeDeclaration(change.type).journey;
}

/** The screens of a section, in navigation order, among those offered. */
export function screensOf(section: Section, offered: readonly ViewName[]): ViewName[] {
  return offered.filter((view) => SCREENS[view].section === section);
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
