import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { measured } from './videos';

/**
 * WebM benchmark: a 2 GB WebM whose Tags hold a LOCATION, written twice: with Clusters of known
 * size (as FFmpeg and mkvmerge write them: stepped over by their size) and of unknown size (as
 * browsers' MediaRecorder writes them: walked block by block, 100,000 blocks of 20 KB). Each is
 * cleaned as `sera strip` cleans it, in its own process: metadata time and peak memory.
 */

const SIZE = 2e9;
const BLOCK = 20_000;
const BLOCKS_PER_CLUSTER = 50;

export interface WebmRun {
  readonly clusters: 'known size' | 'unknown size';
  readonly cleanMs: number;
  readonly peakMb: number;
  readonly cleaned: boolean;
}

const idBytes = (id: number) => Buffer.from(id.toString(16).padStart(id.toString(16).length + (id.toString(16).length % 2), '0'), 'hex');
const element = (id: number, ...payload: Buffer[]) => {
  const data = Buffer.concat(payload);
  const size = Buffer.alloc(8);
  size.writeBigUInt64BE(BigInt(data.length) | (1n << 56n));
  return Buffer.concat([idBytes(id), size, data]);
};
const UNKNOWN_SIZE = Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

function writeWebm(path: string, knownSize: boolean): void {
  const text = (value: string) => Buffer.from(value, 'latin1');
  const info = element(0x1549a966, element(0x2ad7b1, Buffer.from([0x0f, 0x42, 0x40])));
  const tags = element(0x1254c367, element(0x7373, element(0x63c0), element(0x67c8, element(0x45a3, text('LOCATION')), element(0x4487, text('+60.1699+024.9384/')))));
  const block = element(0xa3, Buffer.from([0x81, 0, 0, 0x80]), Buffer.alloc(BLOCK, 7));
  const body = Buffer.concat([element(0xe7, Buffer.from([0])), ...Array<Buffer>(BLOCKS_PER_CLUSTER).fill(block)]);
  const cluster = knownSize ? element(0x1f43b675, body) : Buffer.concat([idBytes(0x1f43b675), UNKNOWN_SIZE, body]);
  const count = Math.floor(SIZE / cluster.length);
  const segmentSize = Buffer.alloc(8);
  segmentSize.writeBigUInt64BE(BigInt(info.length + tags.length + count * cluster.length) | (1n << 56n));
  const fd = openSync(path, 'w');
  writeSync(fd, Buffer.concat([element(0x1a45dfa3, element(0x4282, text('webm'))), idBytes(0x18538067), knownSize ? segmentSize : UNKNOWN_SIZE, info, tags]));
  for (let i = 0; i < count; i++) writeSync(fd, cluster);
  closeSync(fd);
}

export async function benchWebm(log: (line: string) => void): Promise<WebmRun[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sera-webm-bench-'));
  try {
    const cleaner = join(dir, 'video-clean.mjs');
    buildSync({ entryPoints: ['test/bench/video-clean.ts'], bundle: true, platform: 'node', format: 'esm', outfile: cleaner, logLevel: 'error' });
    const runs: WebmRun[] = [];
    for (const knownSize of [true, false]) {
      const input = join(dir, 'large.webm');
      const output = join(dir, 'cleaned.webm');
      writeWebm(input, knownSize);
      const run = await measured(process.execPath, [cleaner, input, output]);
      const steps = JSON.parse(run.stdout || '{}') as { cleanMs?: number };
      const result: WebmRun = { clusters: knownSize ? 'known size' : 'unknown size', cleanMs: steps.cleanMs ?? NaN, peakMb: run.peakMb, cleaned: run.code === 0 };
      log(`video, 2 GB WebM, Clusters of ${result.clusters}: metadata read and patches made in ${result.cleanMs.toFixed(0)} ms, peak memory ${result.peakMb.toFixed(0)} MB${result.cleaned ? '' : ', NOT CLEANED'}`);
      runs.push(result);
      rmSync(input);
      rmSync(output, { force: true });
    }
    return runs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
