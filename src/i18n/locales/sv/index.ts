import { mergeStrings } from '../../strings.ts';

/** Swedish, loaded on demand as one chunk (see `load-locale.ts`). */
export default mergeStrings(import.meta.glob('./*.json', { eager: true, import: 'default' }));
