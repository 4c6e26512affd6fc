import { createInvoiceLinesModel } from '../../state/invoice-lines.ts';
import { createInvoicesModel } from '../../state/invoices.ts';
import type { ScreenProps } from '../screens.ts';
import { InvoiceDetailView } from './invoice-detail.tsx';
import { InvoiceListView } from './invoice-list.tsx';
import { payNavigation } from './pay-navigation.ts';

/**
 * The invoices screen: the list (`invoices`), or one invoice when the route has an id
 * (`invoices/inv_123`, also as a deep link through the `view` attribute).
 */
export default function InvoicesScreen({ store, route, headingRef }: ScreenProps) {
  const model = store.model(createInvoicesModel);
  if (route.id) {
    return (
      <InvoiceDetailView
        key={route.id}
        model={model}
        lines={store.model(createInvoiceLinesModel)}
        invoiceId={route.id}
        headingRef={headingRef}
        nav={payNavigation(store)}
      />
    );
  }
  return <InvoiceListView model={model} headingRef={headingRef} navigate={store.navigate} />;
}
