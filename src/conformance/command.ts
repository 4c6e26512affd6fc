/**
 * `npx billfold-conformance <api-base> --token <session token> [--mutations] [--card-token <token>] [--json]`:
 * checks a backend against the Billfold contract (see `runConformance`), prints a report and
 * exits 1 when the backend breaks the contract, 2 when it is called wrongly.
 */
import { parseArgs } from 'node:util';
import { formatReport, runConformance } from './runner.ts';

const USAGE = `Usage: billfold-conformance <api-base> --token <session token> [--mutations] [--card-token <token>] [--json]

  <api-base>          where the contract is mounted, e.g. https://shop.example/billing-api
  --token, -t         a session token of a test customer (or BILLFOLD_CONFORMANCE_TOKEN)
  --mutations         also change the test customer's data: a question, feedback, a payment, ...
  --card-token        a test token of your payment provider, to add and remove a payment method
  --json              print the report as JSON
`;

/** Run the command with `argv` (without node and the script); resolves the exit code. */
export async function main(argv: readonly string[], out: (text: string) => void = console.log): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        token: { type: 'string', short: 't' },
        mutations: { type: 'boolean', default: false },
        'card-token': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    out(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const token = values.token ?? process.env.BILLFOLD_CONFORMANCE_TOKEN;
  const apiBase = positionals[0];
  if (!apiBase || positionals.length > 1 || !token || !URL.canParse(apiBase)) {
    out(USAGE);
    return 2;
  }
  const report = await runConformance({
    apiBase,
    token,
    mutations: values.mutations,
    ...(values['card-token'] ? { cardToken: values['card-token'] } : {}),
  });
  out(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.violations === 0 ? 0 : 1;
}
