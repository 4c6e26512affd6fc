import { mergeStrings } from '../../strings.ts';

/** Brazilian Portuguese, also served for `pt` and `pt-PT`, loaded on demand as one chunk (see `load-locale.ts`). */
export default mergeStrings(import.meta.glob('./*.json', { eager: true, import: 'default' }));
