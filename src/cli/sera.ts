#!/usr/bin/env node
// The `sera` command, bundled by bundle.ts into dist/sera.js.
import { run } from './main';

// `sera check ... | head` closes the pipe early: stop quietly, as other command-line tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit();
});

process.exitCode = await run(process.argv.slice(2), process);
