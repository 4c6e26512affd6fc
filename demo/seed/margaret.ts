import { addDays, addMonths, daysBetween } from '../../src/server/reference/dates.ts';
import {
  at, defaultCard, fmtDe, fmtGbp, fmtMoneyDe, issueDateBefore, meteredLine, monthlyBills, taxLine, total, weeklyHours, WORKDAYS,
  type SeedCustomer, type SeedHistory, type SeedInvoice, type SeedLine, type SeedPayment,
} from './builders.ts';

/**
 * Margaret Thompson: loyal since 2011, moved house, her October bill went to the old address.
 * Dates are relative to `today`, so what is overdue stays overdue.
 */
export function margaret(today: string): SeedCustomer {
  const id = 'cus_margaret';
  const visa = defaultCard({ id: 'pm_margaret_visa', brand: 'Visa', last4: '4242', expMonth: 8, expYear: Number(today.slice(0, 4)) + 2 });
  const latestIssue = issueDateBefore(today, 24);
  const billingDay = Number(latestIssue.slice(8, 10));
  const usage = [
    [212.6, 640],
    [198.3, 420],
    [187.9, 260],
    [176.4, 190],
    [181.2, 210],
    [203.5, 380],
  ] as const;
  const bills = monthlyBills(latestIssue, usage.length);
  const invoices: SeedInvoice[] = usage.map(([kwhElec, kwhGas], k) => {
    const { issueDate, dueDate, start, end } = bills[k]!;
    const days = daysBetween(start, issueDate);
    const lines: SeedLine[] = [
      meteredLine({
        kind: 'subscription',
        description: 'Home Energy Plus — standing charges',
        explanation: `A fixed daily charge of 55.8p for ${days} days. It keeps your home connected to the electricity and gas networks, whether or not you use energy that day.`,
        quantity: days,
        unit: 'days',
        unitPrice: '55.8',
        period: { start, end },
        translations: {
          de: {
            description: 'Home Energy Plus – Grundgebühren',
            explanation: `Eine feste Tagesgebühr von 55,8 p für ${days} Tage. Sie hält Ihr Zuhause mit dem Strom- und Gasnetz verbunden, ob Sie an dem Tag Energie verbrauchen oder nicht.`,
            unit: 'Tage',
          },
        },
      }),
      meteredLine({
        kind: 'usage',
        description: 'Electricity used',
        explanation: `Your smart meter recorded ${kwhElec} kWh of electricity in this period, at 24.50p per kWh — the capped price for your tariff.`,
        quantity: kwhElec,
        unit: 'kWh',
        unitPrice: '24.5',
        period: { start, end },
        translations: {
          de: {
            description: 'Stromverbrauch',
            explanation: `Ihr Smart Meter hat in diesem Zeitraum ${fmtDe(kwhElec)} kWh Strom gemessen, zu 24,50 p pro kWh – dem gedeckelten Preis Ihres Tarifs.`,
          },
        },
      }),
      meteredLine({
        kind: 'usage',
        description: 'Gas used',
        explanation: `Your smart meter recorded ${kwhGas} kWh of gas in this period, at 6.24p per kWh.`,
        quantity: kwhGas,
        unit: 'kWh',
        unitPrice: '6.24',
        period: { start, end },
        translations: {
          de: { description: 'Gasverbrauch', explanation: `Ihr Smart Meter hat in diesem Zeitraum ${fmtDe(kwhGas)} kWh Gas gemessen, zu 6,24 p pro kWh.` },
        },
      }),
      {
        kind: 'discount',
        description: 'Loyalty discount — 10+ years with us',
        explanation: 'Thank you for being with us since 2011. Customers of ten years or more get £3.00 off every month.',
        amount: -300,
        translations: {
          de: {
            description: 'Treuerabatt – über 10 Jahre bei uns',
            explanation: 'Danke, dass Sie seit 2011 bei uns sind. Wer zehn Jahre oder länger Kunde ist, erhält jeden Monat 3,00 £ Rabatt.',
          },
        },
      },
    ];
    lines.push(
      taxLine(lines, 'VAT', 5, 'VAT at 5%', 'Energy for your home is taxed at the reduced VAT rate of 5%, collected by us for HMRC.', {
        de: {
          tax_name: 'MwSt.',
          description: 'MwSt. 5 %',
          explanation: 'Energie für Ihr Zuhause wird mit dem ermäßigten Mehrwertsteuersatz von 5 % besteuert; wir ziehen sie für die britische Steuerbehörde HMRC ein.',
        },
      }),
    );
    const payments: SeedPayment[] =
      k === 0
        ? []
        : [{ id: `pay_margaret_${k}`, status: 'succeeded', at: at(dueDate, 6), methodId: visa.id, label: visa.label }];
    return {
      id: `inv_margaret_${k}`,
      number: `AU-${issueDate.slice(0, 7).replace('-', '')}-1041`,
      issueDate,
      dueDate,
      period: { start, end },
      lines,
      payments,
    };
  });
  const overdue = invoices[0]!;
  const history: SeedHistory[] = [];
  for (const invoice of invoices.slice(1)) {
    history.push(
      { at: at(invoice.issueDate, 7), channel: 'email', direction: 'outbound', kind: 'invoice', subject: `Your bill ${invoice.number} is ready`, sentTo: 'margaret.thompson@example.co.uk', invoiceId: invoice.id,
        translations: { de: { subject: `Ihre Rechnung ${invoice.number} ist da` } } },
      { at: at(invoice.dueDate, 6, 5), channel: 'email', direction: 'outbound', kind: 'receipt', subject: `Payment received for ${invoice.number} — thank you`, sentTo: 'margaret.thompson@example.co.uk', invoiceId: invoice.id,
        translations: { de: { subject: `Zahlung für ${invoice.number} erhalten – vielen Dank` } } },
    );
  }
  history.push(
    { at: at(overdue.issueDate, 7), channel: 'post', direction: 'outbound', kind: 'invoice', subject: `Your bill ${overdue.number} (paper copy)`, sentTo: '12 Orchard Lane, Bath BA1 2QH', invoiceId: overdue.id,
      translations: { de: { subject: `Ihre Rechnung ${overdue.number} (auf Papier)` } } },
    { at: at(addDays(overdue.dueDate, 3), 10), channel: 'email', direction: 'outbound', kind: 'reminder', subject: `A gentle reminder: ${overdue.number} is still open`, sentTo: 'margaret.thompson@example.co.uk', invoiceId: overdue.id,
      translations: { de: { subject: `Eine freundliche Erinnerung: ${overdue.number} ist noch offen` } } },
    { at: at(addDays(overdue.dueDate, 6), 14, 20), channel: 'phone', direction: 'inbound', kind: 'notice', subject: 'Margaret called to tell us about her new address', sentTo: null,
      translations: { de: { subject: 'Margaret hat angerufen und uns ihre neue Adresse mitgeteilt' } } },
    { at: at(addDays(overdue.dueDate, 6), 14, 45), channel: 'email', direction: 'outbound', kind: 'notice', subject: 'Welcome to your new home — we have paused late fees', sentTo: 'margaret.thompson@example.co.uk',
      translations: { de: { subject: 'Willkommen im neuen Zuhause – wir haben die Mahngebühren ausgesetzt' } } },
  );
  return {
    id,
    name: 'Margaret Thompson',
    greetingName: 'Margaret',
    kind: 'individual',
    customerSince: '2011-03-14',
    segment: 'loyal',
    locale: 'en-GB',
    currency: 'GBP',
    textLang: 'en',
    translations: {
      de: {
        merchantNoteHtml:
          '<p>Danke für fünfzehn Jahre mit uns, Margaret – und willkommen im neuen Zuhause in Wells!</p>' +
          `<p>Ihre letzte Rechnung ging an Ihre <strong>alte Adresse</strong>. Deshalb haben wir <em>alle Mahngebühren ausgesetzt</em>, bis Sie ${fmtMoneyDe(total(overdue.lines), 'GBP')} in Ruhe bezahlen konnten.</p>` +
          '<p>Noch beim Auspacken? Unsere <a href="https://acme-utilities.example/moving-home">Umzugs-Checkliste</a> hilft bei Zählerständen und mehr.</p>',
        role: 'Ihre Kundenbetreuerin',
        hours: 'Mo–Fr 9:00–17:30 Uhr (britische Zeit)',
        channelLabels: ['E-Mail an Priya', 'Priya anrufen', 'Mit uns chatten'],
      },
    },
    merchantNoteHtml:
      '<p>Thank you for fifteen years with us, Margaret — and welcome to your new home in Wells!</p>' +
      `<p>Your last bill went to your <strong>old address</strong>, so we have <em>paused all late fees</em> until you have had a chance to pay ${fmtGbp(total(overdue.lines))}.</p>` +
      '<p>Still unpacking? Our <a href="https://acme-utilities.example/moving-home">moving-home checklist</a> covers meter readings and more.</p>',
    humanContact: {
      name: 'Priya Shah',
      role: 'Your account manager',
      photoUrl: null,
      hours: 'Mon–Fri 9:00–17:30 (UK time)',
      availability: { timeZone: 'Europe/London', weekly: weeklyHours(WORKDAYS, '09:00', '17:30') },
      channels: [
        { kind: 'email', value: 'priya.shah@acme-utilities.example', label: 'Email Priya' },
        { kind: 'phone', value: '+44 20 7946 0321', label: 'Call Priya' },
        { kind: 'chat', value: 'https://acme-utilities.example/chat', label: 'Chat with us' },
      ],
      callbackAvailable: true,
    },
    planPolicy: { enabled: true, maxInstalments: 6, minInstalmentAmount: { amount: 1000, currency: 'GBP' }, maxDeferralDays: 30 },
    contact: {
      name: 'Margaret Thompson',
      email: 'margaret.thompson@example.co.uk',
      phone: '+44 7700 900123',
      address: { line1: '4 Riverside Close', line2: null, city: 'Wells', postalCode: 'BA5 2PQ', region: 'Somerset', country: 'GB' },
      taxId: null,
      channel: 'email',
      reminderDaysBefore: 3,
      language: 'en-GB',
    },
    recipients: [],
    methods: [visa],
    cycle: { interval: 'month', billingDay, priceMonth: 10500, priceQuarter: 30900, priceYear: 118800, nextInvoiceDate: addMonths(latestIssue, 1, billingDay) },
    invoices,
    history,
    questions: [],
  };
}
