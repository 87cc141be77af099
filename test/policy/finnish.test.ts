import { describe, expect, it } from 'vitest';
import { finnishStems, isFinnishEnding } from '../../src/policy/finnish';
import { TermMatcher } from '../../src/policy/term-matcher';
import { lintPack } from '../../src/packs/lint';
import { compile, flagged, makePack, termsRule } from '../helpers/packs';

const TERMS = ['Revontuli', 'Kauppa', 'Pelto', 'Hammas', 'Avain', 'Nainen', 'Kieli', 'Vesi', 'Kaskelotti', 'Lahti', 'Perhe', 'Viaton', 'Atlas'];
const matcher = new TermMatcher(TERMS.map((term) => [term, term] as const));
const termOf = (word: string) => matcher.find(`Se oli ${word} eilen.`, { language: 'fi' }).map((hit) => hit.value);

// Every case, singular and plural, of one word of each declension type the issue names.
const FORMS: Record<string, string> = {
  Revontuli: 'Revontulen Revontulta Revontulena Revontuleksi Revontulessa Revontulesta Revontuleen Revontulella Revontulelta Revontulelle Revontuletta Revontulet Revontulten Revontulien Revontulia Revontulina Revontuliksi Revontulissa Revontulista Revontuliin Revontulilla Revontulilta Revontulille Revontuline Revontulemme Revontuleni Revontulessakin Revontuleenkaan',
  Kauppa: 'Kaupan Kauppaa Kauppana Kaupaksi Kaupassa Kaupasta Kauppaan Kaupalla Kaupalta Kaupalle Kaupatta Kaupat Kauppojen Kauppoja Kauppoina Kaupoiksi Kaupoissa Kaupoista Kauppoihin Kaupoilla Kaupoilta Kaupoille Kaupoitta Kauppoineen Kauppani Kaupassaan Kauppaansa',
  Pelto: 'Pellon Peltoa Peltona Pelloksi Pellossa Pellosta Peltoon Pellolla Pellolta Pellolle Pellot Peltojen Peltoja Peltoina Pelloissa Peltoihin Pelloilla',
  Hammas: 'Hampaan Hammasta Hampaana Hampaaksi Hampaassa Hampaasta Hampaaseen Hampaalla Hampaat Hampaiden Hampaitten Hampaita Hampaina Hampaissa Hampaisiin Hampaihin Hampailla',
  Avain: 'Avaimen Avainta Avaimena Avaimeksi Avaimessa Avaimesta Avaimeen Avaimella Avaimet Avainten Avaimien Avaimia Avaimina Avaimissa Avaimiin Avaimilla Avaimineen',
  Nainen: 'Naisen Naista Naisena Naiseksi Naisessa Naisesta Naiseen Naisella Naiset Naisten Naisia Naisina Naisissa Naisiin Naisilla',
  Kieli: 'Kielen Kieltä Kielenä Kieleksi Kielessä Kielestä Kieleen Kielellä Kielet Kielten Kielien Kieliä Kielinä Kielissä Kieliin Kielillä',
  Vesi: 'Veden Vettä Vetenä Vedeksi Vedessä Vedestä Veteen Vedellä Vedet Vesien Vetten Vesiä Vesinä Vesissä Vesiin Vesillä',
  Kaskelotti: 'Kaskelotin Kaskelottia Kaskelottina Kaskelotiksi Kaskelotissa Kaskelotista Kaskelottiin Kaskelotilla Kaskelotit Kaskelottien Kaskelotteja Kaskelotteina Kaskeloteissa Kaskelotteihin Kaskeloteilla Kaskelotillamme',
  Lahti: 'Lahden Lahtea Lahtena Lahdessa Lahteen Lahdella Lahdet Lahtien Lahtia Lahdissa Lahtiin',
  Perhe: 'Perheen Perhettä Perheenä Perheessä Perheeseen Perheellä Perheet Perheiden Perheitä Perheissä Perheisiin',
  Viaton: 'Viattoman Viatonta Viattomana Viattomassa Viattomat Viattomien Viattomia Viattomissa',
  Atlas: 'Atlaksen Atlasta Atlaksessa Atlakseen Atlakset Atlaksia Atlaksissa',
};

describe('Finnish inflection with stem changes', () => {
  it.each(Object.entries(FORMS))('%s in every case and number', (term, forms) => {
    const missed = forms.split(' ').filter((form) => !termOf(form).includes(term));
    expect(missed).toEqual([]);
  });

  // Derivations share a stem but are other words.
  it.each([
    'kaupallinen', 'kaupunki', 'kauppias', 'kaupata', 'vedetön', 'vetinen', 'vetää', 'kielellinen', 'kielteinen', 'kielto',
    'avaimeton', 'hampaaton', 'peltomainen', 'revontulimainen', 'naisellinen', 'perheellinen', 'lahtelainen', 'atlasmainen',
  ])('%s is not a form of any term', (word) => {
    expect(termOf(word)).toEqual([]);
  });

  it('multi-word names inflect their last word', () => {
    const acme = new TermMatcher([['Acme Kauppa', 'product'] as const]);
    const found = (text: string) => acme.find(text, { language: 'fi' }).map((hit) => text.slice(hit.start, hit.end));
    expect(found('Acme Kaupan julkaisu siirtyy')).toEqual(['Acme Kaupan']);
    expect(found('Tervetuloa Acme Kauppaan ja Acme Kaupoissa tavataan')).toEqual(['Acme Kauppaan', 'Acme Kaupoissa']);
    expect(found('Kaupan Acme on eri asia')).toEqual([]);
  });

  it('foreign names keep their stem and take endings after a vowel', () => {
    expect(finnishStems('Phoenix')).toBeUndefined();
    const phoenix = new TermMatcher([['Phoenix', 'p'] as const]);
    expect(phoenix.find('Phoenixin ja Phoenixissa', { language: 'fi' })).toHaveLength(2);
  });

  it('possessives and clitics follow the case, in their order', () => {
    expect(isFinnishEnding('ssanikin', 'weak')).toBe(true);
    expect(isFinnishEnding('kinssa', 'weak')).toBe(false);
    expect(isFinnishEnding('tni', 'weak')).toBe(false); // *kaupatni
    expect(isFinnishEnding('ssaan', 'weak')).toBe(true);
    expect(isFinnishEnding('ssaen', 'weak')).toBe(false);
  });
});

describe('in the engine', () => {
  const pack = compile({
    organization: { names: ['Kaskelotti'] },
    products: [{ name: 'Acme Kauppa', launch: '2030-01-01T00:00:00Z' }],
    rules: [
      termsRule(['Revontuli'], { severity: 'block' }),
      { id: 'unreleased', kind: 'unreleased', severity: 'block', message: 'Not launched' },
      { id: 'views', kind: 'disclaimer', severity: 'warn', message: 'Disclaimer', trigger: ['organization', 'products'], phrases: ['mielipiteet ovat omiani'], suggestion: 'Mielipiteet ovat omiani.' },
    ],
  });
  const ids = (text: string) => [...new Set(pack.check(text, { at: '2026-12-03T00:00:00Z' }).map((finding) => finding.ruleId))].sort();

  it.each([
    ['Revontulen demo oli huikea', ['terms']],
    ['Revontulessa on vielä bugeja', ['terms']],
    ['Testasimme Revontulta koko viikon', ['terms']],
    ['Kaskelotilla on hyvä henki', ['views']],
    ['Acme Kaupan julkaisu lähestyy', ['unreleased', 'views']],
    ['Kaskelotilla on hyvä henki. Mielipiteet ovat omiani.', []],
  ])('%s', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it('underlines the whole inflected word', () => {
    expect(flagged(pack, 'Revontulessakin on vikaa', 'terms')).toEqual(['Revontulessakin']);
  });
});

describe('pack lint', () => {
  it('warns when a Finnish term takes forms that are everyday Finnish words', () => {
    const warnings = lintPack(makePack({ rules: [termsRule(['Revontuli', 'Karimoven'])] }));
    const about = (term: string) => warnings.filter((warning) => warning.message.startsWith(`"${term}" takes Finnish forms`));
    expect(about('Revontuli').map((warning) => warning.path)).toEqual(['rules[0].terms[0]']);
    expect(about('Revontuli')[0]!.message).toContain('"revontulet"');
    expect(about('Karimoven')).toEqual([]);
  });
});
