import type { PackIssue } from '../packs/parse';
import type { Pack } from '../packs/schema';
import { CharClass, foldCodePoint } from './fold';
import { ENGLISH, FINNISH, SWAHILI } from './ordinary-words-data';

/**
 * Codenames are often everyday words ("Tern", "Nova", "Simba"). Written as a word ("the arctic tern")
 * such a match is most likely not the codename, so the engine reports it with low confidence; written
 * as a name ("Tern" mid-sentence, "TERN") it counts in full. The word lists are large: only the
 * background (compiling packs) and lint load them, never the content script.
 */

export const WORD_LANGUAGES = { en: 'English', fi: 'Finnish', sw: 'Swahili' } as const;
export type WordLanguage = keyof typeof WORD_LANGUAGES;

const ENCODED: Record<WordLanguage, string> = { en: ENGLISH, fi: FINNISH, sw: SWAHILI };
let dictionaries: [WordLanguage, Set<string>][] | undefined;

/** The front-coded lists of ordinary-words-data.ts, decoded on first use. */
function loadDictionaries(): [WordLanguage, Set<string>][] {
  dictionaries ??= Object.entries(ENCODED).map(([language, encoded]) => {
    const words = new Set<string>();
    let previous = '';
    for (const [, shared, rest] of encoded.matchAll(/(\d)(\D*)/g)) {
      previous = previous.slice(0, Number(shared)) + rest!;
      words.add(previous);
    }
    return [language as WordLanguage, words];
  });
  return dictionaries;
}

/** The term folded as the matcher folds it, if it is one word of letters only. */
function foldedWord(term: string): string | undefined {
  let word = '';
  for (const char of term.trim()) {
    const folded = foldCodePoint(char.codePointAt(0)!);
    if (folded.mark) continue;
    if (!folded.classes.every((cls) => cls === CharClass.Letter)) return undefined;
    word += String.fromCodePoint(...folded.codes);
  }
  return word || undefined;
}

/** The languages in which `term` is an everyday word. */
export function ordinaryWordLanguages(term: string): WordLanguage[] {
  const word = foldedWord(term);
  if (!word) return [];
  return loadDictionaries()
    .filter(([, words]) => words.has(word))
    .map(([language]) => language);
}

export function isOrdinaryWord(term: string): boolean {
  return ordinaryWordLanguages(term).length > 0;
}

// Letters as a keyboard types them (accents allowed): "t3rn", "ᴛᴇʀɴ" or Cyrillic "tеrn" are disguises.
const PLAIN_WORD = /^[a-z'’]+$/i;
const MARKS = /\p{M}/gu;
const SENTENCE_END = /[.!?…\n]/;
const OPENING = /[\s"'“‘«([{]/;

/**
 * Whether the draft writes [start, end) as an everyday word: plain letters in lower case, or
 * capitalised only where a sentence starts. "Tern" mid-sentence, "TERN", "tErn" or "t3rn" read as a name.
 */
export function writtenAsOrdinaryWord(draft: string, start: number, end: number): boolean {
  const match = draft.slice(start, end);
  if (!PLAIN_WORD.test(match.normalize('NFD').replace(MARKS, ''))) return false;
  const rest = match.slice(1);
  if (rest !== rest.toLowerCase()) return false;
  if (match[0] === match[0]!.toLowerCase()) return true;
  let before = start - 1;
  while (before >= 0 && OPENING.test(draft[before]!) && draft[before] !== '\n') before--;
  return before < 0 || SENTENCE_END.test(draft[before]!);
}

/** Lint warnings for the terms and product names that are everyday words. */
export function ordinaryWordIssues(pack: Pack): PackIssue[] {
  const issues: PackIssue[] = [];
  const check = (path: string, term: string, severity: string) => {
    const languages = ordinaryWordLanguages(term);
    if (!languages.length) return;
    const named = languages.map((language) => WORD_LANGUAGES[language]).join(' and ');
    issues.push({
      path,
      message: `"${term}" is an ordinary word in ${named}: it is flagged as "${severity}" when written as a name ("${capitalised(term)}" mid-sentence, "${term.toUpperCase()}") or in a draft that names the organisation; "${term.toLowerCase()}" elsewhere is only "info"`,
    });
  };
  const unreleased = pack.rules.find((rule) => rule.kind === 'unreleased');
  if (unreleased) {
    pack.products?.forEach((product, i) => {
      check(`products[${i}].name`, product.name, unreleased.severity);
      product.aliases?.forEach((alias, j) => check(`products[${i}].aliases[${j}]`, alias, unreleased.severity));
    });
  }
  pack.rules.forEach((rule, i) => {
    if (rule.kind === 'terms') rule.terms.forEach((term, j) => check(`rules[${i}].terms[${j}]`, term, rule.severity));
  });
  return issues;
}

function capitalised(term: string): string {
  return term.charAt(0).toUpperCase() + term.slice(1).toLowerCase();
}
