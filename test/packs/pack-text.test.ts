import { describe, expect, it } from 'vitest';
import { formatIssue, parsePack, parsePackJson } from '../../src/packs/parse';
import { acceptPack } from '../../src/packs/sources';
import { makePack, termsRule } from '../helpers/packs';

const pack = makePack({ rules: [termsRule(['Tern'])] });
const BOM = '\uFEFF';

describe('names and terms that fold to nothing', () => {
  const errorsOf = (value: unknown) => {
    const result = parsePack(value);
    return result.ok ? [] : result.errors.map(formatIssue);
  };

  it.each([
    ['a zero-width joiner', '\u200d', 'U+200D'],
    ['hashes', '###', 'U+0023 U+0023 U+0023'],
    ['an em dash', '—', 'U+2014'],
    ['a tag character and a bidi control', '\u{E0041}\u202e', 'U+E0041 U+202E'],
  ])('%s is a schema error that says why', (_, term, codePoints) => {
    const [error, ...rest] = errorsOf({ ...pack, rules: [termsRule([term])] });
    expect(rest).toEqual([]);
    expect(error).toBe(
      `rules[0].terms[0]: a term needs a letter or digit: "${term}" (${codePoints}) has none once invisible characters and punctuation are set aside, so it would never match; write the name itself`,
    );
  });

  it.each([
    [{ ...pack, organization: { names: ['@'] } }, 'organization.names[0]: a name needs a letter or digit'],
    [{ ...pack, competitors: ['—'] }, 'competitors[0]: a competitor needs a letter or digit'],
    [{ ...pack, products: [{ name: 'Nova', aliases: ['$'] }] }, 'products[0].aliases[0]: an alias needs a letter or digit'],
    [{ ...pack, rules: [termsRule(['Tern'], { exceptions: ['…'] })] }, 'rules[0].exceptions[0]: an exception needs a letter or digit'],
  ])('applies to every name that is matched: %#', (value, expected) => {
    expect(errorsOf(value).join('\n')).toContain(expected);
  });

  it('accepts terms that are symbols around a letter or digit', () => {
    expect(errorsOf({ ...pack, rules: [termsRule(['C++', '#1', 'AT&T', '\u200dTern'])] })).toEqual([]);
  });
});

describe('a UTF-8 byte order mark at the start of a pack file', () => {
  const json = JSON.stringify(pack);

  it('is accepted by the JSON parser, and error positions ignore it', () => {
    expect(parsePackJson(BOM + json)).toEqual({ ok: true, pack });
    const broken = parsePackJson(`${BOM}{\n  "id": "x"\n  "name": "y"\n}`);
    expect(!broken.ok && broken.errors[0]!.message).toMatch(/^not valid JSON at line 3, column 3/);
  });

  it('is accepted in an imported or fetched pack', async () => {
    const result = await acceptPack(new TextEncoder().encode(BOM + json), undefined, {
      trust: { signaturesRequired: false, trustedKeys: [] },
      highestSerial: () => undefined,
      now: new Date('2026-11-21T12:00:00Z'),
    });
    expect(result.ok).toBe(true);
  });
});
