import { open } from 'node:fs/promises';
import { cleanVideo } from '../../src/videos/clean';
import { fileSource, writePatchedCopy } from '../../src/videos/node-file';

/**
 * `node video-clean.mjs IN OUT` (bundled by the video benchmark): what `sera strip` does with one
 * video, in a process of its own so the benchmark can read its peak memory. Prints the time of
 * each step as JSON.
 */
const [input, output] = process.argv.slice(2);
const started = performance.now();
const handle = await open(input!);
const result = await cleanVideo(await fileSource(handle));
await handle.close();
const cleanMs = performance.now() - started;
if (!result.cleaned) throw new Error(`the video was not cleaned: ${result.reason}`);
await writePatchedCopy(input!, output!, result.patches);
console.log(JSON.stringify({ cleanMs, writeMs: performance.now() - started - cleanMs }));
