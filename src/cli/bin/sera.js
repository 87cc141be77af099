#!/usr/bin/env node
// npm links this file when it installs, before `npm run build:cli` has made the bundle: a bin that
// pointed at the bundle itself would not be linked on a fresh `npm ci`.
await import('../dist/sera.js');
