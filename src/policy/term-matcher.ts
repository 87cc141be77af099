import { finnishStems, isFinnishEnding, LONGEST_FINNISH_ENDING, type StemKind } from './finnish';
import type { Language } from './language';
import { CharClass, foldCodePoint, isWordClass, TextFolder, type FoldedText } from './fold';

/**
 * Finds many terms in a folded draft in one pass over its words, with the semantics people expect
 * of a confidential-term list:
 * - whole words only (camelCase humps and hashtags count as word starts);
 * - the words of a term may be joined or separated by spaces, hyphens, underscores or dots;
 * - letters may be spaced out (`P h o e n i x`, `P.h.o.e.n.i.x`, `P/h/o/e/n/i/x`), and emphasis
 *   markup may split a word (`Pho**enix**`, `Ph_oe_nix`);
 * - digits and symbols may stand for letters (`Ph03n1x`, `M@rs`, `Phoen!x`), as long as one real letter remains;
 * - English possessives and plurals, and Finnish case endings (see `find`).
 * Matching walks a trie from each word start, so the cost grows with the draft, not with the list.
 */

export interface TermHit<T> {
  readonly value: T;
  /** UTF-16 offsets into the original draft. */
  readonly start: number;
  readonly end: number;
}

const HASH = 0x23;
// Finnish endings turn short English words into others ("Vega" + "n"): in drafts that do not look
// Finnish they only follow longer terms.
const INFLECTABLE_LETTERS = 5;
const INFLECTABLE_LETTERS_IN_FINNISH = 3;

// A digit or symbol in the draft may stand for these letters.
const DISGUISES = new Map<number, readonly number[]>(
  Object.entries({ '0': 'o', '1': 'il', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '€': 'e', '!': 'il', '|': 'il' }).map(
    ([symbol, letters]) => [symbol.charCodeAt(0), [...letters].map((l) => l.charCodeAt(0))],
  ),
);
// `!` and `|` end sentences and separate options ("Idea!" is no "Ideal"): letters only inside a word.
const INSIDE_WORD_DISGUISES = new Set([0x21, 0x7c]);

const ENGLISH_ENDINGS = new Set(['s', 'es']);
/** Longer runs after a term are other words, not endings (digits aside: "Pixel 9000"). */
const LONGEST_ENDING = 16;
const NO_CUTS = -1;
// Swahili noun-class prefixes that join names of peoples and organisations (Wakenya, Mkenya, Kikenya).
const SWAHILI_PREFIXES = ['wa', 'mw', 'm', 'ki', 'vi'];
const FINNISH_ENDING = /^(?:i|[aeiouy])?(?:n|a|ta|na|ksi|ssa|sta|lla|lta|lle|t|hin|seen|ne)(?:kin|kaan|han)?$/;

interface TermKey {
  readonly codes: number[];
  readonly requiresHash: boolean;
  readonly boundaries: number[];
  readonly letters: number;
}

// Created on first use: a module-level `new` would keep folding in bundles that only import types.
let termFolder: TextFolder | undefined;

function termKey(term: string): TermKey | undefined {
  // Folded as a draft is, so that both read the same: "S/M/L" is spaced out, "my_project_name" has markup.
  termFolder ??= new TextFolder();
  const { codes, classes, upper, length } = termFolder.fold(term);
  let pos = 0;
  let requiresHash = false;
  // Leading #, @ and $ mark hashtags, handles and tickers; the name itself is what is matched.
  while (pos < length && !isWordClass(classes[pos]!)) {
    if (codes[pos] === HASH) requiresHash = true;
    pos++;
  }
  const key: number[] = [];
  const boundaries = [0];
  let letters = 0;
  for (; pos <= length; pos++) {
    const cls = pos < length ? classes[pos]! : CharClass.Space;
    const prev = pos > 0 ? classes[pos - 1]! : CharClass.Space;
    const gap = cls === CharClass.Space || cls === CharClass.Joiner || cls === CharClass.Apostrophe || cls === CharClass.Markup;
    // A word ends at a gap, and inside "AcmeCorp" and "Pixel9" as in "Acme Corp" and "Pixel 9".
    const wordEnds =
      gap || (upper[pos] && isWordClass(prev) && !upper[pos - 1]) || (isWordClass(cls) && isWordClass(prev) && cls !== prev);
    if (wordEnds && key.length > 0 && boundaries[boundaries.length - 1] !== key.length) boundaries.push(key.length);
    if (gap) continue;
    key.push(codes[pos]!);
    if (cls === CharClass.Letter) letters++;
  }
  return key.length ? { codes: key, requiresHash, boundaries, letters } : undefined;
}

function foldedLength(word: string): number {
  let length = 0;
  for (const char of word) length += foldCodePoint(char.codePointAt(0)!).codes.length;
  return length;
}

const STEM_KINDS: readonly StemKind[] = ['weak', 'strong', 'consonant', 'pluralWeak', 'pluralStrong'];
/** `entryKinds` value of a whole term; a Finnish stem's is its index in STEM_KINDS plus one. */
const WHOLE_TERM = 0;

/**
 * What the trie's nodes hold, as flat arrays rather than an object per term: a 10,000-term pack
 * makes some 30,000 entries, and objects that survive would make every young-generation GC copy them.
 * Entries of node n are firstEntry[n] .. firstEntry[n+1]-1, in the order the terms were given.
 */
interface Entries<T> {
  readonly firstEntry: Int32Array;
  readonly values: T[];
  /** 1 when written with a leading `#`: only the hashtag counts (e.g. the disclosure `#employee`). */
  readonly requiresHash: Uint8Array;
  /** Letters in the term, to decide whether Finnish case endings may follow it. */
  readonly letters: Int32Array;
  /** WHOLE_TERM, or the kind of Finnish stem ("Revontule-"), which matches only with an ending of its kind. */
  readonly kinds: Uint8Array;
  /** Offsets in the key where the term's own words meet (separated text may only split there): boundaries[boundaryFrom[e] .. boundaryTo[e]-1]. */
  readonly boundaryFrom: Int32Array;
  readonly boundaryTo: Int32Array;
  readonly boundaries: Int32Array;
}

/** A growable list of integers (plain arrays pushed to 100,000 items cost more than the whole trie). */
class IntList {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  at(index: number): number {
    return this.data[index]!;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }
}

/**
 * Builds the trie with child lists (inserting needs no sorted input and no key arrays); `freeze`
 * turns it into the matcher's compressed rows, sorted by label for binary search.
 */
class TrieBuilder<T> {
  private readonly firstChild = new IntList();
  private readonly nextSibling = new IntList();
  private readonly labels = new IntList();
  private readonly entryNodes = new IntList();
  private readonly values: T[] = [];
  private readonly requiresHash = new IntList();
  private readonly letters = new IntList();
  private readonly kinds = new IntList();
  private readonly boundaryFrom = new IntList();
  private readonly boundaries = new IntList();

  constructor() {
    this.newNode(0, -1);
  }

  /** The node reached from `node` by `label`, created when missing. */
  step(node: number, label: number): number {
    let child = this.firstChild.at(node);
    while (child >= 0 && this.labels.at(child) !== label) child = this.nextSibling.at(child);
    if (child >= 0) return child;
    child = this.newNode(label, this.firstChild.at(node));
    this.firstChild.set(node, child);
    return child;
  }

  private newNode(label: number, nextSibling: number): number {
    this.labels.push(label);
    this.firstChild.push(-1);
    this.nextSibling.push(nextSibling);
    return this.labels.length - 1;
  }

  /** An entry whose boundaries are the term's up to `keptUpTo`, then `end`. */
  add(node: number, value: T, requiresHash: boolean, letters: number, kind: number, boundaries: readonly number[], keptUpTo: number, end: number): void {
    this.entryNodes.push(node);
    this.values.push(value);
    this.requiresHash.push(requiresHash ? 1 : 0);
    this.letters.push(letters);
    this.kinds.push(kind);
    this.boundaryFrom.push(this.boundaries.length);
    for (const boundary of boundaries) if (boundary <= keptUpTo && boundary < end) this.boundaries.push(boundary);
    this.boundaries.push(end);
  }

  freeze(): { firstEdge: Int32Array; labels: Int32Array; targets: Int32Array; entries: Entries<T> } {
    const nodeCount = this.labels.length;
    const firstEdge = new Int32Array(nodeCount + 1);
    const labels = new Int32Array(nodeCount - 1);
    const targets = new Int32Array(nodeCount - 1);
    let slot = 0;
    for (let node = 0; node < nodeCount; node++) {
      firstEdge[node] = slot;
      // Children are listed newest first; an insertion sort puts the few of each node in label order.
      for (let child = this.firstChild.at(node); child >= 0; child = this.nextSibling.at(child)) {
        const label = this.labels.at(child);
        let at = slot++;
        for (; at > firstEdge[node]! && labels[at - 1]! > label; at--) {
          labels[at] = labels[at - 1]!;
          targets[at] = targets[at - 1]!;
        }
        labels[at] = label;
        targets[at] = child;
      }
    }
    firstEdge[nodeCount] = slot;
    return { firstEdge, labels, targets, entries: this.freezeEntries(nodeCount) };
  }

  /** Entries grouped by node (a counting sort, so each node keeps the terms' order). */
  private freezeEntries(nodeCount: number): Entries<T> {
    const count = this.entryNodes.length;
    const firstEntry = new Int32Array(nodeCount + 1);
    for (let entry = 0; entry < count; entry++) firstEntry[this.entryNodes.at(entry) + 1]!++;
    for (let node = 0; node < nodeCount; node++) firstEntry[node + 1]! += firstEntry[node]!;
    const fill = firstEntry.slice(0, nodeCount);
    const boundaries = new Int32Array(this.boundaries.length);
    for (let i = 0; i < boundaries.length; i++) boundaries[i] = this.boundaries.at(i);
    const entries: Entries<T> = {
      firstEntry,
      values: new Array<T>(count),
      requiresHash: new Uint8Array(count),
      letters: new Int32Array(count),
      kinds: new Uint8Array(count),
      boundaryFrom: new Int32Array(count),
      boundaryTo: new Int32Array(count),
      boundaries,
    };
    for (let from = 0; from < count; from++) {
      const to = fill[this.entryNodes.at(from)]!++;
      entries.values[to] = this.values[from]!;
      entries.requiresHash[to] = this.requiresHash.at(from);
      entries.letters[to] = this.letters.at(from);
      entries.kinds[to] = this.kinds.at(from);
      entries.boundaryFrom[to] = this.boundaryFrom.at(from);
      entries.boundaryTo[to] = from + 1 < count ? this.boundaryFrom.at(from + 1) : this.boundaries.length;
    }
    return entries;
  }
}

export class TermMatcher<T> {
  // The trie in compressed-row form: children of node n are edges firstEdge[n] .. firstEdge[n+1]-1,
  // sorted by label.
  private readonly firstEdge: Int32Array;
  private readonly labels: Int32Array;
  private readonly targets: Int32Array;
  private readonly entries: Entries<T>;
  /** For each ASCII character: may a term start there (itself or as a disguised letter)? */
  private readonly asciiStarts = new Uint8Array(128);
  /**
   * For two ASCII letters a, b at 128 * a + b: may a term's walk go on past "ab"? Most words of a
   * draft start with a letter some term starts with, but few with two such letters in a row.
   */
  private readonly asciiLetterPairs = new Uint8Array(128 * 128);

  // Per-call state of find(), kept on the instance so that the hot walk allocates nothing.
  private readonly folder = new TextFolder();
  private text!: FoldedText;
  private start = 0;
  /** Where a hit's span starts: before `start` when a prefix joins the name. */
  private spanStart = 0;
  private inflectableLetters = INFLECTABLE_LETTERS;
  private readonly stack = new WalkStack();
  private readonly cuts = new CutList();
  private hits: TermHit<T>[] = [];

  constructor(terms: Iterable<readonly [term: string, value: T]>) {
    const trie = new TrieBuilder<T>();
    for (const [term, value] of terms) {
      const key = termKey(term);
      if (!key) continue;
      const { codes, requiresHash, boundaries, letters } = key;
      const inflected = finnishStems(term);
      const headLength = inflected ? codes.length - foldedLength(inflected.word) : codes.length;
      let node = 0;
      for (let depth = 0; depth < headLength; depth++) node = trie.step(node, codes[depth]!);
      const head = node;
      for (let depth = headLength; depth < codes.length; depth++) node = trie.step(node, codes[depth]!);
      trie.add(node, value, requiresHash, letters, WHOLE_TERM, boundaries, codes.length, codes.length);
      if (!inflected) continue;
      // Finnish stems of the last word (Kauppa: Kaupan, Kauppoja) branch off where that word starts.
      for (const { stem, kind } of inflected.stems) {
        let stemNode = head;
        let depth = headLength;
        for (const char of stem) {
          for (const code of foldCodePoint(char.codePointAt(0)!).codes) {
            stemNode = trie.step(stemNode, code);
            depth++;
          }
        }
        // The term's own key already takes the strong stem's endings.
        if (kind === 'strong' && stemNode === node) continue;
        trie.add(stemNode, value, requiresHash, letters, STEM_KINDS.indexOf(kind) + 1, boundaries, headLength, depth);
      }
    }
    const { firstEdge, labels, targets, entries } = trie.freeze();
    this.firstEdge = firstEdge;
    this.labels = labels;
    this.targets = targets;
    this.entries = entries;
    for (let code = 0; code < 128; code++) {
      this.asciiStarts[code] = this.child(0, code) >= 0 || DISGUISES.has(code) ? 1 : 0;
      const first = this.child(0, code);
      if (first < 0) continue;
      // A one-letter term ends here, and may match with an ending ("Xs"): every pair goes on.
      const ends = this.entries.firstEntry[first + 1]! > this.entries.firstEntry[first]!;
      for (let second = 0; second < 128; second++) this.asciiLetterPairs[code * 128 + second] = ends || this.child(first, second) >= 0 ? 1 : 0;
    }
  }

  get isEmpty(): boolean {
    return this.labels.length === 0;
  }

  /**
   * Every occurrence of every term; overlapping occurrences of different terms are all reported.
   * In a Finnish draft, case endings may follow any term of three letters or more ("Ternin").
   */
  find(draft: string, options: { language?: Language } = {}): TermHit<T>[] {
    this.hits = [];
    if (this.isEmpty || draft.length === 0) return this.hits;
    const text = this.folder.fold(draft);
    this.text = text;
    this.inflectableLetters = options.language === 'fi' ? INFLECTABLE_LETTERS_IN_FINNISH : INFLECTABLE_LETTERS;
    const swahili = options.language === 'sw';
    const { classes, upper, codes, length } = text;
    let prevWord = false;
    for (let pos = 0; pos < length; pos++) {
      const cls = classes[pos]!;
      const word = isWordClass(cls);
      const wordStart = word && (!prevWord || (upper[pos] === 1 && upper[pos - 1] === 0));
      const disguisedStart = cls === CharClass.Leet && !prevWord && pos + 1 < length && isWordClass(classes[pos + 1]!);
      prevWord = word;
      // Cheap rejection: many words start with a letter, or two letters, no term starts with.
      if ((wordStart && this.mayStartTerm(codes[pos]!) && this.mayGoOn(pos)) || disguisedStart) {
        this.walkFrom(pos);
      }
      if (wordStart && swahili) this.walkAfterNounClassPrefix(pos);
    }
    return this.hits;
  }

  /** In Swahili a noun-class prefix may join a name: "Wakaskelotti" (its people), "Mkaskelotti" (one of them). */
  private walkAfterNounClassPrefix(pos: number): void {
    const { codes, classes, upper, length } = this.text;
    for (const prefix of SWAHILI_PREFIXES) {
      const after = pos + prefix.length;
      if (after >= length || !isWordClass(classes[after]!) || (upper[after] === 1 && upper[after - 1] === 0)) continue;
      let matches = true;
      for (let i = 0; i < prefix.length && matches; i++) matches = codes[pos + i] === prefix.charCodeAt(i);
      if (matches && this.mayStartTerm(codes[after]!)) this.walkFrom(after, pos);
    }
  }

  /** False when the word at `pos` starts with two ASCII letters that no term's walk goes past (a letter matches only itself). */
  private mayGoOn(pos: number): boolean {
    const { codes, classes, length } = this.text;
    if (pos + 1 >= length || classes[pos] !== CharClass.Letter || classes[pos + 1] !== CharClass.Letter) return true;
    const first = codes[pos]!;
    const second = codes[pos + 1]!;
    return first >= 128 || second >= 128 || this.asciiLetterPairs[first * 128 + second] === 1;
  }

  private mayStartTerm(code: number): boolean {
    return code < 128 ? this.asciiStarts[code] === 1 : this.child(0, code) >= 0 || DISGUISES.has(code);
  }

  private child(node: number, label: number): number {
    let low = this.firstEdge[node]!;
    let high = this.firstEdge[node + 1]! - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const found = this.labels[mid]!;
      if (found === label) return this.targets[mid]!;
      if (found < label) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /**
   * Walks the trie from `this.start`, depth first, with an explicit stack: the depth of a walk grows
   * with the term, and a term may be long, so recursion would tie the call stack to the input.
   */
  private walkFrom(start: number, spanStart = start): void {
    this.start = start;
    this.spanStart = spanStart;
    this.stack.clear();
    this.cuts.clear();
    this.stack.push(start, 0, 0, 0, 0, NO_CUTS, 0);
    const text = this.text;
    const { classes, codes, length } = text;
    while (this.stack.pop()) {
      const { pos, node, depth, letters, disguised, cuts, afterGap } = this.stack.top;
      const { firstEntry } = this.entries;
      // Right after a gap the node's own terms were already recorded before the gap.
      if (firstEntry[node + 1]! > firstEntry[node]! && !afterGap && (disguised === 0 || letters > 0)) this.record(node, pos, cuts);
      if (pos >= length) continue;
      const cls = classes[pos]!;
      const code = codes[pos]!;

      if (isWordClass(cls)) {
        const next = this.child(node, code);
        if (next >= 0) this.stack.push(pos + 1, next, depth + 1, letters + (cls === CharClass.Letter ? 1 : 0), disguised, cuts, 0);
        if (cls === CharClass.Digit) this.pushDisguised(pos, node, depth, letters, disguised, cuts, code);
        continue;
      }
      if (cls === CharClass.Leet) {
        // A disguised letter starts a word ("$ecret"), or continues or ends one ("M@rs", "N0v@").
        const beforeWord = pos + 1 < length && isWordClass(classes[pos + 1]!);
        const afterWord = pos > start && isWordClass(classes[pos - 1]!);
        const placed = INSIDE_WORD_DISGUISES.has(code) ? afterWord && beforeWord : (pos === start && beforeWord) || afterWord;
        if (placed) {
          this.pushDisguised(pos, node, depth, letters, disguised, cuts, code);
        }
      } else if (depth > 0 && isWordClass(classes[pos - 1]!) && this.firstEdge[node + 1]! > this.firstEdge[node]!) {
        if (cls === CharClass.Space || cls === CharClass.Joiner || cls === CharClass.Apostrophe || cls === CharClass.Markup) {
          this.pushAcrossGap(pos, node, depth, letters, disguised, cuts);
          continue;
        }
      }
      // Punctuation that is part of a term ("AT&T", "C++") matches itself.
      if (depth > 0) {
        const next = this.child(node, code);
        if (next >= 0) this.stack.push(pos + 1, next, depth + 1, letters, disguised, cuts, 0);
      }
    }
  }

  private pushDisguised(pos: number, node: number, depth: number, letters: number, disguised: number, cuts: number, code: number) {
    for (const letter of DISGUISES.get(code) ?? []) {
      const next = this.child(node, letter);
      if (next >= 0) this.stack.push(pos + 1, next, depth + 1, letters, disguised + 1, cuts, 0);
    }
  }

  /** Crosses the space, hyphen, underscore, dot, apostrophe or emphasis markup between two words of the draft. */
  private pushAcrossGap(pos: number, node: number, depth: number, letters: number, disguised: number, cuts: number): void {
    const { classes, length } = this.text;
    const gap = classes[pos]!;
    let after = pos + 1;
    if (gap === CharClass.Space || gap === CharClass.Markup) while (after < length && classes[after] === gap) after++;
    if (after >= length || !isWordClass(classes[after]!)) return;
    // Spaced-out letters and emphasis markup may split a term anywhere; longer pieces only where the
    // term's words meet.
    const letterBefore = pos < 2 || !isWordClass(classes[pos - 2]!);
    const letterAfter = after + 1 >= length || !isWordClass(classes[after + 1]!);
    const anywhere = (letterBefore && letterAfter) || gap === CharClass.Markup;
    this.stack.push(after, node, depth, letters, disguised, anywhere ? cuts : this.cuts.add(depth, cuts), 1);
  }

  private record(node: number, pos: number, cuts: number): void {
    const text = this.text;
    const start = this.start;
    const entries = this.entries;
    for (let entry = entries.firstEntry[node]!; entry < entries.firstEntry[node + 1]!; entry++) {
      if (entries.requiresHash[entry] === 1 && (start === 0 || text.codes[start - 1] !== HASH)) continue;
      if (!this.cuts.allAt(cuts, entries.boundaries, entries.boundaryFrom[entry]!, entries.boundaryTo[entry]!)) continue;
      const letters = entries.letters[entry]!;
      const inflectable = letters >= this.inflectableLetters;
      // A prefix joined to a short name would make ordinary words ("mtu" is no "Tu").
      if (this.spanStart !== start && letters < INFLECTABLE_LETTERS) continue;
      const kind = entries.kinds[entry]!;
      const end = kind !== WHOLE_TERM ? (inflectable ? this.stemEnd(pos, STEM_KINDS[kind - 1]!) : -1) : this.wordEnd(pos, inflectable);
      if (end < 0) continue;
      const hit = { value: entries.values[entry]!, start: text.from[this.spanStart]!, end: text.to[end - 1]! };
      if (!this.isRepeat(hit)) this.hits.push(hit);
    }
  }

  /**
   * Where the matched word ends when a term's key ends at `pos`, or -1 when `pos` is inside a longer
   * word ("Tern" in "Ternary"). Possessives and inflections belong to the match: "Phoenix's",
   * "Phoenixes", "Phoenixista", "ACME:n".
   */
  private wordEnd(pos: number, inflectable: boolean): number {
    const { classes, upper, length } = this.text;
    if (pos >= length || !isWordClass(classes[pos]!)) {
      const mark = classes[pos];
      if ((mark === CharClass.Apostrophe || mark === CharClass.Colon) && pos + 1 < length && isWordClass(classes[pos + 1]!)) {
        const endingEnd = this.endingEnd(pos + 1, false);
        const marked = endingEnd < 0 ? '' : this.textOf(pos + 1, endingEnd);
        // An explicit mark makes the ending unambiguous: "ACME:n", "Phoenix'in", "Phoenix's".
        if ((mark === CharClass.Apostrophe && marked === 's') || FINNISH_ENDING.test(marked)) return endingEnd;
      }
      return pos;
    }
    if (upper[pos] === 1 && upper[pos - 1] === 0) return pos; // "PhoenixRising"
    const endingEnd = this.endingEnd(pos, true);
    if (endingEnd < 0) return -1;
    if (this.isDigits(pos, endingEnd)) return endingEnd; // "Pixel9"
    const rest = this.textOf(pos, endingEnd);
    return ENGLISH_ENDINGS.has(rest) || (inflectable && (FINNISH_ENDING.test(rest) || isFinnishEnding(rest, 'strong'))) ? endingEnd : -1;
  }

  /** Where the word ends when a Finnish stem ends at `pos` and a whole ending of its kind follows; else -1. */
  private stemEnd(pos: number, kind: StemKind): number {
    const endingEnd = this.endingEnd(pos, true);
    if (endingEnd <= pos || endingEnd - pos > LONGEST_FINNISH_ENDING) return -1;
    return isFinnishEnding(this.textOf(pos, endingEnd), kind) ? endingEnd : -1;
  }

  /** A stem and the term itself may both reach the same word ("Kauppa" + "a", "Kauppaa"): one hit. */
  private isRepeat(hit: TermHit<T>): boolean {
    for (let i = this.hits.length - 1; i >= 0 && this.hits[i]!.start === hit.start; i--) {
      if (this.hits[i]!.end === hit.end && this.hits[i]!.value === hit.value) return true;
    }
    return false;
  }

  /**
   * Where the letters and digits from `from` end (at a camelCase hump when `humps`), or -1 when they
   * run longer than any ending and are not all digits: scanning stops early, whatever the draft holds.
   */
  private endingEnd(from: number, humps: boolean): number {
    const { classes, upper, length } = this.text;
    let end = from;
    let digits = true;
    while (end < length && isWordClass(classes[end]!) && !(humps && end > from && upper[end] === 1 && upper[end - 1] === 0)) {
      if (classes[end] !== CharClass.Digit) {
        if (end - from >= LONGEST_ENDING) return -1;
        digits = false;
      }
      end++;
    }
    return digits || end - from <= LONGEST_ENDING ? end : -1;
  }

  private isDigits(from: number, to: number): boolean {
    for (let at = from; at < to; at++) if (this.text.classes[at] !== CharClass.Digit) return false;
    return true;
  }

  private textOf(from: number, to: number): string {
    return String.fromCharCode(...this.text.codes.subarray(from, to));
  }
}

/** A stack of walk states in typed arrays, so that walking allocates nothing per step. */
class WalkStack {
  private static readonly FIELDS = 7;
  private data = new Int32Array(WalkStack.FIELDS * 64);
  private size = 0;
  /** The state last popped. */
  readonly top = { pos: 0, node: 0, depth: 0, letters: 0, disguised: 0, cuts: NO_CUTS, afterGap: false };

  clear(): void {
    this.size = 0;
  }

  push(pos: number, node: number, depth: number, letters: number, disguised: number, cuts: number, afterGap: 0 | 1): void {
    if ((this.size + 1) * WalkStack.FIELDS > this.data.length) {
      const larger = new Int32Array(this.data.length * 2);
      larger.set(this.data);
      this.data = larger;
    }
    const at = this.size++ * WalkStack.FIELDS;
    const data = this.data;
    data[at] = pos;
    data[at + 1] = node;
    data[at + 2] = depth;
    data[at + 3] = letters;
    data[at + 4] = disguised;
    data[at + 5] = cuts;
    data[at + 6] = afterGap;
  }

  /** Pops the last state into `top`; false when empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    const at = --this.size * WalkStack.FIELDS;
    const data = this.data;
    const top = this.top;
    top.pos = data[at]!;
    top.node = data[at + 1]!;
    top.depth = data[at + 2]!;
    top.letters = data[at + 3]!;
    top.disguised = data[at + 4]!;
    top.cuts = data[at + 5]!;
    top.afterGap = data[at + 6] === 1;
    return true;
  }
}

/**
 * Where a walk split the draft's words inside a term, as persistent linked lists (branches of the
 * walk share their common part): list heads are indices, NO_CUTS is the empty list.
 */
class CutList {
  private depths: number[] = [];
  private next: number[] = [];

  clear(): void {
    this.depths.length = 0;
    this.next.length = 0;
  }

  add(depth: number, list: number): number {
    this.depths.push(depth);
    this.next.push(list);
    return this.depths.length - 1;
  }

  /** Whether every cut of `list` is one of `boundaries[from .. to-1]` (ascending); cuts come newest, so deepest, first. */
  allAt(list: number, boundaries: Int32Array, from: number, to: number): boolean {
    let b = to - 1;
    for (let cut = list; cut !== NO_CUTS; cut = this.next[cut]!) {
      const depth = this.depths[cut]!;
      while (b >= from && boundaries[b]! > depth) b--;
      if (b < from || boundaries[b] !== depth) return false;
    }
    return true;
  }
}
