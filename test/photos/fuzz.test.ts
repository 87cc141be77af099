import { existsSync, readdirSync, readFileSync } from 'node:fs';
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../bench/stats';
import { cleanImage } from '../../src/photos/clean';
import { readFound } from '../../src/photos/found';
import { CORPUS, corpusFiles } from '../helpers/photos';

const FIXTURES = 'test/fixtures/photos';
const BUDGET_MS = 8_000;
const SLOW_MS = 2_000;

type Mutation = (bytes: Uint8Array, next: () => number) => Uint8Array;

/** Where structure lives: the first kilobytes hold the headers, segment and box lengths. */
const headerOffset = (bytes: Uint8Array, next: () => number) => Math.floor(next() * Math.min(bytes.length, 4096));

const MUTATIONS: Record<string, Mutation> = {
  'bit flips': (bytes, next) => {
    const out = bytes.slice();
    for (let i = 0; i < 1 + next() * 8; i++) out[headerOffset(out, next)]! ^= 1 << Math.floor(next() * 8);
    return out;
  },
  truncation: (bytes, next) => bytes.slice(0, Math.floor(next() * bytes.length)),
  'length fields': (bytes, next) => {
    const out = bytes.slice();
    const at = headerOffset(out, next);
    const values = [0, 1, 0xff, 0xffff, 0x7fffffff, 0xffffffff, out.length, Math.floor(next() * 2 ** 32)];
    new DataView(out.buffer).setUint32(Math.min(at, out.length - 4), values[Math.floor(next() * values.length)]!, next() < 0.5);
    return out;
  },
};

describe('fuzzing the cleaner with damaged files', () => {
  const seeds = [
    ...readdirSync(FIXTURES).filter((name) => !name.endsWith('.md')).map((name) => `${FIXTURES}/${name}`),
    ...(existsSync(CORPUS) ? corpusFiles() : []),
  ].map((file) => ({ file, bytes: new Uint8Array(readFileSync(file)) }));

  it(`never throws, never hangs and never returns a readable position (${BUDGET_MS / 1000} s budget)`, async () => {
    const next = seededRandom(20261121);
    const started = performance.now();
    let runs = 0;
    const failures: string[] = [];
    while (performance.now() - started < BUDGET_MS) {
      const seed = seeds[Math.floor(next() * seeds.length)]!;
      const [name, mutate] = Object.entries(MUTATIONS)[Math.floor(next() * 3)]!;
      const input = mutate(seed.bytes, next);
      const mode = next() < 0.5 ? 'location' : 'all';
      const callStarted = performance.now();
      const result = await cleanImage(input, mode);
      const took = performance.now() - callStarted;
      runs++;
      const where = `${seed.file} (${name}, ${mode}, run ${runs})`;
      if (took > SLOW_MS) failures.push(`${where}: took ${Math.round(took)} ms`);
      if (!result.cleaned) {
        if (/unexpected/.test(result.reason)) failures.push(`${where}: ${result.reason}`);
        continue;
      }
      const left = await readFound(result.bytes, result.format);
      const gps = await exifr.gps(result.bytes).catch(() => undefined);
      if (left.position || (gps && Number.isFinite(gps.latitude))) failures.push(`${where}: a position is still readable`);
    }
    expect(failures).toEqual([]);
    expect(runs).toBeGreaterThan(50);
  }, BUDGET_MS + 30_000);
});
