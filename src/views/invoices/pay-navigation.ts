import type { PortalStore } from '../../state/portal-store.ts';
import { isViewEnabled, type ViewName } from '../../state/routes.ts';
import { hasScreen } from '../screens.ts';
import type { PayNavigation } from './pay-panel.tsx';

/**
 * How the invoice screens and the overview's pay controls move the customer on: only to screens
 * that exist in this build and that the merchant and host enabled.
 */
export function payNavigation(store: PortalStore): PayNavigation {
  return {
    navigate: store.navigate,
    canOpen: (view: ViewName) => hasScreen(view) && isViewEnabled(view, store.features.value),
  };
}
