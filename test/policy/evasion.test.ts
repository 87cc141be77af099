import { describe, expect, it } from 'vitest';
import { TextFolder } from '../../src/policy/fold';
import { compile, termsRule } from '../helpers/packs';

const codenames = compile({ rules: [termsRule(['Phoenix', 'Project Phoenix', 'Tern', 'Ideal'])] });

/** The [start, end) span of each terms finding, as the text it covers. */
function spans(text: string): string[] {
  return codenames
    .check(text)
    .filter((finding) => finding.ruleId === 'terms')
    .map((finding) => {
      expect(finding.match).toBe(text.slice(finding.start, finding.end));
      return finding.match;
    });
}

describe('invisible characters inside a word are skipped', () => {
  it.each([
    ['zero-width space', 'Pho\u200benix'],
    ['zero-width joiner and word joiner', 'Pho\u200d\u2060enix'],
    ['tag characters', 'Pho\u{E0041}\u{E0062}enix'],
    ['braille blank', 'Pho\u2800enix'],
    ['musical formatting', 'Pho\u{1D173}\u{1D17A}enix'],
    ['bidi embedding and override', 'Pho\u202a\u202eenix'],
    ['bidi isolates', 'Pho\u2066\u2068enix'],
    ['variation selector', 'Pho\ufe0fenix'],
    ['soft hyphen', 'Pho\u00adenix'],
  ])('%s', (_, word) => {
    expect(spans(`We ship ${word} today`)).toEqual([word]);
  });

  it('the span covers the visible word, not invisible characters around it', () => {
    expect(spans('We ship \u2066Phoe\u200bnix\u2069 today')).toEqual(['Phoe\u200bnix']);
  });

  it.each([
    ['no-break space', '\u00a0'],
    ['narrow no-break space', '\u202f'],
    ['figure space', '\u2007'],
  ])('%s separates the words of a term', (_, space) => {
    expect(spans(`We ship Project${space}Phoenix today`)).toEqual([`Project${space}Phoenix`]);
  });
});

describe('lookalike letters from Unicode confusables', () => {
  it.each([
    ['small capitals', 'ᴘʜᴏᴇɴɪx'],
    ['Cherokee', 'ᏢᎻᎾᎬNᎥX'],
    ['Armenian', 'Pհօeոix'],
    ['parenthesised letters', '⒫⒣⒪⒠⒩⒤⒳'],
    ['regional-indicator letters', '🇵🇭🇴🇪🇳🇮🇽'],
    ['negative circled letters', '🅟🅗🅞🅔🅝🅘🅧'],
    ['fullwidth', 'ＰＨＯＥＮＩＸ'],
    ['mathematical script', '𝓟𝓱𝓸𝓮𝓷𝓲𝔁'],
    ['Cyrillic', 'Рһоеnіх'],
    ['Greek capitals', 'ΡΗΟΕΝΙΧ'],
    ['mixed scripts', 'ᴘhоᴇɴіx'],
  ])('%s', (_, word) => {
    expect(spans(`We ship ${word} today`)).toEqual([word]);
  });

  it('reads flags and other symbols drawn as letters beside a word as symbols', () => {
    expect(spans('Launching Phoenix🇺🇸🇬🇧 and 🇫🇮phoenix, then Ph🇴enix')).toEqual(['Phoenix', 'phoenix']);
  });

  it('keeps case where it matters: Greek Η is H, lower-case η is not', () => {
    expect(spans('We ship PΗOENIX today')).toEqual(['PΗOENIX']);
    expect(spans('We ship Pηoenix today')).toEqual([]);
  });

  it('reads ordinary Greek, Cyrillic and Armenian words as themselves', () => {
    expect(spans('Καλημέρα, Привет мир, Բարեւ')).toEqual([]);
  });
});

describe('symbols for letters', () => {
  it.each([
    ['! for i', 'Phoen!x'],
    ['| for i', 'Phoen|x'],
    ['€ for e', 'T€rn'],
    ['€ with a digit', 'Ph0€nix'],
  ])('%s', (_, word) => {
    expect(spans(`We ship ${word} today`)).toEqual([word]);
  });

  it('! and | stand for letters only inside a word', () => {
    expect(spans('What an idea! Ideal.')).toEqual(['Ideal']);
    expect(spans('Idea| or !deal, |deal')).toEqual([]);
  });

  it('still needs one real letter', () => {
    const leo = compile({ rules: [termsRule(['ili'])] });
    expect(leo.check('1!1 and |!|')).toEqual([]);
  });
});

describe('dividers between spaced-out letters', () => {
  it.each(['P/h/o/e/n/i/x', 'P*h*o*e*n*i*x', 'P🔥h🔥o🔥e🔥n🔥i🔥x', 'P👩‍💻h👩‍💻o👩‍💻e👩‍💻n👩‍💻i👩‍💻x', 'T/e/r/n', 'P/r/o/j/e/c/t P/h/o/e/n/i/x'])(
    '%s',
    (word) => {
      expect(spans(`We ship ${word} today`)).toEqual([word]);
    },
  );

  it('only when the same divider repeats between single letters', () => {
    expect(spans('We ship P/hoenix and Ph/oe/nix and P/h*o🔥e/n/i/x today')).toEqual([]);
  });
});

describe('emphasis markup inside a word', () => {
  it.each([
    ['Pho**enix**', 'Pho**enix'],
    ['**Pho**enix', 'Pho**enix'],
    ['Ph_oe_nix', 'Ph_oe_nix'],
    ['Ph__oe__nix', 'Ph__oe__nix'],
    ['~~Pho~~enix', 'Pho~~enix'],
    ['P*hoe*nix', 'P*hoe*nix'],
    ['**Phoenix**', 'Phoenix'],
  ])('%s', (written, expected) => {
    expect(spans(`We ship ${written} today`)).toEqual([expected]);
  });

  it('an underscore still joins the words of a term in snake_case', () => {
    expect(spans('see team_project_phoenix and #acme_project_phoenix_launch')).toEqual(['project_phoenix', 'project_phoenix']);
  });
});

describe('terms are folded as drafts are', () => {
  it('a term written with dividers or underscores still matches itself', () => {
    const written = compile({ rules: [termsRule(['S/M/L', 'my_project_name', 'TCP/IP'])] });
    const found = (text: string) => written.check(text).map((finding) => finding.match);
    expect(found('Sizes S/M/L, see my_project_name and tcp/ip')).toEqual(['S/M/L', 'my_project_name', 'tcp/ip']);
  });
});

describe('ordinary text is not read as a disguise', () => {
  const words = compile({ rules: [termsRule(['andor', 'xy', 'Atlas', 'Verybold', 'Initor', 'Abc', 'Sand'])] });
  it.each([
    'Bring snacks and/or drinks',
    'Solve x*y = 12, then 2*3',
    'See https://example.com/at/las/ and https://example.com/a/b',
    'This is **really** important and *very* bold',
    'Call __init__ or snake_case()',
    'a/b or x*y',
    'Prices: 5€ and 10 €',
  ])('%s', (text) => {
    expect(words.check(text).filter((finding) => finding.ruleId === 'terms')).toEqual([]);
  });
});

describe('folding keeps the offset map right', () => {
  it('maps every folded character back to the characters it came from', () => {
    const text = 'ᴘ\u200bʜ 🇵⒫\u{E0041}';
    const folded = new TextFolder().fold(text);
    const pieces = Array.from({ length: folded.length }, (_, i) => text.slice(folded.from[i], folded.to[i]));
    expect(pieces).toEqual(['ᴘ', 'ʜ', ' ', '🇵', '⒫']);
    expect(String.fromCodePoint(...folded.codes.subarray(0, folded.length))).toBe('ph pp');
  });
});
