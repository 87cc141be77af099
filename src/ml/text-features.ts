/**
 * Turns a sentence into hashed word and character n-gram features for the work-talk and
 * hostile-tone models (src/ml/text-models.ts). The sentence is folded by the engine's TextFolder
 * first, so that case, accents, lookalike letters, invisible characters and spaced-out or
 * emphasised letters read as the plain words they spell, and digits or symbols standing for letters
 * inside a word ("1d10t", "st@pid") read as those letters. Besides the words themselves, each word's cue
 * groups (text-cues.ts: the writer, the reader, work, other people, sport, fiction, home) are
 * features, and so are the pairs of groups that meet in the sentence or in neighbouring words: the
 * writer with work is what work talk is.
 */
import { CharClass, TextFolder, isWordClass } from '../policy/fold';
import { CUE_GROUPS, CueLexicon, type CueMask } from './text-cues';

/** Number of hashed feature buckets: the models' input width. */
export const FEATURE_BUCKETS = 1 << 16;

/** The features of one sentence: `length` bucket indices with their values (L2-normalised). */
export interface TextFeatures {
  readonly indices: Int32Array;
  readonly values: Float32Array;
  readonly length: number;
}

// Character n-grams of the word padded with a boundary mark on each side: 3 to 5 letters catch
// stems and endings (Finnish cases, Swahili noun-class and verb prefixes) without a dictionary.
const MIN_NGRAM = 3;
const MAX_NGRAM = 5;
const BOUNDARY = 0x23; // '#': never inside a folded word

const WORD_SEED = 0x811c9dc5;
const BIGRAM_SEED = 0x01000193;
const NGRAM_SEED = 0x9e3779b9;
const CUE_SEED = 0x27d4eb2f;
const SENTENCE_PAIR_SEED = 0x165667b1;
const NEIGHBOUR_PAIR_SEED = 0x85ebca6b;
/** A group stands for many words: it weighs as much as a few of them, so that it is not drowned by a word's n-grams. */
const CUE_WEIGHT = 3;

/** Digits and symbols that stand for letters when written inside a word. */
const LETTER_STAND_INS = new Map<number, number>(
  [
    ['0', 'o'], ['1', 'i'], ['3', 'e'], ['4', 'a'], ['5', 's'], ['7', 't'],
    ['@', 'a'], ['$', 's'], ['!', 'i'], ['|', 'l'], ['€', 'e'],
  ].map(([from, to]) => [from!.codePointAt(0)!, to!.codePointAt(0)!]),
);
const DIGIT_ZERO = 0x30;

function hashCodes(seed: number, codes: Int32Array, start: number, end: number): number {
  let hash = seed;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ codes[i]!, 0x01000193);
  return hash;
}

function hashPair(seed: number, first: number, second: number): number {
  return Math.imul(Math.imul(seed ^ first, 0x01000193) ^ second, 0x01000193);
}

/**
 * Featurises sentences into buffers it reuses from call to call (checks run on every keystroke); a
 * result is valid until the next call of `featurise` on the same instance.
 */
export class TextFeaturiser {
  private readonly folder = new TextFolder();
  private readonly lexicon = new CueLexicon();
  private readonly accumulated = new Float32Array(FEATURE_BUCKETS);
  private touched = new Int32Array(256);
  private touchedCount = 0;
  private readonly word = new Int32Array(64);
  private wordLength = 0;
  private indices = new Int32Array(256);
  private values = new Float32Array(256);

  featurise(sentence: string): TextFeatures {
    const folded = this.folder.fold(sentence);
    const { codes, classes } = folded;
    let previousWordHash = 0;
    let hasPrevious = false;
    let previousGroups: CueMask = 0;
    let sentenceGroups: CueMask = 0;
    for (let at = 0; at < folded.length; ) {
      const next = this.readWord(codes, classes, folded.length, at);
      const length = this.wordLength;
      if (length === 0) {
        // Words stay neighbours across spaces only: punctuation breaks a bigram.
        hasPrevious &&= classes[at] === CharClass.Space;
        at = next;
        continue;
      }
      at = next;
      const wordHash = hashCodes(WORD_SEED, this.word, 1, length + 1);
      this.add(wordHash);
      if (hasPrevious) this.add(Math.imul(previousWordHash ^ BIGRAM_SEED, 0x01000193) ^ wordHash);
      const groups = this.lexicon.groupsOf(String.fromCodePoint(...this.word.subarray(1, length + 1)));
      this.addGroups(groups, hasPrevious ? previousGroups : 0);
      sentenceGroups |= groups;
      previousWordHash = wordHash;
      previousGroups = groups;
      hasPrevious = true;
      // word[0] and word[length + 1] hold the boundary marks.
      for (let n = MIN_NGRAM; n <= MAX_NGRAM; n++) {
        for (let start = 0; start + n <= length + 2; start++) this.add(hashCodes(NGRAM_SEED + n, this.word, start, start + n));
      }
    }
    this.addPairs(SENTENCE_PAIR_SEED, sentenceGroups);
    return this.collect();
  }

  /** A word's groups, and the pairs of groups it and the word before it hold together ("my team", "timu yetu", "tiimimme"). */
  private addGroups(groups: CueMask, previous: CueMask): void {
    if (groups === 0) return;
    for (let group = 0; group < CUE_GROUPS.length; group++) if (groups & (1 << group)) this.add(CUE_SEED + group, CUE_WEIGHT);
    this.addPairs(NEIGHBOUR_PAIR_SEED, groups | previous);
  }

  /** One feature per pair of different groups in `groups`. */
  private addPairs(seed: number, groups: CueMask): void {
    for (let first = 0; first < CUE_GROUPS.length; first++) {
      if (!(groups & (1 << first))) continue;
      for (let second = first + 1; second < CUE_GROUPS.length; second++) if (groups & (1 << second)) this.add(hashPair(seed, first, second), CUE_WEIGHT);
    }
  }

  /** Whether the folded character at `i` belongs to a word: a stand-in or apostrophe only before a letter or digit. */
  private static inWord(classes: Uint8Array, end: number, i: number): boolean {
    if (i >= end) return false;
    const cls = classes[i]!;
    if (isWordClass(cls) || cls === CharClass.Markup) return true;
    return (cls === CharClass.Leet || cls === CharClass.Apostrophe) && i + 1 < end && isWordClass(classes[i + 1]!);
  }

  /**
   * Reads the word at `at` (if one starts there) into `word` between boundary marks, stand-ins read
   * as letters and the digits of a pure number as zeros; sets `wordLength` and returns where
   * reading goes on.
   */
  private readWord(codes: Int32Array, classes: Uint8Array, end: number, at: number): number {
    this.wordLength = 0;
    if (!TextFeaturiser.inWord(classes, end, at) || classes[at] === CharClass.Apostrophe) return at + 1;
    let length = 0;
    let letters = 0;
    let i = at;
    for (; TextFeaturiser.inWord(classes, end, i); i++) {
      const cls = classes[i]!;
      if (cls === CharClass.Markup || cls === CharClass.Apostrophe) continue;
      if (length + 2 >= this.word.length) break; // longer "words" are noise; the rest starts a new one
      if (cls === CharClass.Letter) letters++;
      this.word[++length] = codes[i]!;
    }
    for (let k = 1; k <= length; k++) {
      const code = this.word[k]!;
      if (letters > 0) this.word[k] = LETTER_STAND_INS.get(code) ?? code;
      else if (code > DIGIT_ZERO && code <= DIGIT_ZERO + 9) this.word[k] = DIGIT_ZERO;
    }
    this.word[0] = BOUNDARY;
    this.word[length + 1] = BOUNDARY;
    this.wordLength = length;
    return i;
  }

  private add(hash: number, weight = 1): void {
    const bucket = (hash >>> 0) & (FEATURE_BUCKETS - 1);
    if (this.accumulated[bucket] === 0) {
      if (this.touchedCount === this.touched.length) {
        const larger = new Int32Array(this.touched.length * 2);
        larger.set(this.touched);
        this.touched = larger;
      }
      this.touched[this.touchedCount++] = bucket;
    }
    this.accumulated[bucket]! += weight;
  }

  private collect(): TextFeatures {
    const count = this.touchedCount;
    if (this.indices.length < count) {
      this.indices = new Int32Array(count * 2);
      this.values = new Float32Array(count * 2);
    }
    let squares = 0;
    for (let k = 0; k < count; k++) {
      const bucket = this.touched[k]!;
      // Repeats count for less than new evidence: "idiot idiot idiot" is not three times as hostile.
      const value = Math.log1p(this.accumulated[bucket]!);
      this.indices[k] = bucket;
      this.values[k] = value;
      squares += value * value;
      this.accumulated[bucket] = 0;
    }
    const scale = squares > 0 ? 1 / Math.sqrt(squares) : 0;
    for (let k = 0; k < count; k++) this.values[k]! *= scale;
    this.touchedCount = 0;
    return { indices: this.indices, values: this.values, length: count };
  }
}
