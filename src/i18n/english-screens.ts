import { mergeStrings } from './strings.ts';

/** English for every screen but the overview: the areas `strings.ts` does not bundle. */
export default mergeStrings(
  import.meta.glob(
    ['./locales/en/*.json', '!./locales/en/core.json', '!./locales/en/invoices.json', '!./locales/en/feedback.json'],
    { eager: true, import: 'default' },
  ),
);
