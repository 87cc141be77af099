import { describe, expect, it } from 'vitest';
import { lintPack } from '../../src/packs/lint';
import { parsePack } from '../../src/packs/parse';
import { MAX_PACK_PATTERN_INSTRUCTIONS, MAX_PATTERN_INSTRUCTIONS, patternCost } from '../../src/policy/pattern-rules';
import { detect } from '../../src/policy/detectors';
import { compile, makePack, termsRule } from '../helpers/packs';

const patternRule = (id: string, pattern: string, flags?: string) => ({ id, kind: 'pattern', severity: 'warn', message: 'Internal', pattern, ...(flags ? { flags } : {}) });

const errorsOf = (rules: unknown[]) => {
  const result = parsePack({ ...makePack({ rules: [] }), rules });
  return result.ok ? [] : result.errors.map((error) => `${error.path}: ${error.message}`);
};

// Reproductions from a hostile probe: patterns that passed lint but froze typing.
describe('pattern cost', () => {
  it('refuses a pattern whose repeats make it too costly per character, saying how to fix it', () => {
    const errors = errorsOf([patternRule('wide', '.{0,1000}q1.{0,1000}', 's')]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^rules\[0\]\.pattern: .*too costly.*at most 400.*\{0,50\}/);
  });

  it('refuses a pack whose patterns together exceed the budget, naming the costliest', () => {
    const rules = Array.from({ length: 10 }, (_, i) => patternRule(`r${i}`, `.{0,80}q${i}.{0,${i === 3 ? 90 : 80}}`, 's'));
    expect(rules.every((rule) => patternCost(rule.pattern, 's') <= MAX_PATTERN_INSTRUCTIONS)).toBe(true);
    const errors = errorsOf(rules);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^rules\\[3\\]\\.pattern: the pack's patterns together .*at most ${MAX_PACK_PATTERN_INSTRUCTIONS}`));
  });

  it('accepts ordinary patterns, and they still find their spans', () => {
    const pack = compile({ rules: [patternRule('ticket', '\\bPRJ-\\d{4}\\b'), patternRule('key', '(?i)api[_-]?key\\s*[:=]\\s*[a-z0-9]{20,}')] });
    const text = 'See PRJ-1234 and api_key: abcdefghijklmnopqrstuvwxyz now, PRJ-99 is not one';
    expect(pack.check(text).map((finding) => [finding.ruleId, finding.match])).toEqual([
      ['ticket', 'PRJ-1234'],
      ['key', 'api_key: abcdefghijklmnopqrstuvwxyz'],
    ]);
  });
});

describe('detectors on big drafts', () => {
  it('keep every address among thousands, and the most specific detector where spans overlap', () => {
    const emails = Array.from({ length: 5_000 }, (_, i) => `user${i}@example.com`).join(', ');
    expect(detect(emails, ['email', 'phone'], { internalDomains: [] })).toHaveLength(5_000);
    const text = 'IBAN FI21 1234 5600 0007 85, card 4111 1111 1111 1111, mail a@b.example.com, https://wiki.corp.example.com/page';
    const found = detect(text, ['email', 'phone', 'credit-card', 'iban', 'internal-url'], { internalDomains: ['corp.example.com'] });
    expect(found.map((span) => [span.detector, text.slice(span.start, span.end)])).toEqual([
      ['iban', 'FI21 1234 5600 0007 85'],
      ['credit-card', '4111 1111 1111 1111'],
      ['email', 'a@b.example.com'],
      ['internal-url', 'https://wiki.corp.example.com/page'],
    ]);
  });

  it('spaced-out digits are not read as thousands of phone numbers, and real numbers still are', () => {
    expect(detect('1 '.repeat(20_000), ['phone'], { internalDomains: [] })).toEqual([]);
    const text = 'Call +1 (415) 555-0100 or +358 40 123 4567';
    expect(detect(text, ['phone'], { internalDomains: [] }).map((span) => text.slice(span.start, span.end))).toEqual(['+1 (415) 555-0100', '+358 40 123 4567']);
  });
});

describe('lint on a big pack', () => {
  it('reports protected-speech rules by their own index once the rules are checked together', () => {
    const rules = [
      termsRule(['Codename1']),
      { ...termsRule(['overtime', 'Codename2']), id: 'terms' },
      patternRule('strike', '(?i)\\bstrike\\b'),
      { ...termsRule(['Codename3']), sites: ['x.com'] },
    ];
    const warnings = lintPack(makePack({ rules }));
    const protectedSpeech = warnings.filter((warning) => /flags protected speech/.test(warning.message)).map((warning) => warning.path);
    expect(protectedSpeech).toEqual(['rules[1]', 'rules[2]']);
  });
});
