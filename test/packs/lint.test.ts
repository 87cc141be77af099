import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePack } from '../../src/policy/engine';
import { runExamples } from '../../src/packs/examples';
import { lintPack } from '../../src/packs/lint';
import { formatIssue, parsePackJson } from '../../src/packs/parse';
import { makePack, termsRule } from '../helpers/packs';

const NOW = new Date('2026-11-21T12:00:00Z');
const lint = (fields: Parameters<typeof makePack>[0]) => lintPack(makePack(fields), NOW).map(formatIssue);

describe('pack lint warnings', () => {
  it.each([
    ['pay', ['salary bands']],
    ['unions (Finnish)', ['ammattiliitto']],
    ['strikes (Swahili)', ['mgomo']],
    ['working hours', ['overtime']],
  ])('warn about terms that police protected speech: %s', (_, terms) => {
    expect(lint({ rules: [termsRule(terms)] }).join('\n')).toMatch(/protected/);
  });

  it('warn about patterns that would flag protected speech', () => {
    const warnings = lint({ rules: [{ id: 'p', kind: 'pattern', severity: 'warn', message: 'm', pattern: '(?i)\\bunion' }] });
    expect(warnings.join('\n')).toMatch(/^rules\[0\]: flags protected speech .*"union"/m);
  });

  it('stay quiet about ordinary confidential terms and patterns', () => {
    expect(lint({ rules: [termsRule(['Project Phoenix', 'Umbrella Health']), { id: 'p', kind: 'pattern', severity: 'warn', message: 'm', pattern: '\\bOPS-\\d+' }] })).toEqual([]);
  });

  it('warn about terms shorter than 3 letters, in rules and name lists', () => {
    expect(lint({ competitors: ['HP'], rules: [termsRule(['X', 'Ternix'])] })).toEqual([
      'competitors[0]: "HP" is shorter than 3 letters and will flag unrelated words; use a longer form',
      'rules[0].terms[0]: "X" is shorter than 3 letters and will flag unrelated words; use a longer form',
    ]);
  });

  it('warn about duplicate rule ids', () => {
    expect(lint({ rules: [termsRule(['Tern']), termsRule(['Nova'])] }).join('\n')).toContain('rules[1].id: the id "terms" is used by an earlier rule');
  });

  it('warn when the review date has passed', () => {
    expect(lint({ reviewBy: '2026-11-20', rules: [] })).toEqual([expect.stringMatching(/^reviewBy: the review date 2026-11-20 has passed/)]);
    expect(lint({ reviewBy: '2026-11-21', rules: [] })).toEqual([]);
  });

  it('warn about an unreleased rule with no future product', () => {
    const rule = { id: 'u', kind: 'unreleased', severity: 'block', message: 'm' };
    expect(lint({ products: [{ name: 'Skylon', launch: '2026-01-01T00:00:00Z' }], rules: [rule] })).toEqual([
      expect.stringMatching(/^rules\[0\]: no product has a launch date in the future/),
    ]);
    expect(lint({ products: [{ name: 'Novalux', launch: '2027-01-01T00:00:00Z' }], rules: [rule] })).toEqual([]);
  });

  it('warn about a disclaimer whose suggestion does not satisfy its own phrases', () => {
    const rule = { id: 'd', kind: 'disclaimer', severity: 'warn', message: 'm', trigger: ['organization'], phrases: ['views are my own'] };
    expect(lint({ rules: [{ ...rule, suggestion: 'Opinions are mine.' }] })).toEqual([
      expect.stringMatching(/^rules\[0\]\.suggestion: "Opinions are mine\." does not contain any of the rule's phrases/),
    ]);
    expect(lint({ rules: [{ ...rule, suggestion: 'All views are my own.' }] })).toEqual([]);
  });

  it('warn about examples that expect rules the pack does not have', () => {
    expect(lint({ rules: [termsRule(['Ternix'])], examples: [{ text: 'Ternix', expect: ['term'] }] })).toEqual([
      'examples[0].expect[0]: no rule has the id "term"; use one of terms',
    ]);
  });
});

describe('the demo pack', () => {
  const parsed = parsePackJson(readFileSync('assets/demo-pack.json', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.map(formatIssue).join('\n'));
  const pack = parsed.pack;

  it('lints clean but for its codenames that are ordinary words', () => {
    expect(lintPack(pack).map((issue) => `${issue.path}: ${issue.message.split(':')[0]}`)).toEqual([
      'products[0].name: "Nova" is an ordinary word in English',
      'products[1].aliases[0]: "Kestrel" is an ordinary word in English',
      'products[2].name: "Skylark" is an ordinary word in English',
      'rules[0].terms[1]: "Tern" is an ordinary word in English',
    ]);
  });

  it('passes its own examples', async () => {
    const failed = (await runExamples(compilePack(pack))).filter((result) => !result.passed);
    expect(failed.map((f) => `${f.example.text} → ${f.found.join(',')}`)).toEqual([]);
  });

  it('has rules of every kind, a site-limited rule and an endorsement disclosure', () => {
    expect(new Set(pack.rules.map((rule) => rule.kind))).toEqual(new Set(['terms', 'unreleased', 'disclaimer', 'pattern', 'detector', 'photo']));
    expect(pack.rules.some((rule) => rule.sites)).toBe(true);
    const disclosure = pack.rules.find((rule) => rule.id === 'endorsement-disclosure');
    expect(disclosure).toMatchObject({ kind: 'disclaimer', trigger: ['products'] });
  });
});
