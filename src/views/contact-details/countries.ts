import type { Choice } from '../../ui/field.tsx';

/**
 * The officially assigned ISO 3166-1 alpha-2 codes, two letters each. Intl names regions but has
 * no list of them (`Intl.supportedValuesOf` has no `region` key), so the codes ship here, packed
 * into one string because that minifies and compresses better than an array of 249 strings.
 */
const ISO_3166_CODES =
  'ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZ' +
  'DEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJM' +
  'JOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONP' +
  'NRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTO' +
  'TRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW';

/** Every ISO 3166-1 alpha-2 code. */
export const COUNTRY_CODES: readonly string[] = ISO_3166_CODES.match(/../g)!;

const cache = new Map<string, Choice[]>();

/**
 * The countries as choices named in the customer's language (`DE` -> "Germany" / "Deutschland"),
 * sorted the way that language sorts. A code outside the list (a backend may store one) is kept
 * as a choice, so showing the form never changes the saved value.
 */
export function countryChoices(locale: string, current?: string): Choice[] {
  let choices = cache.get(locale);
  if (!choices) {
    const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    const collator = new Intl.Collator(locale);
    choices = COUNTRY_CODES.map((code) => ({ value: code, label: names.of(code) ?? code })).sort((a, b) =>
      collator.compare(a.label, b.label),
    );
    cache.set(locale, choices);
  }
  if (current && !COUNTRY_CODES.includes(current)) return [{ value: current, label: current }, ...choices];
  return choices;
}

/** A country's name in the customer's language, for the conflict view. */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}
