import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePack } from '../../src/packs/parse';
import { compilePack } from '../../src/policy/engine';

// Truth data for issue #18: Finnish and Swahili drafts with the rule ids that must flag them, checked
// against the Kaskelotti pack (test/fixtures/text/README.md says what the files hold and how Voikko
// judges the Finnish rows).

const DIR = 'test/fixtures/text';
const AT = '2026-12-03T12:00:00Z';

interface Row {
  readonly text: string;
  readonly expect: readonly string[];
  readonly note: string;
}

const readJson = (name: string): unknown => JSON.parse(readFileSync(`${DIR}/${name}`, 'utf8'));
const parsed = parsePack(readJson('kaskelotti-pack.json'));
if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
const packData = parsed.pack;
const pack = compilePack(packData);

/** The sorted unique rule ids that flag `text`. */
function ruleIds(text: string): string[] {
  return [...new Set(pack.check(text, { at: AT }).map((finding) => finding.ruleId))].sort();
}

const languages = [
  { language: 'Finnish', rows: readJson('finnish-drafts.json') as Row[] },
  { language: 'Swahili', rows: readJson('swahili-drafts.json') as Row[] },
];

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

for (const { language, rows } of languages) {
  describe(`${language} drafts against the Kaskelotti pack`, () => {
    it.each(rows.map((row, index) => [`row ${index + 1}: ${row.note}`, row] as const))('%s', (_name, row) => {
      expect(ruleIds(row.text), `${row.text}\n(${row.note})`).toEqual(row.expect);
    });

    it(`every ${language} row gets exactly its expected rule ids`, () => {
      const failing = rows.flatMap((row, index) => {
        const got = ruleIds(row.text);
        return same(got, row.expect)
          ? []
          : [`row ${index + 1} (${row.note}): expected [${row.expect.join(', ')}], got [${got.join(', ')}]: ${row.text}`];
      });
      const summary = `${rows.length - failing.length} of ${rows.length} ${language} rows pass`;
      expect(failing, `${summary}; failing:\n${failing.join('\n')}`).toEqual([]);
    });
  });
}

// Voikko, a real Finnish morphological analyser, reads every word of the Finnish rows: each word it
// analyses as an inflection of a pack name must be matched, and each word of a look-alike row (which
// Voikko reads as another word) must not be.

const JUDGE = `${DIR}/verify-finnish.py`;
const VOIKKO_CHECK = "import libvoikko; libvoikko.Voikko('fi')";
/** A python3 that has Voikko with its Finnish dictionary (Debian's, when another python3 is first on PATH). */
const python = ['python3', '/usr/bin/python3'].find((command) => spawnSync(command, ['-c', VOIKKO_CHECK]).status === 0);
const voikkoMissing = `skipped: python3 -c "import libvoikko" fails (apt-get install python3-libvoikko voikko-fi)`;

const WORD = /\p{L}+(?:[:'’]\p{L}+)?/gu;

/** What a name's last word must raise, and the words that come before it ("Acme " for "Kauppa"). */
function nameTargets(): Map<string, { readonly prefix: string; readonly ruleId: string }> {
  const targets = new Map<string, { prefix: string; ruleId: string }>();
  const add = (name: string, ruleId: string) => {
    const words = name.split(/\s+/);
    targets.set(words[words.length - 1]!.toLowerCase(), { prefix: words.slice(0, -1).map((w) => `${w} `).join(''), ruleId });
  };
  const disclaimer = packData.rules.find((rule) => rule.kind === 'disclaimer');
  const unreleased = packData.rules.find((rule) => rule.kind === 'unreleased');
  for (const rule of packData.rules) if (rule.kind === 'terms') rule.terms.forEach((term) => add(term, rule.id));
  if (disclaimer) packData.organization.names.forEach((name) => add(name, disclaimer.id));
  if (unreleased) for (const product of packData.products ?? []) add(product.name, unreleased.id);
  return targets;
}

/** A Finnish sentence around the word, so that the draft reads as Finnish. */
const carrier = (phrase: string) => `Kuulin eilen: ${phrase}. Mitä mieltä olet?`;

function analyse(words: readonly string[]): Record<string, string[]> {
  const result = spawnSync(python!, [JUDGE, '--analyse'], { input: words.join('\n'), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${JUDGE} --analyse failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, string[]>;
}

describe.skipIf(!python && !process.env.CI)('Finnish words as Voikko reads them', () => {
  const finnish = languages[0]!.rows;

  it(`matches every word Voikko analyses as an inflection of a pack name${python ? '' : ` (${voikkoMissing})`}`, () => {
    const words = [...new Set(finnish.flatMap((row) => row.text.match(WORD) ?? []))];
    const names = analyse(words);
    const targets = nameTargets();
    const inflections = words.filter((word) => (names[word] ?? []).some((name) => targets.has(name)));
    expect(inflections.length).toBeGreaterThan(100);
    const missed = inflections.flatMap((word) =>
      names[word]!.flatMap((name) => {
        const target = targets.get(name);
        if (!target) return [];
        const text = carrier(target.prefix + word);
        return ruleIds(text).includes(target.ruleId) ? [] : [`${target.prefix}${word} (${name}): not flagged by ${target.ruleId}`];
      }),
    );
    expect(missed, `${inflections.length - missed.length} of ${inflections.length} inflected words matched; missed:\n${missed.join('\n')}`).toEqual([]);
  });

  it(`leaves alone every word of the look-alike rows${python ? '' : ` (${voikkoMissing})`}`, () => {
    const lookAlikes = finnish.filter((row) => row.note.startsWith('look-alike'));
    const words = [...new Set(lookAlikes.flatMap((row) => row.text.match(WORD) ?? []))];
    const names = analyse(words);
    const targets = nameTargets();
    const flaggedWords = words.flatMap((word) => {
      // "kaupassa" alone is a look-alike: only "Acme Kaupassa" names the product.
      const single = (names[word] ?? []).filter((name) => targets.get(name)?.prefix === '');
      if (single.length > 0) return [`${word}: Voikko reads it as ${single.join(', ')}, so it is no look-alike`];
      const got = ruleIds(carrier(word));
      return got.length ? [`${word}: flagged by ${got.join(', ')}`] : [];
    });
    expect(flaggedWords, `${words.length - flaggedWords.length} of ${words.length} look-alike words left alone; wrongly flagged:\n${flaggedWords.join('\n')}`).toEqual([]);
  });
});
