#!/usr/bin/env node
// The `sera` command: runs the TypeScript CLI through tsx, so a checkout works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('./main.ts');
process.exitCode = await run(process.argv.slice(2), process);
