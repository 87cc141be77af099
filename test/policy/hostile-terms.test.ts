import { describe, expect, it } from 'vitest';
import { checkWithPacks } from '../../src/packs/active';
import { parsePack } from '../../src/packs/parse';
import { MAX_TERM_LENGTH } from '../../src/packs/schema';
import { TermMatcher } from '../../src/policy/term-matcher';
import { compile, flagged, makePack, termsRule } from '../helpers/packs';

// Reproductions from a hostile probe of the term matcher: inputs chosen to break it, not to be typical.
describe('terms whose length is chosen by an attacker', () => {
  it('a 50,000-character term is matched without overflowing the stack', () => {
    const term = 'a'.repeat(50_000);
    const matcher = new TermMatcher([[term, 'long'] as const]);
    expect(matcher.find(`x ${term} y`)).toEqual([{ value: 'long', start: 2, end: 50_002 }]);
  });

  it('an 8,000-character term in a plain draft, and spaced out, is found too', () => {
    const word = 'b'.repeat(8_000);
    const matcher = new TermMatcher([[word, 'plain'] as const]);
    expect(matcher.find(`It is ${word}.`)).toEqual([{ value: 'plain', start: 6, end: 8_006 }]);
    const spaced = 'c'.repeat(1_000);
    expect(new TermMatcher([[spaced, 'spaced'] as const]).find([...spaced].join(' '))).toHaveLength(1);
  });

  it('the schema refuses terms and names longer than the cap, saying what to list instead', () => {
    const long = 'x'.repeat(MAX_TERM_LENGTH + 1);
    const result = parsePack({ ...makePack({ rules: [termsRule(['ok'])] }), rules: [termsRule([long])] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toMatch(/at most 200 characters/);
    expect(() => makePack({ rules: [termsRule(['x'.repeat(MAX_TERM_LENGTH)])] })).not.toThrow();
    expect(() => makePack({ organization: { names: [long] }, rules: [] })).toThrow(/at most 200/);
  });
});

describe('a term that starts a longer term', () => {
  const nova = compile({ rules: [termsRule(['Nova', 'Nova X1'], { replacement: 'something new' })] });

  it.each([
    ['Nova Scotia is lovely', 'Nova'],
    ['Nova X2 is next', 'Nova'],
    ['We saw Nova. Then more', 'Nova'],
    ['Nova - the plan', 'Nova'],
  ])('"%s" flags only the name, not the space after it', (text, expected) => {
    expect(flagged(nova, text, 'terms')).toEqual([expected]);
  });

  it('still prefers the longer term where it is written', () => {
    expect(flagged(nova, 'Nova X1 ships', 'terms')).toEqual(['Nova X1']);
  });

  it('the fix keeps the space', () => {
    const [finding] = nova.check('Nova Scotia is lovely');
    const { start, end, replacement } = finding!.fix;
    const text = 'Nova Scotia is lovely';
    expect(text.slice(0, start) + replacement + text.slice(end)).toBe('something new Scotia is lovely');
  });
});

describe('one failing pack', () => {
  const good = compile({ rules: [termsRule(['Phoenix'], { severity: 'block' })] });
  const broken = {
    pack: { ...good.pack, name: 'Broken pack' },
    usesTextModels: false,
    check(): never {
      throw new RangeError('Maximum call stack size exceeded');
    },
    approvedPosts: () => [],
    modelRules: () => [],
    talksAboutProtectedTopics: () => false,
  };

  it('is reported by name while the other packs still apply', () => {
    const { findings, failures } = checkWithPacks(
      [
        { compiled: broken, demo: false },
        { compiled: good, demo: false },
      ],
      'Phoenix ships soon',
      {},
    );
    expect(findings.map((finding) => [finding.packName, finding.match])).toEqual([['Test pack', 'Phoenix']]);
    expect(failures).toEqual([{ packName: 'Broken pack', reason: 'Maximum call stack size exceeded' }]);
  });
});
