import { addDays, addMonths } from '../../src/server/reference/dates.ts';
import {
  at, defaultCard, fmtDe, issueDateBefore, meteredLine, monthlyBills, taxLine, weeklyHours, WORKDAYS,
  type SeedCustomer, type SeedHistory, type SeedInvoice, type SeedLine, type SeedPayment,
} from './builders.ts';

/**
 * Daniela Rossi: a regular customer in a hard spell — one bill overdue, the one before paid late.
 * Dates are relative to `today`, so what is overdue stays overdue.
 */
export function daniela(today: string): SeedCustomer {
  const id = 'cus_daniela';
  const card = defaultCard({
    id: 'pm_daniela_mc',
    brand: 'Mastercard',
    last4: '9995',
    expMonth: 3,
    expYear: Number(today.slice(0, 4)) + 1,
    outcome: 'insufficient_funds',
  });
  const latestIssue = issueDateBefore(today, 10);
  const billingDay = Number(latestIssue.slice(8, 10));
  const usage = [412, 398, 371, 322, 290] as const;
  const bills = monthlyBills(latestIssue, usage.length);
  const invoices: SeedInvoice[] = usage.map((kwh, k) => {
    const { issueDate, dueDate, start, end } = bills[k]!;
    const lines: SeedLine[] = [
      {
        kind: 'subscription',
        description: 'Standing charge',
        explanation: 'A fixed monthly charge for the meter and your connection to the network.',
        amount: 1850,
        period: { start, end },
        translations: {
          de: { description: 'Grundgebühr', explanation: 'Eine feste monatliche Gebühr für den Zähler und Ihren Anschluss an das Stromnetz.' },
        },
      },
      meteredLine({
        kind: 'usage',
        description: 'Electricity used',
        explanation: `${kwh} kWh in this period at €0.1475 per kWh, read from your smart meter.`,
        quantity: kwh,
        unit: 'kWh',
        unitPrice: '14.75',
        period: { start, end },
        translations: {
          de: { description: 'Stromverbrauch', explanation: `${fmtDe(kwh)} kWh in diesem Zeitraum zu 0,1475 € pro kWh, abgelesen von Ihrem Smart Meter.` },
        },
      }),
      {
        kind: 'usage',
        description: 'Public Service Obligation levy',
        explanation: 'A levy set by the energy regulator that every Irish electricity customer pays; it supports renewable generation.',
        amount: 327,
        translations: {
          de: {
            description: 'PSO-Umlage (Public Service Obligation)',
            explanation: 'Eine von der Energieregulierungsbehörde festgelegte Umlage, die alle Stromkunden in Irland zahlen; sie fördert erneuerbare Energien.',
          },
        },
      },
    ];
    lines.push(
      taxLine(lines, 'VAT', 9, 'VAT at 9%', 'Electricity for homes is taxed at the reduced VAT rate of 9%.', {
        de: { tax_name: 'MwSt.', description: 'MwSt. 9 %', explanation: 'Strom für Privathaushalte wird mit dem ermäßigten Mehrwertsteuersatz von 9 % besteuert.' },
      }),
    );
    // k = 0 is open, k = 1 is overdue, k = 2 was paid twelve days late, the rest on time.
    const payments: SeedPayment[] =
      k <= 1
        ? []
        : [
            {
              id: `pay_daniela_${k}`,
              status: 'succeeded',
              at: at(addDays(dueDate, k === 2 ? 12 : 0), 10),
              methodId: card.id,
              label: card.label,
            },
          ];
    return { id: `inv_daniela_${k}`, number: `AU-${issueDate.slice(0, 7).replace('-', '')}-3388`, issueDate, dueDate, period: { start, end }, lines, payments };
  });
  const history: SeedHistory[] = invoices.map((invoice) => ({
    at: at(invoice.issueDate, 7),
    channel: 'email' as const,
    direction: 'outbound' as const,
    kind: 'invoice',
    subject: `Your bill ${invoice.number} is ready`,
    sentTo: 'daniela.rossi@example.ie',
    invoiceId: invoice.id,
    translations: { de: { subject: `Ihre Rechnung ${invoice.number} ist da` } },
  }));
  const overdue = invoices[1]!;
  history.push(
    { at: at(addDays(overdue.dueDate, 3), 10), channel: 'email', direction: 'outbound', kind: 'reminder', subject: `${overdue.number} is overdue — we are here to help`, sentTo: 'daniela.rossi@example.ie', invoiceId: overdue.id,
      translations: { de: { subject: `${overdue.number} ist überfällig – wir helfen Ihnen gern` } } },
    { at: at(addDays(overdue.dueDate, 7), 18, 30), channel: 'sms', direction: 'outbound', kind: 'reminder', subject: 'Acme: a payment plan can spread your bill — see your billing portal', sentTo: '+353 •• ••• 4417', invoiceId: overdue.id,
      translations: { de: { subject: 'Acme: Mit einer Ratenzahlung verteilen Sie Ihre Rechnung – mehr in Ihrem Kundenportal' } } },
    { at: at(addDays(overdue.dueDate, 9), 12, 15), channel: 'chat', direction: 'inbound', kind: 'notice', subject: 'Daniela asked about spreading the cost of her bills', sentTo: null,
      translations: { de: { subject: 'Daniela hat gefragt, wie sie die Kosten ihrer Rechnungen verteilen kann' } } },
  );
  return {
    id,
    name: 'Daniela Rossi',
    greetingName: 'Daniela',
    kind: 'individual',
    customerSince: '2021-06-02',
    segment: 'regular',
    locale: 'en-IE',
    currency: 'EUR',
    textLang: 'en',
    translations: {
      de: {
        merchantNoteHtml:
          '<p>Wir wissen, dass das Geld manchmal knapp wird, Daniela. Wenn Sie mehr Zeit brauchen, können Sie hier <strong>eine Ratenzahlung vereinbaren</strong> oder einen Fälligkeitstermin verschieben – ohne Anruf und ohne zusätzliche Gebühren.</p>' +
          '<p>Kostenlose, vertrauliche Beratung bietet auch <a href="https://www.mabs.ie">MABS</a>.</p>',
        role: 'Hilfe bei Zahlungen',
        hours: 'Mo–Fr 9:00–17:00 Uhr (irische Zeit)',
        channelLabels: [null, 'Gebührenfrei', null],
      },
    },
    merchantNoteHtml:
      '<p>We know money can get tight, Daniela. If you need more time, you can <strong>set up a payment plan</strong> or move a due date right here — no phone call needed, and no extra fees.</p>' +
      '<p>Free, confidential advice is also available from <a href="https://www.mabs.ie">MABS</a>.</p>',
    humanContact: {
      name: 'Siobhán Byrne',
      role: 'Payment support',
      photoUrl: null,
      hours: 'Mon–Fri 9:00–17:00 (Irish time)',
      availability: { timeZone: 'Europe/Dublin', weekly: weeklyHours(WORKDAYS, '09:00', '17:00') },
      channels: [
        { kind: 'email', value: 'payment-help@acme-utilities.example' },
        { kind: 'phone', value: '+353 1 555 0199', label: 'Freephone' },
        { kind: 'chat', value: 'https://acme-utilities.example/chat' },
      ],
      callbackAvailable: true,
    },
    planPolicy: { enabled: true, maxInstalments: 6, minInstalmentAmount: { amount: 1500, currency: 'EUR' }, maxDeferralDays: 45 },
    contact: {
      name: 'Daniela Rossi',
      email: 'daniela.rossi@example.ie',
      phone: '+353 87 555 4417',
      address: { line1: '27 Mountjoy Square', line2: 'Flat 2', city: 'Dublin', postalCode: 'D01 E2F5', region: 'Dublin', country: 'IE' },
      taxId: null,
      channel: 'email',
      reminderDaysBefore: 5,
      language: 'en-IE',
    },
    recipients: [],
    methods: [card],
    cycle: { interval: 'month', billingDay, priceMonth: 8200, priceQuarter: 24000, priceYear: 92000, nextInvoiceDate: addMonths(latestIssue, 1, billingDay) },
    invoices,
    history,
    questions: [],
  };
}
