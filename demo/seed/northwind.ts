import { addDays, addMonths, daysBetween, onDay } from '../../src/server/reference/dates.ts';
import {
  at, fmtDe, meteredLine, random, taxLine, weeklyHours, WORKDAYS,
  type SeedCustomer, type SeedHistory, type SeedInvoice, type SeedLine, type SeedMethod,
} from './builders.ts';

/** A count as an English reader writes it (`12,345`); one formatter, as thousands of lines use it. */
const count = (n: number): string => COUNT_FORMAT.format(n);
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/**
 * Northwind Analytics GmbH: a business on quarterly billing whose latest invoice has hundreds of
 * usage lines per project and per day, with a credit note on the one before, and a monthly meter
 * data invoice of 5,000 lines. Dates are relative to `today`, so what is overdue stays overdue.
 */
export function northwind(today: string): SeedCustomer {
  const id = 'cus_northwind';
  const sepa: SeedMethod = {
    id: 'pm_northwind_sepa',
    type: 'bank_account',
    bankName: 'Deutsche Bank',
    last4: '3000',
    isDefault: true,
    outcome: 'succeed',
    label: 'Deutsche Bank •••• 3000',
  };
  const latestIssue = onDay(Number(addDays(today, -20).slice(0, 4)), Number(addDays(today, -20).slice(5, 7)), 1);
  const projects = ['berlin-warehouse', 'hamburg-port', 'munich-offices'] as const;
  const rand = random(20191);

  const makeInvoice = (k: number): SeedInvoice => {
    const issueDate = addMonths(latestIssue, -3 * k, 1);
    const start = addMonths(issueDate, -3, 1);
    const end = addDays(issueDate, -1);
    const days = daysBetween(start, issueDate);
    const lines: SeedLine[] = [
      meteredLine({
        kind: 'subscription',
        description: 'Grid Insights Business plan — quarterly',
        explanation: 'The platform fee for this quarter: 3 projects, 10 team members, support within one working day.',
        quantity: 1,
        unit: 'quarter',
        unitPrice: '120000',
        period: { start, end },
        translations: {
          de: {
            description: 'Grid Insights Business – vierteljährlich',
            explanation: 'Die Plattformgebühr für dieses Quartal: 3 Projekte, 10 Teammitglieder, Support innerhalb eines Werktags.',
            unit: 'Quartal',
          },
        },
      }),
    ];
    if (k === 0) {
      // One line per project, per metric, per day: the detail a finance team asks for.
      for (let d = 0; d < days; d++) {
        const day = addDays(start, d);
        for (const project of projects) {
          const calls = Math.round(20_000 + rand() * 60_000);
          lines.push(
            meteredLine({
              kind: 'usage',
              description: `API calls — ${project}`,
              explanation: `${count(calls)} calls to the Grid Insights API from project ${project} on this day, at €0.40 per 1,000 calls.`,
              quantity: calls / 1000,
              unit: '1,000 calls',
              unitPrice: '40',
              period: { start: day, end: day },
              group: project,
              translations: {
                de: {
                  description: `API-Aufrufe – ${project}`,
                  explanation: `${fmtDe(calls)} Aufrufe der Grid-Insights-API aus dem Projekt ${project} an diesem Tag, zu 0,40 € pro 1.000 Aufrufe.`,
                  unit: '1.000 Aufrufe',
                },
              },
            }),
          );
          const gb = Math.round((0.5 + rand() * 4) * 100) / 100;
          lines.push(
            meteredLine({
              kind: 'usage',
              description: `Data export — ${project}`,
              explanation: `${gb} GB of meter data exported by project ${project} on this day, at €0.09 per GB.`,
              quantity: gb,
              unit: 'GB',
              unitPrice: '9',
              period: { start: day, end: day },
              group: project,
              translations: {
                de: {
                  description: `Datenexport – ${project}`,
                  explanation: `${fmtDe(gb)} GB Messdaten, an diesem Tag aus dem Projekt ${project} exportiert, zu 0,09 € pro GB.`,
                },
              },
            }),
          );
        }
      }
    } else {
      for (const project of projects) {
        const calls = Math.round((20_000 + rand() * 60_000) * days);
        lines.push(
          meteredLine({
            kind: 'usage',
            description: `API calls — ${project}`,
            explanation: `${count(calls)} calls from project ${project} during the quarter, at €0.40 per 1,000 calls.`,
            quantity: calls / 1000,
            unit: '1,000 calls',
            unitPrice: '40',
            period: { start, end },
            translations: {
              de: {
                description: `API-Aufrufe – ${project}`,
                explanation: `${fmtDe(calls)} Aufrufe aus dem Projekt ${project} im Quartal, zu 0,40 € pro 1.000 Aufrufe.`,
                unit: '1.000 Aufrufe',
              },
            },
          }),
        );
      }
    }
    lines.push({
      kind: 'discount',
      description: 'Annual commitment discount — 5% of the platform fee',
      explanation: 'Northwind committed to a full year, which takes 5% off the platform fee each quarter.',
      amount: -6000,
      translations: {
        de: {
          description: 'Rabatt für Jahresbindung – 5 % der Plattformgebühr',
          explanation: 'Northwind hat sich für ein ganzes Jahr verpflichtet; dafür sinkt die Plattformgebühr jedes Quartal um 5 %.',
        },
      },
    });
    lines.push(germanVat(lines));
    const dueDate = addDays(issueDate, 30);
    const corrections =
      k === 1
        ? [
            {
              id: 'cn_northwind_1',
              number: `CN-${issueDate.slice(0, 4)}-007`,
              issueDate: addDays(issueDate, 9),
              amount: -12000,
              note:
                'We are sorry. A metering fault counted some API calls from project hamburg-port twice over three days. ' +
                'We have credited €120.00 and fixed the fault so it cannot happen again. — Jonas Richter, account manager',
              translations: {
                de: {
                  note:
                    'Das tut uns leid. Ein Messfehler hat an drei Tagen einige API-Aufrufe aus dem Projekt hamburg-port doppelt gezählt. ' +
                    'Wir haben 120,00 € gutgeschrieben und den Fehler behoben, damit er nicht wieder vorkommt. — Jonas Richter, Kundenbetreuer',
                },
              },
            },
          ]
        : [];
    return {
      id: `inv_northwind_${k}`,
      number: `AU-B-${issueDate.slice(0, 7).replace('-', '')}-0088`,
      issueDate,
      dueDate,
      period: { start, end },
      lines,
      payments: [{ id: `pay_northwind_${k}`, status: 'succeeded', at: at(addDays(issueDate, k === 0 ? 3 : 12), 5), methodId: sepa.id, label: sepa.label }],
      corrections,
    };
  };
  const quarterly = [0, 1, 2, 3].map(makeInvoice);
  const meters = meterInvoice(latestIssue, sepa, random(5000));
  const invoices = [...quarterly, meters];
  const latest = quarterly[0]!;
  const askedLine = latest.lines.find((l) => l.description === 'API calls — hamburg-port' && l.period?.start === addDays(latest.period.start, 40));
  const askedLineIndex = askedLine ? latest.lines.indexOf(askedLine) : 1;
  const questionAt = at(addDays(latest.issueDate, 2), 9, 40);
  const recipients = [
    { id: 'rcp_northwind_ap', name: 'Accounts Payable', email: 'ap@northwind-analytics.example' },
    { id: 'rcp_northwind_cfo', name: 'Katrin Vogt', email: 'katrin.vogt@northwind-analytics.example' },
    { id: 'rcp_northwind_eng', name: 'Tomás Herrera', email: 'tomas.herrera@northwind-analytics.example' },
  ];
  const sentTo = 'ap@northwind-analytics.example and 2 others';
  const history: SeedHistory[] = [];
  for (const invoice of invoices) {
    const report = invoice === meters ? 'with one line per meter' : 'with your usage report';
    const bericht = invoice === meters ? 'mit einer Position pro Zähler' : 'mit Ihrem Nutzungsbericht';
    history.push(
      { at: at(invoice.issueDate, 6), channel: 'email', direction: 'outbound', kind: 'invoice', subject: `Invoice ${invoice.number} ${report}`, sentTo, invoiceId: invoice.id,
        translations: { de: { subject: `Rechnung ${invoice.number} ${bericht}` } } },
      { at: invoice.payments[0]!.at, channel: 'email', direction: 'outbound', kind: 'receipt', subject: `SEPA direct debit collected for ${invoice.number}`, sentTo, invoiceId: invoice.id,
        translations: { de: { subject: `SEPA-Lastschrift für ${invoice.number} eingezogen` } } },
    );
  }
  const creditNote = quarterly[1]!.corrections![0]!;
  history.push(
    { at: at(creditNote.issueDate, 11), channel: 'email', direction: 'outbound', kind: 'notice', subject: `Credit note ${creditNote.number}: our apologies for the metering fault`, sentTo, invoiceId: quarterly[1]!.id,
      translations: { de: { subject: `Gutschrift ${creditNote.number}: Entschuldigung für den Messfehler` } } },
    { at: questionAt, channel: 'portal', direction: 'inbound', kind: 'question', subject: `Question about ${latest.number} — API calls — hamburg-port`, invoiceId: latest.id,
      translations: { de: { subject: `Frage zu ${latest.number} – API-Aufrufe – hamburg-port` } } },
    { at: new Date(questionAt.getTime() + 5 * 3600_000), channel: 'email', direction: 'outbound', kind: 'reply', subject: `Jonas Richter answered your question about ${latest.number}`, sentTo: 'tomas.herrera@northwind-analytics.example', invoiceId: latest.id,
      translations: { de: { subject: `Jonas Richter hat Ihre Frage zu ${latest.number} beantwortet` } } },
  );
  return {
    id,
    name: 'Northwind Analytics GmbH',
    greetingName: 'Northwind team',
    kind: 'business',
    customerSince: '2019-09-01',
    segment: 'loyal',
    locale: 'en',
    currency: 'EUR',
    textLang: 'en',
    translations: {
      de: {
        merchantNoteHtml:
          '<p>Hallo Northwind-Team – Ihr <strong>vierteljährlicher Nutzungsbericht</strong> ist auf der neuesten Rechnung nach Projekt und Tag aufgeschlüsselt.</p>' +
          '<ul><li>Eine Gutschrift für den Messfehler im letzten Quartal finden Sie auf der vorigen Rechnung</li><li>Neu: Exportieren Sie Ihre Nutzung als CSV im <a href="https://acme-utilities.example/grid-insights/usage">Nutzungs-Dashboard</a></li></ul>',
        role: 'Kundenbetreuer Geschäftskunden',
        hours: 'Mo–Fr 9:00–17:00 Uhr MEZ',
      },
    },
    merchantNoteHtml:
      '<p>Hello Northwind team — your <strong>quarterly usage report</strong> is itemised per project and per day on the latest invoice.</p>' +
      '<ul><li>A credit note for last quarter’s metering fault is on the previous invoice</li><li>New: export your usage as CSV from the <a href="https://acme-utilities.example/grid-insights/usage">usage dashboard</a></li></ul>',
    humanContact: {
      name: 'Jonas Richter',
      role: 'Account manager, business customers',
      photoUrl: null,
      hours: 'Mon–Fri 9:00–17:00 CET',
      availability: { timeZone: 'Europe/Berlin', weekly: weeklyHours(WORKDAYS, '09:00', '17:00') },
      channels: [
        { kind: 'email', value: 'jonas.richter@acme-utilities.example' },
        { kind: 'phone', value: '+49 30 9018 2200' },
        { kind: 'post', value: 'Acme Utilities GmbH, Friedrichstraße 68, 10117 Berlin' },
      ],
      callbackAvailable: true,
    },
    planPolicy: { enabled: false, maxInstalments: 0, minInstalmentAmount: { amount: 0, currency: 'EUR' }, maxDeferralDays: 0 },
    contact: {
      name: 'Northwind Analytics GmbH',
      email: 'billing@northwind-analytics.example',
      phone: '+49 30 5557 1200',
      address: { line1: 'Torstraße 112', line2: '3. OG', city: 'Berlin', postalCode: '10119', region: null, country: 'DE' },
      taxId: 'DE811569869',
      channel: 'email',
      reminderDaysBefore: 7,
      language: 'en',
    },
    recipients,
    methods: [sepa],
    cycle: { interval: 'quarter', billingDay: 1, priceMonth: 40000, priceQuarter: 114000, priceYear: 432000, nextInvoiceDate: addMonths(latestIssue, 3, 1) },
    invoices,
    history,
    questions: [
      {
        id: 'q_northwind_1',
        invoiceId: latest.id,
        lineId: `ln_${latest.id}_${askedLineIndex}`,
        subject: `Invoice ${latest.number} — API calls — hamburg-port`,
        topic: 'amount_wrong',
        status: 'answered',
        createdAt: questionAt,
        messages: [
          {
            id: 'msg_northwind_1',
            author: 'customer',
            authorName: null,
            // The day is the line's own period, which the question links to.
            body: 'This line shows a lot of API calls from the hamburg-port project, but our deployment there was paused that day. Can you check?',
            sentAt: questionAt,
          },
          {
            id: 'msg_northwind_2',
            author: 'merchant',
            authorName: 'Jonas Richter',
            body:
              'Thanks for checking so carefully, Tomás. The calls came from the scheduled nightly export (API key ending 7f3a), ' +
              'which kept running while the deployment was paused. The amount is correct, but if you would like to pause the export ' +
              'too, reply here and I will set it up for you.',
            sentAt: new Date(questionAt.getTime() + 5 * 3600_000),
          },
        ],
      },
    ],
  };
}

/** Northwind's sites, each a project, and how many smart meters stream readings from each. */
const METER_SITES = [
  { project: 'berlin-warehouse', prefix: 'DE-BER', meters: 2100 },
  { project: 'hamburg-port', prefix: 'DE-HAM', meters: 1800 },
  { project: 'munich-offices', prefix: 'DE-MUC', meters: 1098 },
] as const;

/**
 * The meter data invoice for the month before `issueDate`: a platform fee, one line per smart
 * meter (4,998, grouped by project) and VAT — 5,000 lines, the size that must never travel as one
 * response. Readings are priced at €0.00035 each (0.035 cent, an exact decimal price).
 */
function meterInvoice(issueDate: string, sepa: SeedMethod, rand: () => number): SeedInvoice {
  const start = addMonths(issueDate, -1, 1);
  const end = addDays(issueDate, -1);
  const days = daysBetween(start, issueDate);
  const lines: SeedLine[] = [
    meteredLine({
      kind: 'subscription',
      description: 'Meter data service — monthly platform fee',
      explanation: 'Streaming, storing and validating quarter-hourly readings of every meter for this month.',
      quantity: 1,
      unit: 'month',
      unitPrice: '4900',
      period: { start, end },
      translations: {
        de: {
          description: 'Messdatendienst – monatliche Plattformgebühr',
          explanation: 'Übertragung, Speicherung und Prüfung der viertelstündlichen Messwerte aller Zähler für diesen Monat.',
          unit: 'Monat',
        },
      },
    }),
  ];
  for (const site of METER_SITES) {
    for (let n = 1; n <= site.meters; n++) {
      const meter = `${site.prefix}-${String(n).padStart(5, '0')}`;
      // Most meters report all month; some were installed or offline part of it.
      const online = rand() < 0.9 ? days : 1 + Math.floor(rand() * days);
      const readings = online * 96;
      lines.push(
        meteredLine({
          kind: 'usage',
          description: `Meter ${meter} — quarter-hourly readings`,
          explanation: `${count(readings)} readings from this meter, online ${online} of ${days} days, at €0.00035 each.`,
          quantity: readings,
          unit: 'readings',
          unitPrice: '0.035',
          period: { start, end },
          group: site.project,
          translations: {
            de: {
              description: `Zähler ${meter} – viertelstündliche Messwerte`,
              explanation: `${fmtDe(readings)} Messwerte dieses Zählers, an ${online} von ${days} Tagen online, zu je 0,00035 €.`,
              unit: 'Messwerte',
            },
          },
        }),
      );
    }
  }
  lines.push(germanVat(lines));
  return {
    id: 'inv_northwind_meters',
    number: `AU-B-${issueDate.slice(0, 7).replace('-', '')}-0089`,
    issueDate,
    dueDate: addDays(issueDate, 30),
    period: { start, end },
    lines,
    payments: [{ id: 'pay_northwind_meters', status: 'succeeded', at: at(addDays(issueDate, 3), 5, 30), methodId: sepa.id, label: sepa.label }],
  };
}

/** German VAT at 19% over every line so far. */
function germanVat(lines: SeedLine[]): SeedLine {
  return taxLine(lines, 'VAT', 19, 'VAT 19%', 'German VAT (Umsatzsteuer) at the standard rate of 19% on everything above.', {
    de: { tax_name: 'MwSt.', description: 'MwSt. 19 %', explanation: 'Die deutsche Umsatzsteuer zum Regelsatz von 19 % auf alle Positionen oben.' },
  });
}
