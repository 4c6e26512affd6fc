import type { PortalStore } from '../../state/portal-store.ts';
import type { PayNavigation } from './pay-actions.ts';

/**
 * How the invoice screens and the overview's pay controls move the customer on: only to screens
 * the merchant and host enabled for this customer.
 */
export function payNavigation(store: PortalStore): PayNavigation {
  return { navigate: store.navigate, canOpen: store.canOpen };
}
