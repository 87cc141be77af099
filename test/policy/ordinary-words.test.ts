import { describe, expect, it } from 'vitest';
import { ordinaryWordLanguages, writtenAsOrdinaryWord } from '../../src/policy/ordinary-words';
import { lintPack } from '../../src/packs/lint';
import { compile, makePack, termsRule } from '../helpers/packs';

describe('the word lists', () => {
  it.each([
    ['Tern', ['en']],
    ['NOVA', ['en']],
    ['Tähti', ['fi']],
    ['Kettu', ['fi']],
    ['Simba', ['sw']],
    ['Nyota', ['sw']],
    ['Safari', ['en', 'sw']],
    ['Ternix', []],
    ['Project Phoenix', []],
    ['T3rn', []],
    ['@Nova', []],
  ])('%s', (term, languages) => {
    expect(ordinaryWordLanguages(term)).toEqual(languages);
  });
});

describe('written as an ordinary word or as a name', () => {
  it.each([
    ['an arctic tern', 'tern', true],
    ['terns nest here', 'terns', true],
    ['Terns nest here', 'Terns', false],
    ['Nice. Tern season again', 'Tern', false],
    ['Tern ships next week', 'Tern', false],
    ['tähti loistaa', 'tähti', true],
    ['We shipped Tern today', 'Tern', false],
    ['We shipped TERN today', 'TERN', false],
    ['We shipped tErn today', 'tErn', false],
    ['We shipped #Tern today', 'Tern', false],
    ['We shipped t3rn today', 't3rn', false],
    ['We shipped ᴛᴇʀɴ today', 'ᴛᴇʀɴ', false],
    ['We shipped tеrn today', 'tеrn', false], // Cyrillic е
  ])('%s', (draft, match, ordinary) => {
    const start = draft.indexOf(match);
    expect(writtenAsOrdinaryWord(draft, start, start + match.length)).toBe(ordinary);
  });
});

describe('terms that are ordinary words', () => {
  const pack = compile({
    organization: { names: ['Acme Corp'] },
    products: [{ name: 'Nova', launch: '2099-01-01T00:00:00Z' }],
    rules: [
      termsRule(['Tern', 'Simba', 'Project Phoenix'], { severity: 'block' }),
      { id: 'unreleased', kind: 'unreleased', severity: 'warn', message: 'Not announced yet' },
    ],
  });
  const findings = (text: string) => pack.check(text).map((f) => [f.match, f.severity, f.confidence]);

  it.each([
    ['We saw an arctic tern today', [['tern', 'info', 'low']]],
    ['Terns are lovely. So is a supernova', [['Terns', 'block', 'high']]],
    ['Tern ships next week', [['Tern', 'block', 'high']]],
    ['The nova was bright', [['nova', 'info', 'low']]],
    ['Nimeona simba porini', [['simba', 'info', 'low']]],
    ['We ship Tern next week', [['Tern', 'block', 'high']]],
    ['TERN ships next week', [['TERN', 'block', 'high']]],
    ['Ask me about Nova', [['Nova', 'warn', 'high']]],
    ['Ask me about n0va', [['n0va', 'warn', 'high']]],
    ['Acme Corp is shipping tern', [['tern', 'block', 'high']]],
    ['project phoenix is late', [['project phoenix', 'block', 'high']]],
  ])('%s', (text, expected) => {
    expect(findings(text)).toEqual(expected);
  });
});

describe('ordinary sentences are not flagged, or only with low confidence', () => {
  const pack = compile({ rules: [termsRule(['Tern', 'Nova', 'Atlas', 'Kettu', 'Simba', 'Ideal', 'Andor', 'Xy'])] });
  it.each([
    'Bring snacks and/or drinks, x*y = 2*3',
    'See https://example.com/atlas/nova-scotia?tern=1 for the map',
    'This is **really** important, _very_ ~~old~~ news',
    'An arctic tern flew past the nova; the atlas was open.',
    'Metsässä kettu juoksi ja simba nukkui',
    'What an idea! Truly ideal.',
  ])('%s', (text) => {
    expect(pack.check(text).filter((f) => f.confidence === 'high')).toEqual([]);
  });
});

describe('pack lint', () => {
  it('warns about terms and product names that are ordinary words, in each language', () => {
    const pack = makePack({
      products: [{ name: 'Kettu', launch: '2099-01-01T00:00:00Z' }],
      rules: [termsRule(['Nova', 'Simba', 'Project Phoenix', 'Ternix']), { id: 'u', kind: 'unreleased', severity: 'warn', message: 'm' }],
    });
    expect(lintPack(pack, new Date('2026-11-21T12:00:00Z')).map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'products[0].name: "Kettu" is an ordinary word in Finnish: it is flagged as "warn" when written as a name ("Kettu", "KETTU") or in a draft that names the organisation; "kettu" elsewhere is only "info"',
      'rules[0].terms[0]: "Nova" is an ordinary word in English: it is flagged as "warn" when written as a name ("Nova", "NOVA") or in a draft that names the organisation; "nova" elsewhere is only "info"',
      'rules[0].terms[1]: "Simba" is an ordinary word in Swahili: it is flagged as "warn" when written as a name ("Simba", "SIMBA") or in a draft that names the organisation; "simba" elsewhere is only "info"',
    ]);
  });
});

describe('a product name that is an everyday word', () => {
  const pack = compile({
    organization: { names: ['Acme'] },
    products: [{ name: 'Skylark' }],
    rules: [{ id: 'views', kind: 'disclaimer', severity: 'warn', message: 'Disclaimer', trigger: ['products'], phrases: ['views are my own'], suggestion: 'Views are my own.' }],
  });
  const ids = (text: string) => pack.check(text).map((finding) => finding.ruleId);

  it('written as a word is no mention of the product', () => {
    expect(ids('A skylark sang over the field this morning')).toEqual([]);
  });

  it('written as a name still asks for the disclaimer', () => {
    expect(ids('We love our new Skylark')).toEqual(['views']);
  });
});
