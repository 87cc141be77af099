import { finnishForms } from './finnish';
import { CharClass, foldCodePoint } from './fold';
import { ENGLISH, FINNISH, SWAHILI } from './ordinary-words-data';

/**
 * Codenames are often everyday words ("Tern", "Nova", "Simba"). Written as a word ("the arctic tern")
 * such a match is most likely not the codename, so the engine reports it with low confidence; written
 * as a name ("Tern", "TERN") it counts in full. The word lists are large: only the
 * background (compiling packs) and lint load them, never the content script.
 */

export const WORD_LANGUAGES = { en: 'English', fi: 'Finnish', sw: 'Swahili' } as const;
export type WordLanguage = keyof typeof WORD_LANGUAGES;

const ENCODED: Record<WordLanguage, string> = { en: ENGLISH, fi: FINNISH, sw: SWAHILI };

/** One list of ordinary-words-data.ts in blocks, each starting with a whole word. */
interface WordList {
  readonly language: WordLanguage;
  readonly blocks: readonly string[];
  readonly firstWords: readonly string[];
}
let wordLists: WordList[] | undefined;

function loadWordLists(): WordList[] {
  wordLists ??= Object.entries(ENCODED).map(([language, encoded]) => {
    const blocks = encoded.split(' ');
    return { language: language as WordLanguage, blocks, firstWords: blocks.map((block) => /^0(\D*)/.exec(block)![1]!) };
  });
  return wordLists;
}

/**
 * Whether `list` holds `word`: a binary search over the blocks by their first word, then a walk
 * through the front-coded words of one block ("3n" after "term" is "tern") that compares them with
 * `word` as it goes, without building them.
 */
function contains(list: WordList, word: string): boolean {
  const { blocks, firstWords } = list;
  let low = 0;
  let high = blocks.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (firstWords[mid]! <= word) low = mid;
    else high = mid - 1;
  }
  const block = blocks[low]!;
  // How many first letters the word before has in common with `word`.
  let matched = 0;
  for (let at = 0; at < block.length; ) {
    const shared = block.charCodeAt(at) - 0x30;
    let end = at + 1;
    while (end < block.length && !isDigit(block.charCodeAt(end))) end++;
    // Sharing more with the word before, this one still sorts before `word`.
    if (shared <= matched) {
      matched = shared;
      let k = at + 1;
      while (k < end && matched < word.length && block.charCodeAt(k) === word.charCodeAt(matched)) {
        k++;
        matched++;
      }
      if (k === end) {
        if (matched === word.length) return true;
      } else if (matched === word.length || block.charCodeAt(k) > word.charCodeAt(matched)) {
        return false; // past `word` in sorted order
      }
    }
    at = end;
  }
  return false;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** The term folded as the matcher folds it, if it is one word of letters only. */
function foldedWord(term: string): string | undefined {
  let word = '';
  for (const char of term.trim()) {
    const { codes, classes } = foldCodePoint(char.codePointAt(0)!);
    for (let k = 0; k < codes.length; k++) {
      if (classes[k] !== CharClass.Letter) return undefined;
      word += String.fromCodePoint(codes[k]!);
    }
  }
  return word || undefined;
}

/** The languages in which `term` is an everyday word. */
export function ordinaryWordLanguages(term: string): WordLanguage[] {
  const word = foldedWord(term);
  if (!word) return [];
  return loadWordLists()
    .filter((list) => contains(list, word))
    .map((list) => list.language);
}

export function isOrdinaryWord(term: string): boolean {
  const word = foldedWord(term);
  return word !== undefined && loadWordLists().some((list) => contains(list, word));
}

// Letters as a keyboard types them (accents allowed): "t3rn", "ᴛᴇʀɴ" or Cyrillic "tеrn" are disguises.
const PLAIN_WORD = /^[a-z'’]+$/i;
const MARKS = /\p{M}/gu;

/**
 * Whether the draft writes [start, end) as an everyday word: plain letters in lower case. A capital
 * counts as a name even where a sentence starts ("Nova ships next week" is the launch, not the star):
 * missing a codename costs more than a note on a bird.
 */
export function writtenAsOrdinaryWord(draft: string, start: number, end: number): boolean {
  const match = draft.slice(start, end);
  return PLAIN_WORD.test(match.normalize('NFD').replace(MARKS, '')) && match === match.toLowerCase();
}

/** Case forms of the term's Finnish stems that the Finnish word list has: other words, most likely. */
export function finnishCollisions(term: string): string[] {
  const finnish = loadWordLists().find((list) => list.language === 'fi')!;
  const own = foldedWord(term);
  return finnishForms(term).filter((form) => form !== own && contains(finnish, form));
}
