/**
 * Tells English, Finnish and Swahili apart in a short draft: a naive Bayes model over character
 * 1- to 4-grams of each word (padded with a space on each side) and whole common words, trained by
 * scripts/train-language.ts on data/language/ (sources, licences and measured accuracy there).
 */
import { LANGUAGE_FEATURES, LANGUAGE_SCORES, LANGUAGE_SCORE_STEP, LANGUAGES } from './language-model';

export type Language = (typeof LANGUAGES)[number];

export interface LanguageGuess {
  /** Undefined when the draft has too few letters of prose to judge, or the languages score too close. */
  language: Language | undefined;
  /** The chosen language's share of the tempered posterior, 0 to 1. */
  confidence: number;
}

const MAX_NGRAM = 4;
/** Whole-word features are keyed with this prefix, which no n-gram contains (words have no '_'). */
export const WORD_FEATURE_PREFIX = '_';

// Names and codenames are mostly English-looking whatever the draft's language ("Leo tumezindua
// Nova"), so a capitalised word inside a sentence counts for less, and not towards MIN_LETTERS.
const NAME_WEIGHT = 0.3;
// A sentence's first word may be a name too ("Nova on nyt julkaistu"), but usually is not.
const SENTENCE_START_WEIGHT = 0.6;
// Orders 1 to 4 overlap, so each letter is counted about five times over; tempering by that keeps the
// confidence of a short, mixed draft from reading as certainty.
const FEATURE_REDUNDANCY = 5;
const MIN_LETTERS = 6;
const MIN_CONFIDENCE = 0.6;

const SPACE = 1;
const WORD_CHARACTER = 2;
const DIGIT = 3;
const APOSTROPHE = 4;
const OTHER = 5;
// Character classes, filled in as characters are first seen: a regular expression per character
// once, then an array read (drafts are scanned on every keystroke).
const characterClasses = new Uint8Array(0x10000);

function characterClass(code: number): number {
  let kind = characterClasses[code]!;
  if (!kind) {
    const char = String.fromCharCode(code);
    kind = /\s/.test(char) ? SPACE
      : /[0-9]/.test(char) ? DIGIT
      : /['’]/.test(char) ? APOSTROPHE
      : /[\p{L}\p{M}\p{N}]/u.test(char) ? WORD_CHARACTER
      : OTHER;
    characterClasses[code] = kind;
  }
  return kind;
}

// Addresses, handles, hashtags and e-mail addresses say nothing about the language of the prose.
function isAddress(prose: string, start: number, end: number): boolean {
  if (prose.startsWith('www.', start)) return true;
  for (let i = start; i < end; i++) {
    const char = prose[i];
    if (char === '@' || char === '#' || (char === ':' && prose.startsWith('://', i))) return true;
  }
  return false;
}

function isSentenceEnd(char: string | undefined): boolean {
  return char === '.' || char === '!' || char === '?' || char === ':';
}

const CLOSING_PUNCTUATION = '"\')]”’»';

/**
 * Calls `visit` with each lower-cased word of the prose in `text` and its weight; returns the letters
 * of full-weight words. Words with digits, all-capital and camel-case words (acronyms, product codes)
 * are skipped; capitalised words inside a sentence are down-weighted as likely names. One linear
 * pass over whitespace-separated chunks and the words inside them.
 */
function forEachWord(text: string, visit: (word: string, weight: number) => void): number {
  const prose = text.normalize('NFC');
  let letters = 0;
  let sentenceStart = true;
  let position = 0;
  while (position < prose.length) {
    while (position < prose.length && characterClass(prose.charCodeAt(position)) === SPACE) position++;
    const chunkStart = position;
    while (position < prose.length && characterClass(prose.charCodeAt(position)) !== SPACE) position++;
    const chunkEnd = position;
    if (chunkStart === chunkEnd || isAddress(prose, chunkStart, chunkEnd)) continue;
    let index = chunkStart;
    while (index < chunkEnd) {
      let kind = characterClass(prose.charCodeAt(index));
      if (kind === OTHER) {
        index++;
        continue;
      }
      const atSentenceStart = index === chunkStart ? sentenceStart : isSentenceEnd(prose[index - 1]);
      let tokenStart = index;
      let hasDigit = false;
      while (index < chunkEnd && kind !== OTHER) {
        hasDigit ||= kind === DIGIT;
        kind = ++index < chunkEnd ? characterClass(prose.charCodeAt(index)) : OTHER;
      }
      let tokenEnd = index;
      while (tokenStart < tokenEnd && characterClass(prose.charCodeAt(tokenStart)) === APOSTROPHE) tokenStart++;
      while (tokenEnd > tokenStart && characterClass(prose.charCodeAt(tokenEnd - 1)) === APOSTROPHE) tokenEnd--;
      if (tokenStart === tokenEnd || hasDigit) continue;
      let token = prose.slice(tokenStart, tokenEnd);
      if (token.includes('’')) token = token.replace(/’/g, "'");
      const word = token.toLowerCase();
      if (word.length !== token.length || token.slice(1) !== word.slice(1)) continue;
      const capitalised = token[0] !== word[0];
      const name = capitalised && !atSentenceStart;
      if (!name) letters += word.length;
      visit(word, name ? NAME_WEIGHT : capitalised ? SENTENCE_START_WEIGHT : 1);
    }
    let last = chunkEnd - 1;
    while (last > chunkStart && CLOSING_PUNCTUATION.includes(prose[last]!)) last--;
    sentenceStart = isSentenceEnd(prose[last]);
  }
  return letters;
}

/** Calls `visit` with each n-gram span of a padded word: every 1- to 4-gram except a lone pad. */
function forEachNgramSpan(paddedLength: number, visit: (start: number, length: number) => void): void {
  for (let start = 0; start < paddedLength; start++) {
    const first = start === 0 || start === paddedLength - 1 ? 2 : 1;
    for (let length = first; length <= MAX_NGRAM && start + length <= paddedLength; length++) visit(start, length);
  }
}

/** The features the model is trained on: each word's n-grams, then the word itself. */
export function forEachLanguageFeature(text: string, visit: (feature: string, weight: number) => void): void {
  forEachWord(text, (word, weight) => {
    const padded = ` ${word} `;
    forEachNgramSpan(padded.length, (start, length) => visit(padded.slice(start, start + length), weight));
    visit(WORD_FEATURE_PREFIX + word, weight);
  });
}

interface Model {
  /** A small code (1 to radix - 1) per UTF-16 unit the model knows; 0 for any other. */
  characterCodes: Uint8Array;
  radix: number;
  /** The n-grams as a trie: the child of node n for code c is trie[n * radix + c]; 0 (the root) when none. */
  trie: Uint16Array;
  /** The feature number at each trie node, or -1. */
  nodeFeatures: Int32Array;
  words: Map<string, number>;
  /** How far each language's log-probability of each feature falls below the best language's, in nats. */
  penalties: Float64Array;
}

let model: Model | undefined;

// Decoded on first use, not at import, so the CLI and background pay only when they detect. The trie
// lets detection walk each position's 1- to 4-grams with array reads, making no substring per letter.
function loadModel(): Model {
  if (model) return model;
  const features = LANGUAGE_FEATURES.split('|');
  const characterCodes = new Uint8Array(0x10000);
  let radix = 1;
  const words = new Map<string, number>();
  features.forEach((feature, index) => {
    if (feature.startsWith(WORD_FEATURE_PREFIX)) return void words.set(feature.slice(1), index);
    for (let i = 0; i < feature.length; i++) if (!characterCodes[feature.charCodeAt(i)]) characterCodes[feature.charCodeAt(i)] = radix++;
  });
  const maxNodes = features.reduce((sum, feature) => sum + feature.length, 1);
  const trie = new Uint16Array(maxNodes * radix);
  const nodeFeatures = new Int32Array(maxNodes).fill(-1);
  let nodes = 1;
  features.forEach((feature, index) => {
    if (feature.startsWith(WORD_FEATURE_PREFIX)) return;
    let node = 0;
    for (let i = 0; i < feature.length; i++) {
      const slot = node * radix + characterCodes[feature.charCodeAt(i)]!;
      if (!trie[slot]) trie[slot] = nodes++;
      node = trie[slot]!;
    }
    nodeFeatures[node] = index;
  });
  if (nodes > 0xffff || radix > 0xff) throw new Error('language model: too many n-grams or characters for the trie');
  const penalties = new Float64Array(LANGUAGE_SCORES.length);
  for (let i = 0; i < LANGUAGE_SCORES.length; i++) penalties[i] = parseInt(LANGUAGE_SCORES[i]!, 36) * LANGUAGE_SCORE_STEP;
  model = { characterCodes, radix, trie: trie.slice(0, nodes * radix), nodeFeatures: nodeFeatures.slice(0, nodes), words, penalties };
  return model;
}

function addFeature(scores: Float64Array, penalties: Float64Array, feature: number, weight: number): void {
  for (let language = 0; language < scores.length; language++) scores[language]! -= penalties[feature * scores.length + language]! * weight;
}

/** The language of a short draft (English, Finnish or Swahili), or undefined when unclear. */
export function detectLanguage(text: string): LanguageGuess {
  const { characterCodes, radix, trie, nodeFeatures, words, penalties } = loadModel();
  const languageCount = LANGUAGES.length;
  const scores = new Float64Array(languageCount);
  let matched = false;
  const codes: number[] = [];
  const space = characterCodes[32]!;
  const letters = forEachWord(text, (word, weight) => {
    codes.length = 0;
    codes.push(space);
    for (let i = 0; i < word.length; i++) codes.push(characterCodes[word.charCodeAt(i)]!);
    codes.push(space);
    // Every substring of up to four characters that the model has; a lone pad never is a feature.
    for (let start = 0; start < codes.length; start++) {
      let node = 0;
      for (let end = start; end < codes.length && end < start + MAX_NGRAM && codes[end]; end++) {
        node = trie[node * radix + codes[end]!]!;
        if (!node) break;
        const feature = nodeFeatures[node]!;
        if (feature < 0) continue;
        matched = true;
        addFeature(scores, penalties, feature, weight);
      }
    }
    const feature = words.get(word);
    if (feature === undefined) return;
    matched = true;
    addFeature(scores, penalties, feature, weight);
  });
  if (letters < MIN_LETTERS || !matched) return { language: undefined, confidence: 0 };
  let best = 0;
  for (let language = 1; language < languageCount; language++) if (scores[language]! > scores[best]!) best = language;
  let shares = 0;
  for (let language = 0; language < languageCount; language++) shares += Math.exp((scores[language]! - scores[best]!) / FEATURE_REDUNDANCY);
  const confidence = 1 / shares;
  return { language: confidence >= MIN_CONFIDENCE ? LANGUAGES[best] : undefined, confidence };
}
