import { addDays, addMonths } from '../../src/server/reference/dates.ts';
import {
  at, defaultCard, issueDateBefore, meteredLine, taxLine, weeklyHours, WORKDAYS,
  type SeedCustomer, type SeedInvoice, type SeedLine,
} from './builders.ts';

/**
 * Jamie Park: new since October, the first automatic payment failed because the card expired.
 * Dates are relative to `today`, so what is overdue stays overdue.
 */
export function jamie(today: string, now: Date): SeedCustomer {
  const id = 'cus_jamie';
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const card = defaultCard({
    id: 'pm_jamie_visa',
    brand: 'Visa',
    last4: '1881',
    expMonth: lastMonth.getUTCMonth() + 1,
    expYear: lastMonth.getUTCFullYear(),
  });
  const issueDate = issueDateBefore(today, 12);
  const billingDay = Number(issueDate.slice(8, 10));
  const dueDate = addDays(issueDate, 7);
  const start = issueDate;
  const end = addDays(addMonths(issueDate, 1, billingDay), -1);
  const lines: SeedLine[] = [
    meteredLine({
      kind: 'subscription',
      description: 'Fibre 500 broadband — monthly plan',
      explanation: 'Your plan: 500 Mbps download, unlimited data, billed a month in advance for the period shown.',
      quantity: 1,
      unit: 'month',
      unitPrice: '4999',
      period: { start, end },
      translations: {
        de: {
          description: 'Glasfaser 500 – Monatstarif',
          explanation: 'Ihr Tarif: 500 Mbit/s im Download, unbegrenztes Datenvolumen, einen Monat im Voraus berechnet für den angegebenen Zeitraum.',
          unit: 'Monat',
        },
      },
    }),
    {
      kind: 'fee',
      description: 'Wi-Fi router rental',
      explanation: 'The router is rented month by month. Return it when you leave and this charge stops.',
      amount: 500,
      period: { start, end },
      translations: {
        de: {
          description: 'WLAN-Router-Miete',
          explanation: 'Der Router ist Monat für Monat gemietet. Geben Sie ihn zurück, wenn Sie gehen, dann entfällt diese Gebühr.',
        },
      },
    },
    {
      kind: 'one_time',
      description: 'Installation visit',
      explanation: 'A one-off charge for the engineer visit that connected your home. You will only see it once.',
      amount: 2500,
      translations: {
        de: {
          description: 'Installationstermin',
          explanation: 'Eine einmalige Gebühr für den Technikerbesuch, der Ihren Anschluss eingerichtet hat. Sie sehen sie nur dieses eine Mal.',
        },
      },
    },
    {
      kind: 'discount',
      description: 'Welcome offer — 50% off your first month',
      explanation: 'New customers pay half price for the first month of their plan. Your full price starts next month.',
      amount: -2500,
      translations: {
        de: {
          description: 'Willkommensangebot – 50 % Rabatt im ersten Monat',
          explanation: 'Neue Kundinnen und Kunden zahlen im ersten Monat ihres Tarifs den halben Preis. Ab dem nächsten Monat gilt der volle Preis.',
        },
      },
    },
  ];
  lines.push(
    taxLine(lines, 'Sales tax (CA)', 7.25, 'California sales tax 7.25%', 'California sales tax at 7.25% on this bill, collected by us and paid to the state.', {
      de: {
        tax_name: 'Umsatzsteuer (Kalifornien)',
        description: 'Kalifornische Umsatzsteuer 7,25 %',
        explanation: 'Die kalifornische Umsatzsteuer von 7,25 % auf diese Rechnung, die wir einziehen und an den Bundesstaat abführen.',
      },
    }),
  );
  const failedAt = at(dueDate, 8);
  const invoice: SeedInvoice = {
    id: 'inv_jamie_0',
    number: `AU-${issueDate.slice(0, 7).replace('-', '')}-7310`,
    issueDate,
    dueDate,
    period: { start, end },
    lines,
    payments:
      dueDate <= today
        ? [
            {
              id: 'pay_jamie_0',
              status: 'failed',
              at: failedAt,
              methodId: card.id,
              label: card.label,
              failure: {
                reason: 'card_expired',
                // When it expired is the card's own field (its expiry month), not words here.
                message: 'The Visa card ending 1881 has expired.',
                suggestedAction: 'update_payment_method',
              },
            },
          ]
        : [],
  };
  return {
    id,
    name: 'Jamie Park',
    greetingName: 'Jamie',
    kind: 'individual',
    customerSince: '2026-10-01',
    segment: 'new',
    locale: 'en-US',
    currency: 'USD',
    textLang: 'en',
    translations: {
      de: {
        merchantNoteHtml:
          '<p>Willkommen bei Acme, Jamie! Ihre erste Zahlung ist nicht durchgegangen, weil die hinterlegte Karte abgelaufen ist – das passiert vielen im ersten Monat.</p>' +
          '<p>Hinterlegen Sie eine gültige Karte, um den Rest kümmern wir uns. <a href="https://acme-utilities.example/help/cards">So schützen wir Ihre Karte</a></p>' +
          '<img src="x" onerror="alert(\'gotcha\')"><script>alert("gotcha")</script>' +
          '<p><a href="javascript:alert(1)">Jetzt Bonus sichern</a></p>',
        role: 'Kundenservice',
        hours: 'Mo–Sa 8–20 Uhr (Pazifikzeit)',
        channelLabels: [null, null, 'Live-Chat'],
      },
    },
    // The image and script are a deliberate attack the widget's sanitizer must strip.
    merchantNoteHtml:
      "<p>Welcome to Acme, Jamie! Your first payment didn't go through because the card we have on file has expired — it happens to lots of people in their first month.</p>" +
      '<p>Add a current card and we will take care of the rest. <a href="https://acme-utilities.example/help/cards">How we keep your card safe</a></p>' +
      '<img src="x" onerror="alert(\'gotcha\')"><script>alert("gotcha")</script>' +
      '<p><a href="javascript:alert(1)">Claim your bonus</a></p>',
    humanContact: {
      name: 'Marcus Lee',
      role: 'Customer care',
      photoUrl: null,
      hours: 'Mon–Sat 8am–8pm Pacific',
      availability: { timeZone: 'America/Los_Angeles', weekly: weeklyHours([...WORKDAYS, 6], '08:00', '20:00') },
      channels: [
        { kind: 'email', value: 'care@acme-utilities.example' },
        { kind: 'phone', value: '+1 415 555 0100' },
        { kind: 'chat', value: 'https://acme-utilities.example/chat', label: 'Live chat' },
      ],
      callbackAvailable: true,
    },
    planPolicy: { enabled: true, maxInstalments: 3, minInstalmentAmount: { amount: 1000, currency: 'USD' }, maxDeferralDays: 14 },
    contact: {
      name: 'Jamie Park',
      email: 'jamie.park@example.com',
      phone: '+1 415 555 0142',
      address: { line1: '1450 Valencia St', line2: 'Apt 3', city: 'San Francisco', postalCode: '94110', region: 'CA', country: 'US' },
      taxId: null,
      channel: 'sms',
      reminderDaysBefore: 2,
      language: 'en-US',
    },
    recipients: [],
    methods: [card],
    cycle: { interval: 'month', billingDay, priceMonth: 5499, priceQuarter: 15999, priceYear: 59900, nextInvoiceDate: addMonths(issueDate, 1, billingDay) },
    invoices: [invoice],
    history: [
      { at: at('2026-10-01', 11), channel: 'email', direction: 'outbound', kind: 'notice', subject: 'Welcome to Acme Utilities, Jamie', sentTo: 'jamie.park@example.com',
        translations: { de: { subject: 'Willkommen bei Acme Utilities, Jamie' } } },
      { at: at(issueDate, 7), channel: 'email', direction: 'outbound', kind: 'invoice', subject: `Your first bill ${invoice.number} is ready`, sentTo: 'jamie.park@example.com', invoiceId: invoice.id,
        translations: { de: { subject: `Ihre erste Rechnung ${invoice.number} ist da` } } },
      ...(invoice.payments.length > 0
        ? [
            { at: new Date(failedAt.getTime() + 60_000), channel: 'email' as const, direction: 'outbound' as const, kind: 'payment_failed', subject: `Your payment for ${invoice.number} didn't go through`, sentTo: 'jamie.park@example.com', invoiceId: invoice.id,
              translations: { de: { subject: `Ihre Zahlung für ${invoice.number} ist nicht durchgegangen` } } },
            { at: new Date(failedAt.getTime() + 120_000), channel: 'sms' as const, direction: 'outbound' as const, kind: 'payment_failed', subject: 'Acme: your card has expired — update it in your billing portal', sentTo: '+1 ••• ••• 0142', invoiceId: invoice.id,
              translations: { de: { subject: 'Acme: Ihre Karte ist abgelaufen – bitte aktualisieren Sie sie in Ihrem Kundenportal' } } },
          ]
        : []),
    ],
    questions: [],
  };
}
