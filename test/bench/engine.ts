import { TextlintKernel } from '@textlint/kernel';
import textPlugin from '@textlint/textlint-plugin-text';
import { moduleInterop } from '@textlint/module-interop';
import prhModule from 'textlint-rule-prh';
import { compilePack } from '../../src/policy/engine';
import { detectLanguage } from '../../src/policy/language';
import { TermMatcher } from '../../src/policy/term-matcher';
import { parsePack } from '../../src/packs/parse';
import type { Pack } from '../../src/packs/schema';
import { seededRandom, summarize, timeAsyncCalls, timeCalls, type Timing } from './stats';

/**
 * Engine benchmark: a pack of 10,000 terms, 200 products, 20 patterns and every detector, checked
 * against drafts of 280 and 5,000 characters, beside two peers on the same terms: one
 * case-insensitive alternation RegExp with \b, and textlint with textlint-rule-prh.
 */

const random = seededRandom(20261121);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const SYLLABLES = 'ka ri mo ven tal sor quin bex lu dra fen gor hal ix jor kel mar nis ov pel rud sel tov ur vek wyn zar'.split(' ');
function codename(): string {
  const word = Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(SYLLABLES)).join('');
  return word[0]!.toUpperCase() + word.slice(1);
}

function uniqueNames(count: number, make: () => string): string[] {
  const names = new Set<string>();
  while (names.size < count) names.add(make());
  return [...names];
}

const TERMS = uniqueNames(10_000, () => (random() < 0.3 ? `${codename()} ${codename()}` : codename()));
/** More terms than the standard pack holds: the standard ones first, then generated ones. */
function moreTerms(count: number): string[] {
  const terms = new Set(TERMS);
  for (let i = 0; terms.size < count; i++) terms.add(`${codename()}${i.toString(36)}`);
  return [...terms];
}
const PRODUCTS = uniqueNames(200, () => `${codename()} ${pick(['Pro', 'Max', 'Air', 'One', 'Go'])}`);

const PATTERNS = [
  '\\b(?:OPS|SEC|HW|NOVA)-\\d{1,6}\\b',
  '(?i)\\b(?:Q[1-4]|FY ?\\d{2,4})\\s+(?:revenue|earnings|guidance)\\b',
  '\\b\\d{3}-\\d{2}-\\d{4}\\b',
  '(?i)\\bconfidential\\b',
  '(?i)\\binternal only\\b',
  '(?i)\\bunder embargo\\b',
  '(?i)\\bcustomer id[: ]+\\d{6,}',
  '\\bACCT-\\d{8}\\b',
  '(?i)\\bpassword[:=]\\s*\\S+',
  '(?i)\\b(?:acquisition|merger) (?:of|with) [A-Z]\\w+',
  '(?i)\\bdo not share\\b',
  '(?i)\\broadmap 20\\d\\d\\b',
  '\\bPRJ\\d{4,}\\b',
  '(?i)\\bsalesforce opportunity \\d+',
  '(?i)\\bemployee id \\d{5,}',
  '(?i)\\bdraft (?:press release|8-K|10-Q)\\b',
  '\\b[A-Z]{3}-\\d{4}-[A-Z]{2}\\b',
  '(?i)\\bbadge \\d{6}\\b',
  '(?i)\\bbuilding [A-Z]\\d{1,2} lab\\b',
  '(?i)\\blayoff list\\b',
];

/** The benchmark pack, with `termCount` confidential terms (10,000 unless told). */
export function benchPack(termCount = TERMS.length): Pack {
  const result = parsePack({
    schemaVersion: 1,
    id: 'bench',
    name: 'Benchmark pack',
    serial: 1,
    revised: '2026-11-21',
    organization: { names: ['Acme', 'Acme Corp', '@AcmeCorp', '$ACME'] },
    competitors: ['Globex', 'Initech'],
    products: PRODUCTS.map((name) => ({ name, aliases: [name.replace(' ', '')], launch: '2030-01-01T00:00:00Z' })),
    rules: [
      { id: 'terms', kind: 'terms', severity: 'block', message: 'Confidential', terms: termCount <= TERMS.length ? TERMS.slice(0, termCount) : moreTerms(termCount) },
      { id: 'unreleased', kind: 'unreleased', severity: 'block', message: 'Unreleased' },
      {
        id: 'views',
        kind: 'disclaimer',
        severity: 'warn',
        message: 'Disclaimer',
        trigger: ['organization', 'products', 'competitors'],
        phrases: ['views are my own'],
        suggestion: 'Views are my own.',
      },
      ...PATTERNS.map((pattern, i) => ({ id: `pattern-${i}`, kind: 'pattern', severity: 'warn', message: 'Pattern', pattern })),
      {
        id: 'detectors',
        kind: 'detector',
        severity: 'warn',
        message: 'Detected',
        detectors: ['email', 'phone', 'credit-card', 'iban', 'secret', 'internal-url'],
        internalDomains: ['corp.acme.example'],
        region: 'US',
      },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.pack;
}

const WORDS = (
  'the a we our team is are was shipping today new launch great proud work people customers thanks ' +
  'for with and to of in on at this that just really excited about what next week build design ' +
  'product update meeting conference talk slides demo feedback learned lots from everyone here ' +
  'love it when things come together after months of hard work happy friday coffee remote office'
).split(' ');
const EXTRAS = ['jane.doe@example.com', '+1 415 555 2671', 'Acme', 'OPS-1234', 'https://example.com/blog'];

/** A generated draft of `length` characters: everyday words, some terms, products and personal data. */
export function draft(length: number): string {
  let text = '';
  while (text.length < length) {
    const roll = random();
    const word = roll < 0.004 ? pick(TERMS) : roll < 0.006 ? pick(PRODUCTS) : roll < 0.01 ? pick(EXTRAS) : pick(WORDS);
    text += `${text ? ' ' : ''}${word}${random() < 0.08 ? '.' : ''}`;
  }
  return text.slice(0, length);
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Forms a person uses for "Project Phoenix"; each must be found (and "Casanova"-style words must not).
const SEMANTIC_CASES: [string, boolean][] = [
  ['Project Phoenix', true], ['#ProjectPhoenix', true], ['project-phoenix', true], ['Project  Phoenix', true],
  ["Project Phoenix's", true], ['Project Phoenixes', true], ['Pr0ject Ph03n1x', true], ['P r o j e c t P h o e n i x', true],
  ['Рrојесt Рhоеniх', true], ['Ｐｒｏｊｅｃｔ Ｐｈｏｅｎｉｘ', true], ['Pro\u200bject Phoenix', true], ['Prøject Phœnix', true],
  ['Project Phoenixin', true], ['projectphoenixes', true], ['subproject phoenixlike', false],
];

export interface EngineBenchResult {
  readonly compileMs: number;
  readonly check280: Timing;
  readonly check5000: Timing;
  readonly terms280: Timing;
  readonly terms5000: Timing;
  readonly regexCompileMs: number;
  readonly regex280: Timing;
  readonly regex5000: Timing;
  readonly textlint280: Timing;
  readonly textlint5000: Timing;
  readonly semantics: { readonly sera: number; readonly regex: number; readonly cases: number };
}

export function benchData() {
  return { pack: benchPack(), drafts280: Array.from({ length: 40 }, () => draft(280)), drafts5000: Array.from({ length: 10 }, () => draft(5000)) };
}

export async function benchEngine(log: (line: string) => void): Promise<EngineBenchResult> {
  const { pack, drafts280, drafts5000 } = benchData();

  const compileSamples: number[] = [];
  let compiled = compilePack(pack);
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    compiled = compilePack(pack);
    compileSamples.push(performance.now() - started);
  }
  const compileMs = summarize(compileSamples).median;
  log(`compile: ${compileMs.toFixed(1)} ms (10,000 terms, 200 products, 20 patterns, all detectors)`);

  const language280 = timeCalls(drafts280, 4000, (text) => detectLanguage(text));
  log(`language detection, 280 chars: median ${(language280.median * 1000).toFixed(0)} µs, p99 ${(language280.p99 * 1000).toFixed(0)} µs (part of every check)`);
  const check280 = timeCalls(drafts280, 4000, (text) => compiled.check(text));
  const check5000 = timeCalls(drafts5000, 600, (text) => compiled.check(text));

  // Term matching alone, on the same names the RegExp gets.
  const names = [...TERMS, ...PRODUCTS, ...pack.organization.names];
  const matcher = new TermMatcher(names.map((name) => [name, name] as const));
  const terms280 = timeCalls(drafts280, 4000, (text) => matcher.find(text));
  const terms5000 = timeCalls(drafts5000, 600, (text) => matcher.find(text));

  let started = performance.now();
  const alternation = new RegExp(`\\b(?:${names.map(escapeRegex).join('|')})\\b`, 'gi');
  alternation.test('warm up');
  const regexCompileMs = performance.now() - started;
  const regexFind = (text: string) => [...text.matchAll(alternation)].length;
  const regex280 = timeCalls(drafts280, 4000, regexFind);
  const regex5000 = timeCalls(drafts5000, 600, regexFind);

  const kernel = new TextlintKernel();
  const prh = `version: 1\nrules:\n${names.map((name) => `  - expected: "[redacted]"\n    pattern: ${JSON.stringify(name)}\n`).join('')}`;
  const lint = (text: string) =>
    kernel.lintText(text, {
      ext: '.txt',
      filePath: 'draft.txt',
      plugins: [{ pluginId: 'text', plugin: moduleInterop(textPlugin) }],
      rules: [{ ruleId: 'prh', rule: moduleInterop(prhModule), options: { ruleContents: [prh] } }],
    });
  const textlint280 = await timeAsyncCalls(drafts280, 12, lint);
  const textlint5000 = await timeAsyncCalls(drafts5000, 6, lint);

  const semantics = { sera: 0, regex: 0, cases: SEMANTIC_CASES.length };
  const phoenix = new TermMatcher([['Project Phoenix', true] as const]);
  const phoenixRegex = /\bProject Phoenix\b/i;
  for (const [form, expected] of SEMANTIC_CASES) {
    if ((phoenix.find(`We ship ${form} now`).length > 0) === expected) semantics.sera++;
    if (phoenixRegex.test(`We ship ${form} now`) === expected) semantics.regex++;
  }

  return { compileMs, check280, check5000, terms280, terms5000, regexCompileMs, regex280, regex5000, textlint280, textlint5000, semantics };
}
