import { describe, expect, it } from 'vitest';
import { lintPack } from '../../src/packs/lint';
import { parsePack } from '../../src/packs/parse';
import { compile, makePack, termsRule } from '../helpers/packs';

const quietPeriod = {
  ...termsRule(['results', 'earnings'], { severity: 'block' }),
  id: 'quiet-period',
  message: 'Do not comment on results before they are published',
  activeFrom: '2027-01-15T00:00:00Z',
  activeUntil: '2027-02-05T13:00:00Z',
  escalate: { contact: 'ir@acme.example', text: 'Ask investor relations' },
};

describe('rules with a time window', () => {
  const pack = compile({ rules: [quietPeriod] });
  const at = (moment: string) => pack.check('Our earnings look great this quarter', { at: moment }).map((finding) => finding.ruleId);

  it('apply from activeFrom until activeUntil, and not outside it', () => {
    expect(at('2027-01-14T23:59:59Z')).toEqual([]);
    expect(at('2027-01-15T00:00:00Z')).toEqual(['quiet-period']);
    expect(at('2027-02-05T12:59:59Z')).toEqual(['quiet-period']);
    expect(at('2027-02-05T13:00:00Z')).toEqual([]);
  });

  it('carry whom to tell in the finding', () => {
    const [finding] = pack.check('earnings', { at: '2027-01-20T00:00:00Z' });
    expect(finding?.escalate).toEqual({ contact: 'ir@acme.example', text: 'Ask investor relations' });
  });

  it('lint warns about windows that are over or empty', () => {
    const now = new Date('2027-03-01T00:00:00Z');
    const over = lintPack(makePack({ rules: [quietPeriod] }), now).map((warning) => warning.path);
    expect(over).toContain('rules[0].activeUntil');
    const empty = lintPack(makePack({ rules: [{ ...quietPeriod, activeUntil: '2027-01-01T00:00:00Z' }] }), new Date('2026-12-01T00:00:00Z'));
    expect(empty.find((warning) => warning.path === 'rules[0].activeUntil')?.message).toMatch(/never applies/);
  });

  it('the schema checks the contact', () => {
    const result = parsePack({ ...makePack({ rules: [] }), rules: [{ ...quietPeriod, escalate: { contact: 'not a contact', text: 'x' } }] });
    expect(result.ok).toBe(false);
  });
});

describe('speaking for the company', () => {
  const pack = compile({
    organization: { names: ['Acme'] },
    rules: [{ id: 'spokes', kind: 'detector', severity: 'warn', message: 'Only the press team speaks for Acme', detectors: ['spokesperson'] }],
  });
  const statements = (text: string) => pack.check(text).map((finding) => finding.match);

  it.each([
    ['We at Acme are announcing a new plant', 'We at Acme'],
    ['On behalf of Acme, thank you all', 'On behalf of Acme'],
    ["Acme's official position is that the report is wrong", "Acme's official position"],
    ['Kiitos kaikille Acmen puolesta, olemme iloisia', 'Acmen puolesta'],
    ['Me Acmella julkistamme tänään uuden tuotteen', 'Me Acmella'],
    ['Kwa niaba ya Acme, tunawashukuru wateja wetu wote', 'Kwa niaba ya Acme'],
  ])('%s', (text, expected) => {
    expect(statements(text)).toEqual([expected]);
  });

  it.each([
    'I love working at Acme, great people',
    'Acme announced a new plant today',
    'Tell me Acme is not closing the office',
    'Työskentelen Acmella ja viihdyn hyvin',
  ])('talking about the company is not speaking for it: %s', (text) => {
    expect(statements(text)).toEqual([]);
  });
});
