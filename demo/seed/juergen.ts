import { addDays, addMonths } from '../../src/server/reference/dates.ts';
import {
  at, defaultCard, fmtDe, issueDateBefore, meteredLine, monthlyBills, taxLine, weeklyHours, WORKDAYS,
  type SeedCustomer, type SeedHistory, type SeedInvoice, type SeedLine, type SeedPayment,
} from './builders.ts';

/**
 * Jürgen Becker: a regular customer in Munich who reads everything in German; a bill is due soon.
 * Dates are relative to `today`, so what is overdue stays overdue.
 */
export function juergen(today: string): SeedCustomer {
  const id = 'cus_juergen';
  const card = defaultCard({ id: 'pm_juergen_mc', brand: 'Mastercard', last4: '4444', expMonth: 11, expYear: Number(today.slice(0, 4)) + 3 });
  const latestIssue = issueDateBefore(today, 8);
  const billingDay = Number(latestIssue.slice(8, 10));
  const usage = [268, 241, 229, 233] as const;
  const bills = monthlyBills(latestIssue, usage.length);
  const invoices: SeedInvoice[] = usage.map((kwh, k) => {
    const { issueDate, dueDate, start, end } = bills[k]!;
    const lines: SeedLine[] = [
      {
        kind: 'subscription',
        description: 'Grundpreis Ökostrom Plus',
        explanation: 'Der monatliche Grundpreis deckt Zähler, Messung und Netzanschluss – unabhängig vom Verbrauch.',
        amount: 1290,
        period: { start, end },
        translations: {
          en: {
            description: 'Green Power Plus — base price',
            explanation: 'The monthly base price covers the meter, metering and your connection to the grid, however much you use.',
          },
        },
      },
      meteredLine({
        kind: 'usage',
        description: 'Arbeitspreis Strom',
        explanation: `Ihr Zähler hat in diesem Zeitraum ${fmtDe(kwh)} kWh gemessen, zu 32,9 Cent pro kWh aus 100 % erneuerbaren Quellen.`,
        quantity: kwh,
        unit: 'kWh',
        unitPrice: '32.9',
        period: { start, end },
        translations: {
          en: {
            description: 'Electricity — energy price',
            explanation: `Your meter measured ${kwh} kWh in this period, at 32.9 cents per kWh from 100% renewable sources.`,
          },
        },
      }),
    ];
    lines.push(
      taxLine(lines, 'MwSt.', 19, 'Mehrwertsteuer 19 %', 'Die gesetzliche Umsatzsteuer von 19 %, die wir für das Finanzamt einziehen.', {
        en: { tax_name: 'VAT', description: 'VAT 19%', explanation: 'The statutory VAT of 19%, which we collect for the tax office.' },
      }),
    );
    const payments: SeedPayment[] =
      k === 0 ? [] : [{ id: `pay_juergen_${k}`, status: 'succeeded', at: at(addDays(dueDate, -1), 9), methodId: card.id, label: card.label }];
    return { id: `inv_juergen_${k}`, number: `AU-${issueDate.slice(0, 7).replace('-', '')}-5520`, issueDate, dueDate, period: { start, end }, lines, payments };
  });
  const due = invoices[0]!;
  return {
    id,
    name: 'Jürgen Becker',
    greetingName: 'Jürgen',
    kind: 'individual',
    customerSince: '2023-04-17',
    segment: 'regular',
    locale: 'de',
    currency: 'EUR',
    // The merchant writes to Jürgen in German, and keeps an English version for anyone else.
    textLang: 'de',
    translations: {
      en: {
        merchantNoteHtml:
          '<p>Hello Jürgen, thank you for <strong>paying on time</strong>!</p>' +
          '<p>Your current bill is ready; you can see when it is due right on the bill. New with us: <a href="https://acme-utilities.example/de/waermepumpe">tariffs for heat pumps</a>.</p>',
        role: 'Customer care',
        hours: 'Mon–Fri 8:00–18:00 (German time)',
      },
    },
    // When the bill is due is the invoice's own field, which the portal shows beside it.
    merchantNoteHtml:
      '<p>Hallo Jürgen, vielen Dank für Ihre <strong>pünktlichen Zahlungen</strong>!</p>' +
      '<p>Ihre aktuelle Rechnung ist da; wann sie fällig ist, sehen Sie direkt bei der Rechnung. Neu bei uns: <a href="https://acme-utilities.example/de/waermepumpe">Tarife für Wärmepumpen</a>.</p>',
    humanContact: {
      name: 'Lena Vogel',
      role: 'Kundenbetreuung',
      photoUrl: null,
      hours: 'Mo–Fr 8:00–18:00 Uhr',
      availability: { timeZone: 'Europe/Berlin', weekly: weeklyHours(WORKDAYS, '08:00', '18:00') },
      channels: [
        { kind: 'email', value: 'lena.vogel@acme-utilities.example' },
        { kind: 'phone', value: '+49 89 5555 0170' },
      ],
      callbackAvailable: false,
    },
    planPolicy: { enabled: true, maxInstalments: 3, minInstalmentAmount: { amount: 2000, currency: 'EUR' }, maxDeferralDays: 21 },
    contact: {
      name: 'Jürgen Becker',
      email: 'juergen.becker@example.de',
      phone: '+49 89 1234567',
      address: { line1: 'Leopoldstraße 45', line2: null, city: 'München', postalCode: '80802', region: 'Bayern', country: 'DE' },
      taxId: null,
      channel: 'email',
      reminderDaysBefore: 5,
      language: 'de',
    },
    recipients: [],
    methods: [card],
    cycle: { interval: 'month', billingDay, priceMonth: 11500, priceQuarter: 33900, priceYear: 131100, nextInvoiceDate: addMonths(latestIssue, 1, billingDay) },
    invoices,
    history: ([
      ...invoices.map((invoice): SeedHistory => ({
        at: at(invoice.issueDate, 7),
        channel: 'email' as const,
        direction: 'outbound' as const,
        kind: 'invoice',
        subject: `Ihre Rechnung ${invoice.number} ist da`,
        sentTo: 'juergen.becker@example.de',
        invoiceId: invoice.id,
        translations: { en: { subject: `Your bill ${invoice.number} is ready` } },
      })),
      { at: at(addDays(due.dueDate, -5), 8), channel: 'email', direction: 'outbound', kind: 'reminder', subject: `Erinnerung: ${due.number} ist in 5 Tagen fällig`, sentTo: 'juergen.becker@example.de', invoiceId: due.id,
        translations: { en: { subject: `Reminder: ${due.number} is due in 5 days` } } },
    ] satisfies SeedHistory[]).filter((entry) => entry.at.getTime() <= Date.parse(`${today}T23:59:59Z`)),
    questions: [],
  };
}
