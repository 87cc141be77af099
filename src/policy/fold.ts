/**
 * Folds a draft into a canonical character stream for matching, keeping a map back to the draft's
 * UTF-16 offsets. Folding makes matching case-, accent- and width-insensitive (NFKD, marks
 * dropped, lower case), ignores zero-width characters, and reads Cyrillic and Greek lookalikes as
 * the Latin letters they imitate.
 */

export const CharClass = {
  Letter: 0,
  Digit: 1,
  Space: 2,
  /** `-`, `_`, `.`: may join the words of a term, or separate spaced-out letters. */
  Joiner: 3,
  Apostrophe: 4,
  Colon: 5,
  /** `@` and `$`: handle and ticker prefixes, or letters in disguise (`@` a, `$` s). */
  Leet: 6,
  Hash: 7,
  Other: 8,
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

// Characters that render as nothing; people (and copy-paste) use them to split words invisibly.
const INVISIBLE = new Set([
  0x00ad, 0x034f, 0x061c, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f,
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068,
  0x2069, 0x3164, 0xfeff, 0xffa0,
]);

// Letters from other scripts that look like Latin ones. Case matters: Cyrillic "В" looks like B,
// its lower-case "в" does not look like b.
const LOOKALIKES: Record<string, string> = {
  // Cyrillic
  А: 'a', В: 'b', Е: 'e', К: 'k', М: 'm', Н: 'h', О: 'o', Р: 'p', С: 'c', Т: 't', У: 'y', Х: 'x',
  Ѕ: 's', І: 'i', Ј: 'j', Ԁ: 'd', Ү: 'y', Ԛ: 'q', Ԝ: 'w', Ӏ: 'l',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j', һ: 'h', ԁ: 'd',
  ԛ: 'q', ԝ: 'w', ӏ: 'l', ү: 'y', к: 'k',
  // Greek
  Α: 'a', Β: 'b', Ε: 'e', Ζ: 'z', Η: 'h', Ι: 'i', Κ: 'k', Μ: 'm', Ν: 'n', Ο: 'o', Ρ: 'p', Τ: 't',
  Υ: 'y', Χ: 'x',
  α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w', γ: 'y',
};

// Latin letters that Unicode does not decompose but readers treat as accented forms.
const LATIN_EXTRAS: Record<string, string> = {
  ß: 'ss', ø: 'o', đ: 'd', ł: 'l', ħ: 'h', ı: 'i', ŀ: 'l', ŧ: 't', æ: 'ae', œ: 'oe', ð: 'd', þ: 'th',
};

const APOSTROPHES = new Set([0x27, 0x2018, 0x2019, 0x02bc, 0x2032]);
const JOINERS = new Set([0x2d, 0x5f, 0x2e, 0x2010, 0x2011]);

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
}

const DROPPED: FoldedCodePoint = { codes: [], classes: [], upper: false, mark: false };
const COMBINING: FoldedCodePoint = { codes: [], classes: [], upper: false, mark: true };

function classify(code: number): CharClass {
  if (APOSTROPHES.has(code)) return CharClass.Apostrophe;
  const char = String.fromCodePoint(code);
  if (LETTER.test(char)) return CharClass.Letter;
  if (DIGIT.test(char)) return CharClass.Digit;
  if (SPACE.test(char)) return CharClass.Space;
  if (JOINERS.has(code)) return CharClass.Joiner;
  if (code === 0x3a) return CharClass.Colon;
  if (code === 0x40 || code === 0x24) return CharClass.Leet;
  if (code === 0x23) return CharClass.Hash;
  return CharClass.Other;
}

function foldCodePointUncached(code: number): FoldedCodePoint {
  if (INVISIBLE.has(code)) return DROPPED;
  const char = String.fromCodePoint(code);
  if (MARK.test(char)) return COMBINING;
  const lookalike = LOOKALIKES[char];
  const upper = char !== char.toLowerCase();
  const base = lookalike ?? char.normalize('NFKD').replace(MARKS, '').toLowerCase();
  const folded = [...base].map((c) => LATIN_EXTRAS[c] ?? c).join('');
  if (!folded) return DROPPED;
  const codes = [...folded].map((c) => c.codePointAt(0)!);
  return { codes, classes: codes.map(classify), upper, mark: false };
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
for (let code = 0; code < 128; code++) {
  const lower = code >= 0x41 && code <= 0x5a ? code + 32 : code;
  ASCII_CODE[code] = lower;
  ASCII_CLASS[code] = classify(lower);
}

interface Buffers {
  codes: Int32Array;
  classes: Uint8Array;
  upper: Uint8Array;
  from: Int32Array;
  to: Int32Array;
}

function allocate(capacity: number): Buffers {
  return {
    codes: new Int32Array(capacity),
    classes: new Uint8Array(capacity),
    upper: new Uint8Array(capacity),
    from: new Int32Array(capacity),
    to: new Int32Array(capacity),
  };
}

/**
 * Folds drafts into buffers it reuses from call to call, so that checking on every keystroke
 * leaves no garbage behind. A result is valid until the next call of `fold` on the same folder.
 */
export class TextFolder {
  private buffers = allocate(1024);

  fold(text: string): FoldedText {
    let { codes, classes, upper, from, to } = this.buffers;
    let length = 0;
    for (let i = 0; i < text.length; ) {
      const code = text.charCodeAt(i);
      if (code < 128) {
        if (length === codes.length) ({ codes, classes, upper, from, to } = this.grow(length));
        codes[length] = ASCII_CODE[code]!;
        classes[length] = ASCII_CLASS[code]!;
        upper[length] = code >= 0x41 && code <= 0x5a ? 1 : 0;
        from[length] = i;
        to[length] = i + 1;
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
          if (length === codes.length) ({ codes, classes, upper, from, to } = this.grow(length));
          codes[length] = folded.codes[k]!;
          classes[length] = folded.classes[k]!;
          upper[length] = folded.upper ? 1 : 0;
          from[length] = i;
          to[length] = i + width;
          length++;
        }
      }
      i += width;
    }
    return { length, codes, classes, upper, from, to };
  }

  private grow(length: number): Buffers {
    const larger = allocate(length * 2);
    larger.codes.set(this.buffers.codes);
    larger.classes.set(this.buffers.classes);
    larger.upper.set(this.buffers.upper);
    larger.from.set(this.buffers.from);
    larger.to.set(this.buffers.to);
    this.buffers = larger;
    return larger;
  }
}

export function isWordClass(cls: number): boolean {
  return cls <= CharClass.Digit; // Letter and Digit come first in CharClass
}
