import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packJsonSchema } from '../../src/packs/json-schema';
import { formatIssue, parsePack, parsePackJson } from '../../src/packs/parse';

const valid = {
  schemaVersion: 1,
  id: 'acme-social',
  name: 'Acme',
  serial: 3,
  revised: '2026-11-01',
  organization: { names: ['Acme'] },
  rules: [{ id: 'codenames', kind: 'terms', severity: 'block', message: 'Confidential', terms: ['Tern'] }],
};

function errorsOf(pack: unknown): string[] {
  const result = parsePack(pack);
  return result.ok ? [] : result.errors.map(formatIssue);
}

const withRule = (rule: Record<string, unknown>) => ({ ...valid, rules: [{ ...valid.rules[0], ...rule }] });

describe('pack validation', () => {
  it('accepts a valid pack and infers its types', () => {
    const result = parsePack(valid);
    expect(result.ok).toBe(true);
  });

  it.each([
    [{ ...valid, schemaVersion: 2 }, 'schemaVersion: must be 1'],
    [{ ...valid, id: 'Acme Social' }, 'id: must be kebab-case'],
    [{ ...valid, serial: 0 }, 'serial: must be a whole number of at least 1'],
    [{ ...valid, serial: 1.5 }, 'serial: must be a whole number of at least 1'],
    [{ ...valid, revised: '1.11.2026' }, 'revised: must be a date like 2026-03-31'],
    [{ ...valid, name: undefined }, 'name: missing: add a string'],
    [{ ...valid, organization: { names: [] } }, 'organization.names: must list at least one name'],
    [{ ...valid, products: [{ name: 'Nova', launch: '2027-03-01T09:00:00' }] }, 'products[0].launch: must be a date-time with a time zone'],
    [{ ...valid, colour: 'red' }, 'unknown field "colour": remove it'],
    [withRule({ term: ['x'] }), 'rules[0]: unknown field "term": did you mean "terms"?'],
    [withRule({ kind: 'term' }), 'rules[0].kind: kind must be one of terms, unreleased, disclaimer, pattern, detector'],
    [withRule({ severity: 'error' }), 'rules[0].severity: must be "info", "warn" or "block"'],
    [withRule({ sites: ['https://x.com/'] }), 'rules[0].sites[0]: must be a lowercase host name'],
    [{ ...valid, rules: [{ id: 'p', kind: 'pattern', severity: 'warn', message: 'm', pattern: 'a(?=b)' }] }, 'rules[0].pattern: the linear-time regex engine cannot run this pattern'],
    [{ ...valid, rules: [{ id: 'p', kind: 'pattern', severity: 'warn', message: 'm', pattern: '(a)\\1' }] }, 'backreferences are not supported'],
    [{ ...valid, rules: [{ id: 'p', kind: 'pattern', severity: 'warn', message: 'm', pattern: 'x*' }] }, 'rules[0].pattern: the pattern matches empty text'],
    [{ ...valid, rules: [{ id: 'p', kind: 'pattern', severity: 'warn', message: 'm', pattern: 'x', flags: 'g' }] }, 'rules[0].flags: may only contain the letters i, m and s'],
    [{ ...valid, rules: [{ id: 'd', kind: 'detector', severity: 'warn', message: 'm', detectors: ['internal-url'] }] }, 'rules[0].internalDomains: the internal-url detector needs internalDomains'],
    [{ ...valid, rules: [{ id: 'd', kind: 'detector', severity: 'warn', message: 'm', detectors: ['ssn'] }] }, 'rules[0].detectors[0]: must be one of email, phone'],
    [{ ...valid, rules: [{ id: 'd', kind: 'detector', severity: 'warn', message: 'm', detectors: ['phone'], region: 'XX' }] }, 'rules[0].region: must be a two-letter country code'],
  ])('explains what to change: %#', (pack, expected) => {
    expect(errorsOf(pack).join('\n')).toContain(expected);
  });

  it('names line and column of a JSON syntax error', () => {
    const result = parsePackJson('{\n  "schemaVersion": 1,\n  "id": "x"\n  "name": "y"\n}');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]!.message).toMatch(/^not valid JSON at line 4, column 3/);
  });
});

describe('JSON Schema for editors', () => {
  const schema = packJsonSchema() as { $schema: string; properties: Record<string, unknown>; additionalProperties: boolean };

  it('is generated from the same definition', () => {
    expect(schema.$schema).toContain('2020-12');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['schemaVersion', 'id', 'organization', 'rules', 'examples']));
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.stringify(schema)).toContain('"const":"unreleased"');
  });

  it('describes the demo pack as valid (every field it uses is in the schema)', () => {
    const demo = JSON.parse(readFileSync('assets/demo-pack.json', 'utf8')) as Record<string, unknown>;
    expect(Object.keys(demo).every((key) => key in schema.properties)).toBe(true);
  });
});
