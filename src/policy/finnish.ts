/**
 * The stems a Finnish noun takes, and the endings each stem accepts, so that a name is found in
 * every case and number: "Revontuli" in "Revontulen", "Revontulta", "Revontulissa"; "Kauppa" in
 * "Kaupan" and "Kauppoja"; "Hammas" in "Hampaan". Stems are derived from the nominative alone (its
 * ending tells the declension type; consonant gradation from its last consonants). Where the
 * nominative does not tell the type ("tuli" and "paperi" end alike) both types' stems are made: a
 * stem that does not exist only ever meets an ending no real word has.
 *
 * A stem matches only with a whole ending: a case, then a possessive suffix, then a clitic.
 * Derivations that share a stem are other words and do not match: "kaupallinen" is "kaupa" +
 * "llinen", "vedetön" is "vede" + "tön", "avaimeton" is "avaime" + "ton".
 *
 * Endings are written folded (ä as a, ö as o), as the matcher sees the draft.
 */

export type StemKind = 'weak' | 'strong' | 'consonant' | 'pluralWeak' | 'pluralStrong';

export interface FinnishStem {
  /** A stem of the term's last word, lower case. */
  readonly stem: string;
  readonly kind: StemKind;
}

export interface InflectedWord {
  /** The term's last word (earlier words do not inflect: "Acme Kaupan"), as written. */
  readonly word: string;
  readonly stems: readonly FinnishStem[];
}

const ENDINGS: Record<StemKind, ReadonlySet<string>> = {
  // Closed syllables take the weak grade: kaupan, kaupassa, kaupaksi; the nominative plural kaupat.
  // Spoken Finnish, as people post it, drops the last vowel: kaupas, kaupast, kaupal, kaupalt.
  weak: new Set(['n', 'ssa', 'sta', 'lla', 'lta', 'lle', 'ksi', 'tta', 't', 's', 'st', 'l', 'lt']),
  // Partitive, essive and illative take the strong grade; possessives attach to it bare (kauppani).
  strong: new Set(['', 'a', 'ta', 'na', 'an', 'en', 'in', 'on', 'un', 'yn', 'seen', 'hin', 'han', 'hen', 'hon', 'hun', 'hyn']),
  // Consonant stems: the partitive and the genitive plural (kieltä, kielten; naista, naisten).
  consonant: new Set(['ta', 'ten']),
  pluralWeak: new Set(['ssa', 'sta', 'lla', 'lta', 'lle', 'ksi', 'tta', 'n', 's', 'st', 'l', 'lt']),
  pluralStrong: new Set(['a', 'en', 'na', 'ne', 'in', 'hin', 'den', 'tten', 'ta', 'siin']),
};
const POSSESSIVES = ['', 'ni', 'si', 'mme', 'nne', 'nsa', 'an', 'en', 'in', 'on', 'un', 'yn'];
// The genitive's n and the plural's t give way to a possessive (kauppani, not *kaupanni, *kaupatni).
const NO_POSSESSIVE = new Set(['n', 't', 's', 'st', 'l', 'lt']);
const CLITICS = ['', 'kin', 'kaan', 'han', 'pa', 'ko'];

/** Longest ending a stem can take: "ssa" + "nsa" + "kaan". */
export const LONGEST_FINNISH_ENDING = 10;

/** Whether `rest` (folded) is a whole ending for a stem of this kind. */
export function isFinnishEnding(rest: string, kind: StemKind): boolean {
  if (rest.length > LONGEST_FINNISH_ENDING) return false;
  const cases = ENDINGS[kind];
  for (const clitic of CLITICS) {
    if (!rest.endsWith(clitic)) continue;
    const beforeClitic = rest.slice(0, rest.length - clitic.length);
    for (const possessive of POSSESSIVES) {
      if (!beforeClitic.endsWith(possessive)) continue;
      const ending = beforeClitic.slice(0, beforeClitic.length - possessive.length);
      // A bare stem is the nominative itself, which the term's own key already matches.
      if (ending === '' && possessive === '' && clitic === '') continue;
      if (!cases.has(ending) || (possessive && NO_POSSESSIVE.has(ending))) continue;
      // The third person's long vowel repeats the ending's vowel: kaupassaan, kauppaansa is "nsa".
      if (possessive.length === 2 && possessive[1] === 'n' && ending && ending.at(-1) !== possessive[0]) continue;
      return true;
    }
  }
  return false;
}

/** Every case form the stems of `term` make (no possessives or clitics), folded, for lint to look up. */
export function finnishForms(term: string): string[] {
  const inflected = finnishStems(term);
  if (!inflected) return [];
  const forms = new Set<string>();
  for (const { stem, kind } of inflected.stems) {
    const folded = stem.normalize('NFD').replace(/\p{M}/gu, '');
    for (const ending of ENDINGS[kind]) if (ending) forms.add(folded + ending);
  }
  return [...forms];
}

const VOWELS = 'aeiouyäö';
// Letters of native Finnish words: no b, c, f, q, w, x, z, and g only after n.
const FINNISH_LOOKING = /^(?:[adehijklmnoprstuvyäö]|(?<=n)g)+$/;
const isVowel = (char: string | undefined) => char !== undefined && VOWELS.includes(char);

// Strong grade -> weak grade, longest first. Words that do not alternate keep their consonants too.
const WEAKENING: readonly [string, string][] = [
  ['nk', 'ng'], ['mp', 'mm'], ['lt', 'll'], ['nt', 'nn'], ['rt', 'rr'], ['ht', 'hd'],
  ['lk', 'l'], ['rk', 'r'], ['hk', 'h'], ['lp', 'lv'], ['rp', 'rv'],
  ['kk', 'k'], ['pp', 'p'], ['tt', 't'], ['k', ''], ['p', 'v'], ['t', 'd'],
];
// Weak grade -> strong grade, for types whose nominative is the weak one (hammas -> hampaan).
const STRENGTHENING: readonly [string, string][] = [
  ['ng', 'nk'], ['mm', 'mp'], ['ll', 'lt'], ['nn', 'nt'], ['rr', 'rt'], ['hd', 'ht'],
  ['k', 'kk'], ['p', 'pp'], ['t', 'tt'], ['v', 'p'], ['d', 't'], ['r', 'rk'], ['l', 'lk'], ['h', 'hk'],
];

/** `head` with its last consonant cluster graded: every variant, the unchanged one first. */
function graded(head: string, table: readonly [string, string][]): string[] {
  let end = head.length;
  let start = end;
  while (start > 0 && !isVowel(head[start - 1])) start--;
  if (start === 0 || start === end) return [head];
  const cluster = head.slice(start, end);
  const variants = [head];
  for (const [from, to] of table) {
    if (cluster.endsWith(from) && (cluster.length === from.length || from.length > 1)) {
      variants.push(head.slice(0, end - from.length) + to);
      break;
    }
  }
  return variants;
}

/** Vowels in the word: a rough syllable count, enough to tell two syllables from more. */
function syllables(word: string): number {
  let count = 0;
  for (let i = 0; i < word.length; i++) if (isVowel(word[i]) && !isVowel(word[i - 1])) count++;
  return count;
}

/**
 * The stems of the last word of `term`; undefined for words too short to inflect safely and for
 * foreign-looking words.
 */
export function finnishStems(term: string): InflectedWord | undefined {
  const last = /\p{L}+$/u.exec(term.trimEnd())?.[0];
  if (!last) return undefined;
  const word = last.toLowerCase();
  // Foreign names (Phoenix, Quintex) keep their stem and take endings after a vowel ("Phoenixin"),
  // which the term's own key handles; only words written like Finnish change their stem.
  if (word.length < 4 || !FINNISH_LOOKING.test(word)) return undefined;
  const stems = new Map<string, FinnishStem>();
  for (const [kind, candidates] of declensions(word)) {
    for (const stem of candidates) if (stem.length >= 3) stems.set(`${kind}:${stem}`, { stem, kind });
  }
  return { word: last, stems: [...stems.values()] };
}

function declensions(word: string): [StemKind, string[]][] {
  const last = word.at(-1)!;
  const head = word.slice(0, -1);
  if (word.endsWith('nen')) {
    const base = word.slice(0, -3); // nainen: naise-, nais-, naisi-
    return [['strong', [`${base}se`]], ['weak', [`${base}se`]], ['consonant', [`${base}s`]], ['pluralWeak', [`${base}si`]], ['pluralStrong', [`${base}si`]]];
  }
  if (isVowel(last)) return vowelStems(word, head, last);
  return consonantStems(word);
}

function vowelStems(word: string, head: string, last: string): [StemKind, string[]][] {
  const weakHeads = graded(head, WEAKENING);
  const weak = weakHeads.map((h) => h + last);
  if (isVowel(head.at(-1))) {
    // Long vowels and diphthongs (maa, puu, tie): one stem; plural maihin, maita.
    const short = head;
    return [['weak', [word]], ['strong', [word]], ['pluralWeak', [`${short}i`]], ['pluralStrong', [`${short}i`, `${short}it`]]];
  }
  switch (last) {
    case 'a':
    case 'ä': {
      // kauppa: kaupoissa, kauppoja (a -> o) or kukka: kukissa, kukkia (a dropped); omena: omenoita.
      const longWord = syllables(word) > 2;
      return [
        ['weak', weak],
        ['strong', [word]],
        ['pluralWeak', weakHeads.flatMap((h) => [`${h}oi`, `${h}i`])],
        ['pluralStrong', [`${head}oj`, `${head}oi`, `${head}i`, ...(longWord ? [`${head}oit`] : [])]],
      ];
    }
    case 'e': {
      // perhe: perheen, perhettä, perheissä; liike: liikkeen (the nominative is the weak grade).
      const strongHeads = graded(head, STRENGTHENING);
      return [
        ['weak', strongHeads.map((h) => `${h}ee`)],
        ['strong', strongHeads.map((h) => `${h}ee`)],
        ['consonant', [`${word}t`]],
        ['pluralWeak', strongHeads.map((h) => `${h}ei`)],
        ['pluralStrong', strongHeads.flatMap((h) => [`${h}ei`, `${h}eit`])],
      ];
    }
    case 'i': {
      const stems: [StemKind, string[]][] = [
        // New i-words (paperi, kaskelotti): kaskelotin, kaskelottia, kaskeloteissa, kaskelotteja.
        ['weak', weak],
        ['strong', [word]],
        ['pluralWeak', weakHeads.map((h) => `${h}ei`)],
        ['pluralStrong', [`${head}ej`, `${head}ei`]],
        // Old e-stems (kieli, tuli, lahti): kielen, kieltä, kielissä; lahden, lahtea.
        ['weak', weakHeads.map((h) => `${h}e`)],
        ['strong', [`${head}e`]],
        ['pluralWeak', weakHeads.map((h) => `${h}i`)],
        ['pluralStrong', [word]],
      ];
      if (/[lnrs]$/.test(head)) stems.push(['consonant', [head]]);
      if (head.endsWith('s')) {
        // vesi: veden, vettä, veteen; käsi, uusi, susi.
        const root = head.slice(0, -1);
        stems.push(['weak', [`${root}de`]], ['strong', [`${root}te`]], ['consonant', [`${root}t`]]);
      }
      return stems;
    }
    default:
      // o, u, y, ö: pelto: pellon, peltoa, pelloissa, peltoja.
      return [
        ['weak', weak],
        ['strong', [word]],
        ['pluralWeak', weak.map((w) => `${w}i`)],
        ['pluralStrong', [`${word}j`, `${word}i`]],
      ];
  }
}

function consonantStems(word: string): [StemKind, string[]][] {
  const stems: [StemKind, string[]][] = [['consonant', [word]]];
  const vowelStem = (strong: string[]) => stems.push(['weak', strong], ['strong', strong]);
  // The plural replaces the stem's last vowel with i: hampaa -> hampai, avaime -> avaimi.
  const pluralOf = (strong: string[]) => {
    const plural = strong.map((s) => `${s.slice(0, -1)}i`);
    stems.push(['pluralWeak', plural], ['pluralStrong', plural]);
  };
  const twoLast = word.slice(-2);
  const head = word.slice(0, -2);
  if (/^[aeiouyäö]s$/.test(twoLast)) {
    const vowel = twoLast[0]!;
    // hammas: hampaan, hammasta, hampaissa (weak nominative, long vowel stem).
    const strong = graded(head, STRENGTHENING).map((h) => `${h}${vowel}${vowel}`);
    // Loans and -us nouns: Atlaksen, vastauksen; rakkaus: rakkauden, rakkautta.
    const kse = `${head}${vowel}kse`;
    vowelStem([...strong, kse]);
    pluralOf(strong);
    pluralOf([kse]);
    if (vowel === 'u' || vowel === 'y') {
      stems.push(['weak', [`${head}${vowel}de`]], ['strong', [`${head}${vowel}te`]], ['consonant', [`${head}${vowel}t`]]);
    }
    return stems;
  }
  if (/^[aeiouyäö]n$/.test(twoLast)) {
    // avain: avaimen, avainta, avaimissa; puhelin; viaton: viattoman.
    const strongHeads = graded(head, STRENGTHENING);
    const strong = twoLast === 'on' || twoLast === 'ön'
      ? strongHeads.map((h) => `${h}${twoLast[0]}ma`)
      : strongHeads.map((h) => `${h}${twoLast[0]}me`);
    vowelStem(strong);
    pluralOf(strong);
    return stems;
  }
  if (/^[aeiouyäö][lr]$/.test(twoLast) || /^[aeiouyäö]t$/.test(twoLast)) {
    // askel: askeleen, askelta; tytär: tyttären; olut: oluen, olutta.
    const strongHeads = graded(head, STRENGTHENING);
    const strong = twoLast.endsWith('t') ? strongHeads.map((h) => `${h}${twoLast[0]}e`) : strongHeads.map((h) => `${h}${twoLast}e`);
    vowelStem(strong);
    pluralOf(strong);
  }
  return stems;
}
