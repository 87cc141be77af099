import { detect, DETECTORS } from '../../src/policy/detectors';
import { compilePack } from '../../src/policy/engine';
import { PatternMatcher } from '../../src/policy/pattern-rules';
import { parsePack } from '../../src/packs/parse';
import { lintPack } from '../../src/packs/lint';
import { benchPack, draft } from './engine';
import { summarize, timeCalls, type Timing } from './stats';

/**
 * How the check scales: drafts from 1 KB to 10 MB and packs from 1,000 to 100,000 terms (the goal
 * is linear), and the hostile probe's cases (a pack at the pattern budget on a draft built to match
 * it everywhere, detector inputs built to be slow, a big pack through lint), each with a budget.
 */

export interface ScaleBenchResult {
  /** Check time (ms) by draft size in characters, with the 10,000-term pack. */
  readonly drafts: Record<string, number>;
  /** Compile time and 5,000-char check time (ms) by number of terms. */
  readonly packs: Record<string, { compileMs: number; check5000: Timing }>;
  /** A pack at the pattern budget on 5,000 characters that match its patterns everywhere. */
  readonly hostilePatterns: Timing;
  /** The slowest of the detector inputs built to be slow, at 1 MB (ms), and which it was. */
  readonly hostileDetectors: { readonly worst: string; readonly ms: number };
  /** Parse plus lint of a pack of about 400 KB (ms). */
  readonly bigPackLintMs: number;
}

const SIZES = [1_000, 100_000, 1_000_000, 10_000_000];
const TERM_COUNTS = [1_000, 10_000, 100_000];

function once(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** The fastest of a few runs: big inputs run once each, and the fastest is the least disturbed. */
function fastest(runs: number, run: () => unknown): number {
  return Math.min(...Array.from({ length: runs }, () => once(run)));
}

export function benchScale(log: (line: string) => void): ScaleBenchResult {
  const packs: ScaleBenchResult['packs'] = {};
  const drafts5000 = Array.from({ length: 10 }, () => draft(5_000));
  for (const count of TERM_COUNTS) {
    const pack = benchPack(count);
    const compileMs = fastest(3, () => compilePack(pack));
    const compiled = compilePack(pack);
    const check5000 = timeCalls(drafts5000, 200, (text) => compiled.check(text));
    packs[count] = { compileMs, check5000 };
    log(`  ${count.toLocaleString('en')} terms: compile ${compileMs.toFixed(1)} ms, check 5,000 chars p99 ${check5000.p99.toFixed(2)} ms`);
  }

  const standard = compilePack(benchPack());
  const longest = draft(SIZES.at(-1)!);
  const drafts: Record<string, number> = {};
  for (const size of SIZES) {
    const text = longest.slice(0, size);
    drafts[size] = fastest(size >= 1_000_000 ? 2 : 5, () => standard.check(text));
    log(`  check, ${size.toLocaleString('en')} chars: ${drafts[size]!.toFixed(1)} ms (${((drafts[size]! / size) * 1e6).toFixed(0)} ns per char)`);
  }

  // Eight patterns of 150 compiled steps each: the pack budget (1,200), on a draft full of their anchors.
  const hostile = new PatternMatcher(Array.from({ length: 8 }, (_, i) => ({ pattern: `.{0,36}q${i % 2}.{0,36}`, flags: 's' })));
  const anchors = Array.from({ length: 5_000 }, (_, i) => 'q1 q0 ab-12_x@y.z\n'[i % 18]).join('');
  const hostileSamples = Array.from({ length: 60 }, () => once(() => hostile.find(anchors)));
  const hostilePatterns = summarize(hostileSamples.slice(10));
  log(`  pack at the pattern budget, 5,000 chars built to match: median ${hostilePatterns.median.toFixed(2)} ms, p99 ${hostilePatterns.p99.toFixed(2)} ms`);

  const slowInputs: Record<string, string> = {
    'spaced digits': '1 '.repeat(500_000),
    'dashed digits': '1-'.repeat(500_000),
    'at signs': '@'.repeat(1_000_000),
    'a@b. repeated': 'a@b.'.repeat(250_000),
    'IBAN-like groups': 'FI21 '.repeat(200_000),
    'internal host repeated': 'corp.example.com'.repeat(62_500),
  };
  let worst = { worst: '', ms: 0 };
  for (const [name, text] of Object.entries(slowInputs)) {
    const ms = fastest(2, () => detect(text, DETECTORS, { internalDomains: ['corp.example.com'], region: 'US' }));
    if (ms > worst.ms) worst = { worst: name, ms };
  }
  log(`  detectors on inputs built to be slow, 1 MB: slowest ${worst.worst}, ${worst.ms.toFixed(0)} ms`);

  const bigPack = {
    ...benchPack(1_000),
    rules: Array.from({ length: 2_500 }, (_, i) => ({ id: `r${i}`, kind: 'terms', severity: 'warn', message: 'Confidential', terms: Array.from({ length: 5 }, (_, j) => `Codename${i}x${j}`) })),
  };
  const bigPackLintMs = fastest(2, () => {
    const parsed = parsePack(bigPack);
    if (!parsed.ok) throw new Error('the big lint pack is invalid');
    lintPack(parsed.pack);
  });
  log(`  parse and lint, ${(JSON.stringify(bigPack).length / 1024).toFixed(0)} KB pack: ${bigPackLintMs.toFixed(0)} ms`);

  return { drafts, packs, hostilePatterns, hostileDetectors: worst, bigPackLintMs };
}
