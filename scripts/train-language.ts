/**
 * Builds the language detector of src/policy/language.ts from the text in data/language/.
 *
 *   npx tsx scripts/train-language.ts extract [ROOT...]   # catalogs and word list -> data/language/
 *   npx tsx scripts/train-language.ts                     # data/language/train/ -> src/policy/language-model.ts
 *
 * `extract` reads Debian's message catalogs (.mo) and hunspell-sw's word list under each ROOT (default
 * "/"; unpack packages that are not installed with `apt-get download P && dpkg-deb -x P.deb ROOT`).
 * data/language/README.md lists the packages, their versions and licences. Training reads only the
 * repository and is deterministic: the same files give the same module, byte for byte.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { forEachLanguageFeature, WORD_FEATURE_PREFIX } from '../src/policy/language';

const LANGUAGES = ['en', 'fi', 'sw'] as const;
type Language = (typeof LANGUAGES)[number];
const DATA = 'data/language';
const MODEL_PATH = 'src/policy/language-model.ts';

// Catalogs with sentence-like messages (not assembler or widget-property jargon). English comes from
// the message ids of the same Finnish catalogs. Held-out catalogs are never trained on.
const TRAIN_CATALOGS = ['coreutils', 'bash', 'wget', 'tar', 'apt', 'gnupg2', 'systemd', 'PackageKit', 'glib20', 'diffutils', 'findutils', 'make', 'grep', 'sed'];
const HELD_OUT_CATALOGS = ['shadow', 'man-db', 'appstream', 'avahi', 'software-properties', 'python-apt'];
const SWAHILI_TRAIN_CATALOGS = ['tuxpaint'];
const SWAHILI_HELD_OUT_CATALOGS = ['pidgin'];
// hunspell-sw lists every inflected verb form; every fourth lower-case word keeps the letter
// statistics while keeping the shipped sample small.
const SWAHILI_WORD_STRIDE = 4;

// Features kept per language, by frequency: n-grams per length, and whole words; the union over
// languages is the model.
const KEEP_PER_ORDER: Record<number, number> = { 1: 60, 2: 500, 3: 1000, 4: 1000 };
const KEEP_WORDS = 300;
// Word lists have no sentence context, so they count for a share of the language's n-gram mass.
const WORD_LIST_SHARE = 0.35;
// Sentences written as people post (first person, informal, spoken Finnish) are few next to the
// catalogs' interface text, but closer to what is detected, so each counts several times.
const WRITTEN_WEIGHT = 4;
const SMOOTHING = 0.5;
// Penalties are stored as one base-36 digit: 0 to 35 steps.
const SCORE_STEP = 0.2;
const MAX_PENALTY_STEPS = 35;

function readMo(path: string): Array<[string, string]> {
  const bytes = readFileSync(path);
  const littleEndian = bytes.readUInt32LE(0) === 0x950412de;
  const read = (offset: number) => (littleEndian ? bytes.readUInt32LE(offset) : bytes.readUInt32BE(offset));
  const count = read(8);
  const idsAt = read(12);
  const stringsAt = read(16);
  const text = (tableAt: number, index: number) => {
    const length = read(tableAt + index * 8);
    const offset = read(tableAt + index * 8 + 4);
    return bytes.toString('utf8', offset, offset + length);
  };
  const pairs: Array<[string, string]> = [];
  // Entry 0 is the catalog header; plural forms are separated by NUL, and the first one is kept.
  for (let index = 1; index < count; index++) pairs.push([text(idsAt, index).split('\0')[0]!, text(stringsAt, index).split('\0')[0]!]);
  return pairs;
}

/** A message as prose: no format directives, markup, accelerators, options or paths; undefined if little prose is left. */
function proseOf(message: string): string | undefined {
  const text = message
    .replace(/<[^>]*>/g, ' ')
    .replace(/%\([^)]*\)[a-z]/g, ' ')
    .replace(/%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[a-zA-Z%]|\$\{[^}]*\}|\{[^}]*\}/g, ' ')
    .replace(/(?<![\p{L}])[_&](?=\p{L})/gu, '')
    .replace(/\S*[/\\=_<>|`$~]\S*|(?<!\S)--?\S+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const words = text.match(/\p{L}+/gu) ?? [];
  const letters = words.join('').length;
  if (words.length < 3 || text.length < 15 || letters < 0.7 * text.length) return undefined;
  return text;
}

function catalogPath(roots: string[], language: string, name: string): string {
  for (const root of roots) {
    const path = join(root, 'usr/share/locale', language, 'LC_MESSAGES', `${name}.mo`);
    if (existsSync(path)) return path;
  }
  throw new Error(`${language}/${name}.mo is under none of ${roots.join(', ')}`);
}

function unique(lines: Iterable<string>): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const line of lines) {
    const key = line.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(line);
  }
  return kept;
}

function writeLines(path: string, lines: string[]): void {
  writeFileSync(path, `${lines.join('\n')}\n`);
  console.log(`${path}: ${lines.length} lines, ${Buffer.byteLength(lines.join('\n'))} bytes`);
}

function extract(roots: string[]): void {
  const messages = (language: string, names: string[], side: 'id' | 'translation') =>
    names.flatMap((name) =>
      readMo(catalogPath(roots, language, name))
        // An untranslated message copied over is English, not the catalog's language.
        .filter(([id, translation]) => translation && translation !== id)
        .map(([id, translation]) => proseOf(side === 'id' ? id : translation))
        .filter((line): line is string => line !== undefined),
    );
  mkdirSync(join(DATA, 'train'), { recursive: true });
  mkdirSync(join(DATA, 'heldout'), { recursive: true });
  const trainEnglish = unique(messages('fi', TRAIN_CATALOGS, 'id'));
  const trainFinnish = unique(messages('fi', TRAIN_CATALOGS, 'translation'));
  const trainSwahili = unique(messages('sw', SWAHILI_TRAIN_CATALOGS, 'translation'));
  const trained = new Set([...trainEnglish, ...trainFinnish, ...trainSwahili].map((line) => line.toLowerCase()));
  const heldOut = (lines: string[]) => unique(lines).filter((line) => !trained.has(line.toLowerCase()));
  writeLines(join(DATA, 'train/en-catalogs.txt'), trainEnglish);
  writeLines(join(DATA, 'train/fi-catalogs.txt'), trainFinnish);
  writeLines(join(DATA, 'train/sw-catalogs.txt'), trainSwahili);
  writeLines(join(DATA, 'heldout/en-catalogs.txt'), heldOut(messages('fi', HELD_OUT_CATALOGS, 'id')));
  writeLines(join(DATA, 'heldout/fi-catalogs.txt'), heldOut(messages('fi', HELD_OUT_CATALOGS, 'translation')));
  writeLines(join(DATA, 'heldout/sw-catalogs.txt'), heldOut(messages('sw', SWAHILI_HELD_OUT_CATALOGS, 'translation')));

  const dictionary = roots.map((root) => join(root, 'usr/share/hunspell/sw_TZ.dic')).find(existsSync);
  if (!dictionary) throw new Error('hunspell-sw (sw_TZ.dic) is not installed under any root');
  const words = readFileSync(dictionary, 'utf8')
    .split('\n')
    .slice(1)
    .map((entry) => entry.split('/')[0]!.trim())
    .filter((word) => /^\p{Ll}{2,}$/u.test(word));
  writeLines(join(DATA, 'train/sw-words.txt'), words.filter((_, index) => index % SWAHILI_WORD_STRIDE === 0));
}

function orderOf(feature: string): number {
  return feature.startsWith(WORD_FEATURE_PREFIX) ? 0 : feature.length;
}

type Counts = Map<string, number>;

function countFeatures(lines: string[], scale: number, counts: Counts): number {
  let total = 0;
  for (const line of lines) {
    forEachLanguageFeature(line, (feature, weight) => {
      counts.set(feature, (counts.get(feature) ?? 0) + weight * scale);
      total += weight * scale;
    });
  }
  return total;
}

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() && !line.startsWith('#'));
}

function train(): void {
  const counts = new Map<Language, Counts>();
  for (const language of LANGUAGES) {
    const languageCounts: Counts = new Map();
    const files = readdirSync(join(DATA, 'train')).filter((name) => name.startsWith(`${language}-`)).sort();
    let sentenceMass = 0;
    for (const name of files.filter((file) => !file.endsWith('-words.txt'))) {
      const scale = name.endsWith('-written.txt') ? WRITTEN_WEIGHT : 1;
      sentenceMass += countFeatures(readLines(join(DATA, 'train', name)), scale, languageCounts);
    }
    for (const name of files.filter((file) => file.endsWith('-words.txt'))) {
      const words = readLines(join(DATA, 'train', name));
      const wordMass = countFeatures(words, 1, new Map());
      countFeatures(words, (WORD_LIST_SHARE * sentenceMass) / wordMass, languageCounts);
    }
    counts.set(language, languageCounts);
  }

  const kept = new Set<string>();
  for (const languageCounts of counts.values()) {
    for (const [order, limit] of [[0, KEEP_WORDS], ...Object.entries(KEEP_PER_ORDER).map(([order, limit]) => [Number(order), limit])]) {
      [...languageCounts]
        .filter(([feature]) => orderOf(feature) === order)
        .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : 1))
        .slice(0, limit)
        .forEach(([feature]) => kept.add(feature));
    }
  }
  const features = [...kept].sort((a, b) => orderOf(a) - orderOf(b) || (a < b ? -1 : a > b ? 1 : 0));
  const keptPerOrder = new Map<number, number>();
  for (const feature of features) keptPerOrder.set(orderOf(feature), (keptPerOrder.get(orderOf(feature)) ?? 0) + 1);

  // Naive Bayes log-probabilities per order, add-k smoothed over the kept features of that order.
  const logProbabilities = LANGUAGES.map((language) => {
    const languageCounts = counts.get(language)!;
    const massPerOrder = new Map<number, number>();
    for (const [feature, count] of languageCounts) massPerOrder.set(orderOf(feature), (massPerOrder.get(orderOf(feature)) ?? 0) + count);
    return features.map((feature) => {
      const order = orderOf(feature);
      return Math.log(((languageCounts.get(feature) ?? 0) + SMOOTHING) / (massPerOrder.get(order)! + SMOOTHING * keptPerOrder.get(order)!));
    });
  });
  // Only differences between languages matter, so each feature stores how far below the best one it is.
  let scores = '';
  features.forEach((_, index) => {
    const best = Math.max(...logProbabilities.map((row) => row[index]!));
    for (const row of logProbabilities) {
      scores += Math.min(MAX_PENALTY_STEPS, Math.round((best - row[index]!) / SCORE_STEP)).toString(36);
    }
  });

  const module = `// Generated by scripts/train-language.ts from data/language/train/ (see data/language/README.md). Do not edit.
export const LANGUAGES = ${JSON.stringify(LANGUAGES)} as const;
/** Features (see forEachLanguageFeature in language.ts), separated by '|'. */
export const LANGUAGE_FEATURES = ${JSON.stringify(features.join('|'))};
/** Per feature, per language in LANGUAGES order: a base-36 digit, the penalty in LANGUAGE_SCORE_STEP nats. */
export const LANGUAGE_SCORES = ${JSON.stringify(scores)};
export const LANGUAGE_SCORE_STEP = ${SCORE_STEP};
`;
  writeFileSync(MODEL_PATH, module);
  console.log(`${MODEL_PATH}: ${features.length} features, ${Buffer.byteLength(module)} bytes`);
}

if (process.argv[2] === 'extract') extract(process.argv.length > 3 ? process.argv.slice(3) : ['/']);
else train();
