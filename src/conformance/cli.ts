#!/usr/bin/env node
/** The `billfold-conformance` command (`bin` in package.json): see `command.ts`. */
import { main } from './command.ts';

process.exitCode = await main(process.argv.slice(2));
