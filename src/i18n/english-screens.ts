import { mergeStrings } from './strings.ts';

/** English for every screen but the overview, and for the feedback prompt: the areas `strings.ts` does not bundle. */
export default mergeStrings(
  import.meta.glob(
    ['./locales/en/*.json', '!./locales/en/core.json', '!./locales/en/invoices.json'],
    { eager: true, import: 'default' },
  ),
);
