#!/usr/bin/env node
// The `sera` command: runs the TypeScript CLI through tsx, so a checkout works right after `npm ci`.
import { register } from 'tsx/esm/api';

// `sera check ... | head` closes the pipe early: stop quietly, as other command-line tools do.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit();
});

register();
const { run } = await import('./main.ts');
process.exitCode = await run(process.argv.slice(2), process);
