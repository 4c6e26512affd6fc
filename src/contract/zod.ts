/**
 * The one place that imports zod. `zod/mini` keeps the widget small (about 7 KB gzip
 * against 24 KB for full zod), and jitless mode must be set before any schema exists:
 * zod otherwise compiles parsers with `new Function`, which a strict CSP forbids.
 * Every schema module imports `z` from here, so ES module order guarantees the config runs first.
 */
import * as z from 'zod/mini';
import { config } from 'zod/mini';

// By name, not `z.config`: the unbundled build imports zod by name everywhere (scripts/zod-plugins.ts).
config({ jitless: true });

export { z };
