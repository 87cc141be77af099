import { describe, expect, it } from 'vitest';
import { withFix } from '../../src/policy/fix';
import { compile, makePack, termsRule } from '../helpers/packs';
import { lintPack } from '../../src/packs/lint';

const disclaimer = {
  id: 'views',
  kind: 'disclaimer',
  severity: 'warn',
  message: 'Say the views are your own',
  trigger: ['organization'],
  phrases: ['views are my own', 'mielipiteet ovat omiani', 'maoni ni yangu binafsi'],
  suggestion: 'Views are my own.',
};
const fields = {
  organization: { names: ['Acme'] },
  rules: [
    termsRule(['Phoenix'], { severity: 'block' }),
    disclaimer,
    { id: 'internal', kind: 'detector', severity: 'block', message: 'Internal link', detectors: ['internal-url'], internalDomains: ['wiki.acme.example'] },
    { id: 'pii', kind: 'detector', severity: 'warn', message: 'Personal data', detectors: ['email'] },
  ],
};
const pack = compile(fields);
const ids = (text: string) => pack.check(text).map((finding) => `${finding.ruleId}:${finding.match}`);

describe('names inside addresses', () => {
  it('a name in an e-mail address is part of the address, not talk about the employer', () => {
    expect(ids('Write to jane@acme.example about the trip')).toEqual(['pii:jane@acme.example']);
  });

  it('a codename in an internal link that is flagged raises no second finding', () => {
    expect(ids('Notes: https://wiki.acme.example/phoenix/plan')).toEqual(['internal:https://wiki.acme.example/phoenix/plan']);
  });

  it('outside an address the same names still count', () => {
    expect(ids('Acme ships Phoenix today')).toEqual(['views:Acme', 'terms:Phoenix']);
  });

  it('a codename in a public link is flagged, and the fix removes the whole link instead of editing inside it', () => {
    const text = 'See https://example.com/phoenix-preview for more';
    const [finding] = pack.check(text);
    expect(finding?.match).toBe('phoenix');
    expect(withFix(text, finding!.fix)).toBe('See for more');
  });
});

describe('the disclaimer in the language of the draft', () => {
  const suggestion = (text: string, packFields = fields) => {
    const found = compile(packFields).check(text).find((finding) => finding.ruleId === 'views');
    return found && withFix(text, found.fix).slice(text.length).trim();
  };

  it('uses the pack phrase written in that language when the pack gives no translation', () => {
    expect(suggestion('Tänään Acme julkaisi uuden sovelluksen ja olen todella ylpeä tiimistämme')).toBe('Mielipiteet ovat omiani.');
    expect(suggestion('Leo Acme imezindua huduma mpya kwa wateja wetu wote nchini')).toBe('Maoni ni yangu binafsi.');
    expect(suggestion('Today Acme launched a new app and I am really proud of the team')).toBe('Views are my own.');
  });

  it("uses the pack's own suggestion for the language when it has one", () => {
    const translated = { ...fields, rules: [{ ...disclaimer, suggestions: { fi: 'Mielipiteet ovat omiani, eivät työnantajani.' } }] };
    expect(suggestion('Tänään Acme julkaisi uuden sovelluksen ja olen todella ylpeä tiimistämme', translated)).toBe('Mielipiteet ovat omiani, eivät työnantajani.');
  });

  it('lint warns when a translated suggestion would not satisfy the rule', () => {
    const warnings = lintPack(makePack({ ...fields, rules: [{ ...disclaimer, suggestions: { sw: 'Hii ni maoni yangu' } }] }));
    expect(warnings.map((warning) => warning.path)).toContain('rules[0].suggestions.sw');
  });
});

describe('Swahili forms of a name', () => {
  it.each([
    ['Wakaskelotti wenzangu, hongereni kwa mwaka mzuri!', 'Wakaskelotti'],
    ['Kama Mkaskelotti, najivunia sana kazi tunayofanya.', 'Mkaskelotti'],
    ['Huku Kaskelottini kila Ijumaa ni siku ya chai', 'Kaskelottini'],
  ])('%s', (text, expected) => {
    const swahili = compile({ organization: { names: ['Kaskelotti'] }, rules: [disclaimer] });
    expect(swahili.check(text).map((finding) => finding.match)).toEqual([expected]);
  });

  it('prefixes join names only in Swahili drafts and only long ones', () => {
    const terms = compile({ rules: [termsRule(['Kenya', 'Tu'])] });
    expect(terms.check('Mkenya huyu ni rafiki yangu wa zamani sana').map((finding) => finding.match)).toEqual(['Mkenya']);
    expect(terms.check('Mtu huyu ni rafiki yangu wa zamani sana')).toEqual([]);
    expect(terms.check('The mkenya word in an English draft is not split')).toEqual([]);
  });
});
