import { LOOKALIKES } from './lookalikes';

/**
 * Folds a draft into a canonical character stream for matching, keeping a map back to the draft's
 * UTF-16 offsets. Folding makes matching case-, accent- and width-insensitive (NFKD, marks
 * dropped, lower case), skips invisible characters, reads lookalikes from other scripts and
 * decorated letters (Unicode's confusables) as the Latin letters they imitate, reads `/`, `*` or
 * emoji between spaced-out letters as spaces, and marks emphasis markup inside a word.
 */

export const CharClass = {
  Letter: 0,
  Digit: 1,
  Space: 2,
  /** `-`, `_`, `.`: may join the words of a term, or separate spaced-out letters. */
  Joiner: 3,
  Apostrophe: 4,
  Colon: 5,
  /** `@`, `$`, `€`, `!`, `|`: handle and ticker prefixes, or letters in disguise (`@` a, `$` s, `€` e, `!` `|` i l). */
  Leet: 6,
  Hash: 7,
  Other: 8,
  /** `/`, `*` and emoji; between spaced-out letters (`P/h/o/e/n/i/x`) folding turns them into Space. */
  Divider: 9,
  /** Emphasis markup inside a word (`Pho**enix**`, `Ph_oe_nix`, `~~Pho~~enix`): the word reads on across it. */
  Markup: 10,
} as const;
export type CharClass = (typeof CharClass)[keyof typeof CharClass];

export interface FoldedText {
  readonly length: number;
  /** Folded code points. */
  readonly codes: Int32Array;
  readonly classes: Uint8Array;
  /** 1 where the original character was an upper-case letter (for camelCase word starts). */
  readonly upper: Uint8Array;
  /** UTF-16 offsets in the original text covered by each folded character. */
  readonly from: Int32Array;
  readonly to: Int32Array;
}

// Characters that render as nothing; people (and copy-paste) use them to split words invisibly:
// zero-width and bidi controls, soft hyphen, tag characters, variation selectors, musical
// formatting, Hangul fillers, and the braille blank (a visible-width blank that is no space).
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
const BRAILLE_BLANK = 0x2800;

/** The lookalike table, decoded on first use (only drafts with non-ASCII characters need it). */
let lookalikes: Map<number, string> | undefined;
function lookalikeOf(code: number): string | undefined {
  if (!lookalikes) {
    lookalikes = new Map();
    for (const [letter, gaps] of Object.entries(LOOKALIKES)) {
      let point = 0;
      for (const gap of gaps.split(',')) lookalikes.set((point += parseInt(gap, 16)), letter);
    }
  }
  return lookalikes.get(code);
}

// Latin letters read by sound rather than by look: ß, æ, œ and þ stand for two letters (confusables
// reads þ as p); ð and ŀ have no confusable.
const LATIN_LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ð: 'd', þ: 'th', ŀ: 'l' };

const APOSTROPHES = new Set([0x27, 0x2018, 0x2019, 0x02bc, 0x2032]);
const JOINERS = new Set([0x2d, 0x5f, 0x2e, 0x2010, 0x2011]);
const LEET = new Set([0x40, 0x24, 0x20ac, 0x21, 0x7c]);
const DIVIDERS = new Set([0x2f, 0x2a]);
const PICTOGRAPH = /[\p{Extended_Pictographic}\p{Emoji_Modifier}]/u;
/** `*`, `_` and `~`: markdown emphasis and strike-through markers. */
function isEmphasisMarker(code: number): boolean {
  return code === 0x2a || code === 0x5f || code === 0x7e;
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;
const MARK = /^\p{M}+$/u;
const MARKS = /\p{M}/gu;
const SPACE = /\s/u;

/** How one code point folds: dropped, merged into the previous character, or replaced. */
export interface FoldedCodePoint {
  readonly codes: readonly number[];
  readonly classes: readonly CharClass[];
  readonly upper: boolean;
  /** A combining mark: belongs to the previous character. */
  readonly mark: boolean;
  /**
   * A symbol drawn as a letter (🇵, 🅟, ⒫): it reads as a letter only among its own kind, so that
   * a flag after a word ("Nova🇺🇸") does not lengthen the word.
   */
  readonly symbol: boolean;
}

const DROPPED: FoldedCodePoint = { codes: [], classes: [], upper: false, mark: false, symbol: false };
const COMBINING: FoldedCodePoint = { codes: [], classes: [], upper: false, mark: true, symbol: false };

function classify(code: number): CharClass {
  if (APOSTROPHES.has(code)) return CharClass.Apostrophe;
  const char = String.fromCodePoint(code);
  if (LETTER.test(char)) return CharClass.Letter;
  if (DIGIT.test(char)) return CharClass.Digit;
  if (SPACE.test(char)) return CharClass.Space;
  if (JOINERS.has(code)) return CharClass.Joiner;
  if (code === 0x3a) return CharClass.Colon;
  if (LEET.has(code)) return CharClass.Leet;
  if (code === 0x23) return CharClass.Hash;
  if (DIVIDERS.has(code) || PICTOGRAPH.test(char)) return CharClass.Divider;
  return CharClass.Other;
}

function foldCodePointUncached(code: number): FoldedCodePoint {
  const char = String.fromCodePoint(code);
  if (INVISIBLE.test(char) || code === BRAILLE_BLANK) return DROPPED;
  if (MARK.test(char)) return COMBINING;
  const upper = char !== char.toLowerCase();
  const readAs = (c: string) => LATIN_LETTERS[c] ?? lookalikeOf(c.codePointAt(0)!) ?? c;
  // The table is keyed by the character as written: case matters (Greek "Η" looks like H, "η" does not).
  const direct = LATIN_LETTERS[char] ?? lookalikeOf(code);
  const folded = direct ?? [...char.normalize('NFKD').replace(MARKS, '').toLowerCase()].map(readAs).join('');
  if (!folded) return DROPPED;
  const codes = [...folded].map((c) => c.codePointAt(0)!);
  const symbol = direct !== undefined && !LETTER.test(char) && !DIGIT.test(char);
  return { codes, classes: codes.map(classify), upper, mark: false, symbol };
}

const cache = new Map<number, FoldedCodePoint>();
/** How one code point folds (cached: drafts repeat the same few hundred characters). */
export function foldCodePoint(code: number): FoldedCodePoint {
  let folded = cache.get(code);
  if (!folded) {
    folded = foldCodePointUncached(code);
    cache.set(code, folded);
  }
  return folded;
}

// ASCII takes a table lookup: drafts are mostly ASCII and this runs on every keystroke.
const ASCII_CODE = new Int32Array(128);
const ASCII_CLASS = new Uint8Array(128);
/** 1 for the characters that `readDecorations` looks at. */
const ASCII_DECORATION = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const lower = code >= 0x41 && code <= 0x5a ? code + 32 : code;
  ASCII_CODE[code] = lower;
  ASCII_CLASS[code] = classify(lower);
  ASCII_DECORATION[code] = isDecoration(code, ASCII_CLASS[code]!) ? 1 : 0;
}

function isDecoration(code: number, cls: number): boolean {
  return cls === CharClass.Divider || isEmphasisMarker(code);
}

interface Buffers {
  codes: Int32Array;
  classes: Uint8Array;
  upper: Uint8Array;
  from: Int32Array;
  to: Int32Array;
  /** Where the dividers and emphasis markers are, for `readDecorations`. */
  decorations: Int32Array;
}

function allocate(capacity: number): Buffers {
  return {
    codes: new Int32Array(capacity),
    classes: new Uint8Array(capacity),
    upper: new Uint8Array(capacity),
    from: new Int32Array(capacity),
    to: new Int32Array(capacity),
    decorations: new Int32Array(capacity),
  };
}

/**
 * Folds drafts into buffers it reuses from call to call, so that checking on every keystroke
 * leaves no garbage behind. A result is valid until the next call of `fold` on the same folder.
 */
export class TextFolder {
  private buffers = allocate(1024);

  fold(text: string): FoldedText {
    let { codes, classes, upper, from, to, decorations } = this.buffers;
    let length = 0;
    let decorationCount = 0;
    let symbols = false;
    for (let i = 0; i < text.length; ) {
      const code = text.charCodeAt(i);
      if (code < 128) {
        if (length === codes.length) ({ codes, classes, upper, from, to, decorations } = this.grow(length));
        codes[length] = ASCII_CODE[code]!;
        classes[length] = ASCII_CLASS[code]!;
        upper[length] = code >= 0x41 && code <= 0x5a ? 1 : 0;
        from[length] = i;
        to[length] = i + 1;
        if (ASCII_DECORATION[code] === 1) decorations[decorationCount++] = length;
        length++;
        i++;
        continue;
      }
      const point = text.codePointAt(i)!;
      const width = point > 0xffff ? 2 : 1;
      const folded = foldCodePoint(point);
      if (folded.mark) {
        if (length > 0 && to[length - 1] === i) to[length - 1] = i + width;
      } else {
        // Folding may produce more characters than it reads (ß, æ, ligatures).
        for (let k = 0; k < folded.codes.length; k++) {
          if (length === codes.length) ({ codes, classes, upper, from, to, decorations } = this.grow(length));
          codes[length] = folded.codes[k]!;
          classes[length] = folded.classes[k]!;
          upper[length] = folded.upper ? 1 : 0;
          from[length] = i;
          to[length] = i + width;
          if (isDecoration(codes[length]!, classes[length]!)) decorations[decorationCount++] = length;
          symbols ||= folded.symbol;
          length++;
        }
      }
      i += width;
    }
    if (symbols) readSymbols(text, codes, classes, from, length);
    if (decorationCount > 0) readDecorations(codes, classes, length, decorations, decorationCount);
    return { length, codes, classes, upper, from, to };
  }

  private grow(length: number): Buffers {
    const larger = allocate(length * 2);
    larger.codes.set(this.buffers.codes);
    larger.classes.set(this.buffers.classes);
    larger.upper.set(this.buffers.upper);
    larger.from.set(this.buffers.from);
    larger.to.set(this.buffers.to);
    larger.decorations.set(this.buffers.decorations);
    this.buffers = larger;
    return larger;
  }
}

export function isWordClass(cls: number): boolean {
  return cls <= CharClass.Digit; // Letter and Digit come first in CharClass
}

/** Whether `text` folds to at least one letter or digit; without one, no draft can match it. */
export function hasWordCharacter(text: string): boolean {
  for (const char of text) if (foldCodePoint(char.codePointAt(0)!).classes.some(isWordClass)) return true;
  return false;
}

/**
 * "Nova🇺🇸", "🅿️parking": letters drawn as symbols beside a word are the symbols they are;
 * "🇵🇭🇴🇪🇳🇮🇽" is a word.
 */
function readSymbols(text: string, codes: Int32Array, classes: Uint8Array, from: Int32Array, length: number): void {
  const isWord = (at: number) => at >= 0 && at < length && isWordClass(classes[at]!);
  const isSymbol = (at: number) => text.charCodeAt(from[at]!) >= 0x80 && foldCodePoint(text.codePointAt(from[at]!)!).symbol;
  for (let start = 0; start < length; start++) {
    if (!isSymbol(start)) continue;
    let end = start + 1;
    while (end < length && isSymbol(end)) end++;
    if (isWord(start - 1) || isWord(end)) {
      for (let at = start; at < end; at++) {
        codes[at] = text.codePointAt(from[at]!)!;
        classes[at] = classify(codes[at]!);
      }
    }
    start = end;
  }
}

/**
 * Reclassifies dividers between spaced-out letters, and emphasis markup inside words. `positions`
 * lists where dividers and emphasis markers are, so that the rest of the draft costs nothing.
 */
function readDecorations(codes: Int32Array, classes: Uint8Array, length: number, positions: Int32Array, count: number): void {
  const isWord = (at: number) => at >= 0 && at < length && isWordClass(classes[at]!);
  const single = (at: number) => isWord(at) && !isWord(at - 1) && !isWord(at + 1);
  const sameDivider = (first: number, other: number, width: number) => {
    for (let k = 0; k < width; k++) {
      if (classes[other + k] !== CharClass.Divider || codes[other + k] !== codes[first + k]) return false;
    }
    return true;
  };

  // `P/h/o/e/n/i/x`, `P*h*o*e*n*i*x`, `P🔥h🔥o🔥e🔥n🔥i🔥x`: the same dividers between three or more
  // single letters read as spaces. One divider ("and/or", "x*y", "2*3") stays what it is.
  for (let i = 0; i < count; i++) {
    const at = positions[i]!;
    const first = at - 1;
    if (classes[at] !== CharClass.Divider || !single(first)) continue;
    let width = 1;
    while (at + width < length && classes[at + width] === CharClass.Divider) width++;
    const step = width + 1;
    let letters = 1;
    while (single(first + letters * step) && sameDivider(at, first + letters * step - width, width)) letters++;
    if (letters < 3) continue;
    for (let k = 0; k < letters - 1; k++) classes.fill(CharClass.Space, at + k * step, at + k * step + width);
  }

  // Emphasis inside a word (`Pho**enix**`, `Ph_oe_nix`, `~~Pho~~enix`): two equal marker runs around
  // letters, at least one of them between letters.
  const runEnd = (at: number) => {
    let end = at + 1;
    while (end < length && codes[end] === codes[at] && classes[end] !== CharClass.Space) end++;
    return end;
  };
  const betweenLetters = (start: number, end: number) => isWord(start - 1) && isWord(end);
  for (let i = 0; i < count; i++) {
    const open = positions[i]!;
    const marker = codes[open]!;
    const runStart = open === 0 || codes[open - 1] !== marker;
    if (!isEmphasisMarker(marker) || !runStart || classes[open] === CharClass.Space || classes[open] === CharClass.Markup) continue;
    const openEnd = runEnd(open);
    let close = openEnd;
    while (close < length && (isWordClass(classes[close]!) || classes[close] === CharClass.Leet)) close++;
    if (close === openEnd || close >= length || codes[close] !== marker || classes[close] === CharClass.Space) continue;
    const closeEnd = runEnd(close);
    if (closeEnd - close === openEnd - open && (betweenLetters(open, openEnd) || betweenLetters(close, closeEnd))) {
      classes.fill(CharClass.Markup, open, openEnd);
      classes.fill(CharClass.Markup, close, closeEnd);
    }
  }
}
