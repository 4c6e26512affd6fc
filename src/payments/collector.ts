/**
 * The payment-method collector: how a payment provider's own fields (Stripe Elements, Adyen,
 * the demo's sandbox provider) plug into the portal. The provider renders its hosted fields,
 * usually in an iframe on its own origin, into the container Billfold gives it, and hands back a
 * single-use token. Billfold never renders a card-number input and never sees card data.
 */
export interface PaymentMethodCollector {
  /** Render the provider's fields into `container`; resolves when they are ready for input. */
  mount(container: HTMLElement, context: CollectorContext): Promise<CollectorSession>;
}

export interface CollectorContext {
  locale: string;
  theme: 'light' | 'dark';
}

export interface CollectorSession {
  /**
   * Ask the provider to tokenize what the customer entered. Resolves with a token for
   * `POST /payment-methods`, or with the provider's customer-facing error (e.g. a declined card).
   */
  submit(): Promise<{ token: string } | { error: string }>;
  /** Remove the fields and release the provider's resources. */
  destroy(): void;
}
