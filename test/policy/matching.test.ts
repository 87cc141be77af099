import { describe, expect, it } from 'vitest';
import { compile, flagged, termsRule } from '../helpers/packs';

const codenames = compile({
  rules: [termsRule(['Project Phoenix', 'Tern', 'Nova'], { exceptions: ['Arctic tern', 'Nova Scotia'] })],
});
const find = (text: string) => flagged(codenames, text, 'terms');

describe('case, accent and width', () => {
  it.each([
    ['English', 'We are all in on TERN now', 'TERN'],
    ['English, accents', 'We are all in on Térn now', 'Térn'],
    ['English, decomposed accent', 'We are all in on Te\u0301rn now', 'Te\u0301rn'],
    ['Finnish', 'Tänään esittelemme NOVA-alustan', 'NOVA'],
    ['Swahili, full-width letters', 'Leo tunazindua ＮＯＶＡ kwa wateja', 'ＮＯＶＡ'],
    ['ligatures and math letters', 'Working on 𝐏𝐫𝐨𝐣𝐞𝐜𝐭 𝐏𝐡𝐨𝐞𝐧𝐢𝐱', '𝐏𝐫𝐨𝐣𝐞𝐜𝐭 𝐏𝐡𝐨𝐞𝐧𝐢𝐱'],
  ])('%s', (_, text, expected) => {
    expect(find(text)).toEqual([expected]);
  });

  it('ignores zero-width characters inside a word', () => {
    expect(find('ship Te\u200brn and No\u200d\u2060va')).toEqual(['Te\u200brn', 'No\u200d\u2060va']);
    expect(find('Projekti on Ter\u00adn')).toEqual(['Ter\u00adn']);
  });
});

describe('whole words only', () => {
  it.each([
    ['English', 'The intern found a pattern in eastern Europe, like Casanova.'],
    ['English, more', 'Ternary logic, a novel idea, supernova, Novak and Villanova'],
    ['Finnish', 'Sisäinen internetti ja novellit; Casanovan elämä'],
    ['Swahili', 'Mwanafunzi wa intern alisoma kuhusu pattern za eastern na novela'],
  ])('never inside another word: %s', (_, text) => {
    expect(find(text)).toEqual([]);
  });

  it('matches at the edges of the draft and next to punctuation', () => {
    expect(find('Tern')).toEqual(['Tern']);
    expect(find('(Nova), "Tern"!')).toEqual(['Nova', 'Tern']);
  });
});

describe('multi-word terms joined or separated', () => {
  it('in a hashtag', () => {
    expect(find('Launching #ProjectPhoenix soon')).toEqual(['ProjectPhoenix']);
  });

  it.each([
    'project-phoenix',
    'project_phoenix',
    'project.phoenix',
    'Project  Phoenix',
    'Project\tPhoenix',
    'PROJECTPHOENIX',
    'projectphoenix',
  ])('%s', (form) => {
    expect(find(`Launching ${form} soon`)).toEqual([form]);
  });

  it('does not join words across sentence punctuation or other words', () => {
    expect(find('We finished the project. Phoenix is a city.')).toEqual([]);
    expect(find('Project management in Phoenix')).toEqual([]);
    expect(find('project, phoenix')).toEqual([]);
  });

  it('does not split inside the words of a term', () => {
    const atlas = compile({ rules: [termsRule(['Atlas', 'Anova'])] });
    expect(flagged(atlas, 'Meet me at Las Vegas, a nova idea', 'terms')).toEqual([]);
    expect(flagged(atlas, 'Meet me at A t l a s', 'terms')).toEqual(['A t l a s']);
  });
});

describe('inside URLs and hashtags', () => {
  it('matches between separators', () => {
    expect(find('see https://example.com/phoenix-preview/project-phoenix and #tern #nova')).toEqual([
      'project-phoenix',
      'tern',
      'nova',
    ]);
  });

  it('matches the camelCase words of a hashtag', () => {
    expect(find('#LaunchingNova and #TernDay')).toEqual(['Nova', 'Tern']);
  });

  it('does not match inside a longer URL word', () => {
    expect(find('https://example.com/internal/casanova-pattern')).toEqual([]);
  });
});

describe('possessives and plurals', () => {
  it.each([
    ["Project Phoenix's roadmap", "Project Phoenix's"],
    ['Project Phoenix’s roadmap', 'Project Phoenix’s'],
    ['Two Project Phoenixes', 'Project Phoenixes'],
    ['All the Novas shipped', 'Novas'],
    ["The Novas' cases", 'Novas'],
    ['Terns everywhere', 'Terns'],
  ])('%s', (text, expected) => {
    expect(find(text)).toEqual([expected]);
  });

  it('Finnish case endings follow the term', () => {
    expect(find('Project Phoenixin julkaisu lähestyy')).toEqual(['Project Phoenixin']);
    expect(find('Ternin aikataulu on selvä ja Novassa on vikaa')).toEqual(['Ternin', 'Novassa']);
    expect(find('Puhuimme NOVA:sta ja Tern:in tiimistä')).toEqual(['NOVA:sta', 'Tern:in']);
  });

  it('short terms take no Finnish endings in English drafts', () => {
    const vega = compile({ rules: [termsRule(['Vega'])] });
    expect(flagged(vega, 'My vegan lunch', 'terms')).toEqual([]);
    expect(flagged(vega, 'Vegan julkaisu on ensi viikolla', 'terms')).toEqual(['Vegan']);
  });

  it('other endings do not make a match', () => {
    expect(find('Novak, Ternary, Phoenixville')).toEqual([]);
  });
});

describe('deliberate obfuscation', () => {
  it.each([
    ['digits for letters', 'Shipping Pr0ject Ph03n1x next', 'Pr0ject Ph03n1x'],
    ['symbols for letters', 'Shipping N0v@ and $ecret 7ern', 'N0v@'],
    ['1 as l', 'Shipping Ter1 no, Tern', 'Tern'],
    ['spaced letters', 'Shipping P r o j e c t  P h o e n i x', 'P r o j e c t  P h o e n i x'],
    ['dotted letters', 'Shipping P.h.o.e.n.i.x (Project P.h.o.e.n.i.x)', 'Project P.h.o.e.n.i.x'],
    ['dashed letters', 'Julkaisemme N-o-v-a:n pian', 'N-o-v-a:n'],
    ['Cyrillic lookalikes', 'Shipping Рrојесt Рhоеniх', 'Рrојесt Рhоеniх'],
    ['Greek lookalikes', 'Kuzindua ΝΟVΑ leo', 'ΝΟVΑ'],
  ])('%s', (_, text, expected) => {
    expect(find(text)).toContain(expected);
  });

  it('finds 7ern and $ecret-style words only where a term is disguised', () => {
    expect(find('Shipping 7ern')).toEqual(['7ern']);
    expect(find('Shipping $ecret')).toEqual([]);
  });

  it('needs at least one real letter: numbers are not words', () => {
    const leo = compile({ rules: [termsRule(['Leo', 'Sol'])] });
    expect(flagged(leo, 'Room 130, 501 jeans, model 5O1', 'terms')).toEqual(['5O1']);
    expect(flagged(leo, 'L30 is here', 'terms')).toEqual(['L30']);
  });

  it('reads a handle or ticker as the name', () => {
    const acme = compile({ rules: [termsRule(['@AcmeCorp', '$ACME'])] });
    expect(flagged(acme, 'cc @AcmeCorp, long $ACME and acme corp', 'terms')).toEqual(['AcmeCorp', 'ACME', 'acme corp']);
  });
});

describe('exceptions', () => {
  it('suppress only the occurrences they cover', () => {
    expect(find('An Arctic tern flew by')).toEqual([]);
    expect(find('An Arctic tern flew by; then we discussed Tern')).toEqual(['Tern']);
    expect(find('Tern, then an ARCTIC TERN')).toEqual(['Tern']);
  });

  it.each([
    ['Finnish', 'Lensimme Nova Scotiaan, ja Nova julkaistaan pian', ['Nova']],
    ['Swahili', 'Tulitembelea Nova Scotia, na Nova itazinduliwa', ['Nova']],
  ])('in %s drafts', (_, text, expected) => {
    expect(find(text)).toEqual(expected);
  });
});

describe('UTF-16 offsets', () => {
  it('point into the original draft, past emoji and combining marks', () => {
    const text = '🚀👩‍💻 Te\u0301rn ✨ Pr0ject  Phoenix’s';
    const findings = codenames.check(text).filter((f) => f.ruleId === 'terms');
    expect(findings.map((f) => [f.start, f.end, f.match])).toEqual([
      [text.indexOf('Te'), text.indexOf(' ✨'), 'Te\u0301rn'],
      [text.indexOf('Pr0'), text.length, 'Pr0ject  Phoenix’s'],
    ]);
  });
});

describe('disclaimer phrases', () => {
  const disclaimer = compile({
    organization: { names: ['Acme', 'Acme Corp'] },
    rules: [
      {
        id: 'views',
        kind: 'disclaimer',
        severity: 'warn',
        message: 'Say the views are your own',
        trigger: ['organization'],
        phrases: ['views are my own', 'näkemykset ovat omiani', 'maoni ni yangu binafsi'],
        suggestion: 'Views are my own.',
      },
    ],
  });
  const needsDisclaimer = (text: string) => flagged(disclaimer, text, 'views').length > 0;

  it.each([
    'Acme rocks. Views are my own.',
    'Acme rocks. VIEWS ARE MY OWN',
    'Acme rocks. views   are\nmy own',
    'Acme rocks #ViewsAreMyOwn',
    'Acme rocks. Víews are my ówn',
    'Acmen tiimi on paras. Näkemykset ovat omiani.',
    'Acmen tiimi on paras. Nakemykset ovat omiani.',
    'Acme ni kampuni nzuri. #MaoniNiYanguBinafsi',
  ])('satisfied: %s', (text) => {
    expect(needsDisclaimer(text)).toBe(false);
  });

  it.each([
    'Acme rocks.',
    'Acme rocks. These views are my ownership notes', // not the phrase as a whole word
    'Acme Corpin tiimi on paras.',
    'Acme ni kampuni nzuri sana.',
  ])('missing: %s', (text) => {
    expect(needsDisclaimer(text)).toBe(true);
  });

  it('flags only the first mention and fixes by appending the suggestion', () => {
    const text = 'Acme and Acme Corp again';
    const [finding, ...rest] = disclaimer.check(text);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ start: 0, end: 4, match: 'Acme', kind: 'disclaimer' });
    expect(finding!.fix).toMatchObject({ start: text.length, end: text.length, replacement: ' Views are my own.' });
  });
});
