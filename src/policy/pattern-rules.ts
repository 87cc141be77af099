import { RE2JS } from 're2js';
import type { Span } from './detectors';
import { ibanValid, luhnValid } from './detectors/checksums';

/**
 * Admin regexes run in RE2 (re2js): matching time is linear in the draft, so a careless pattern
 * can never freeze typing. Each pattern is first tested with RE2's DFA (one cheap pass); only
 * patterns that match at all are run again for their spans. One DFA over all patterns at once
 * (RE2Set) was slower: big repeats multiply its states, and ten `.{0,1000}` rules took seconds.
 *
 * Linear is not yet fast: finding spans runs RE2's NFA, whose cost per character grows with the
 * size of the compiled program. Programs are therefore capped per pattern and per pack.
 */

/** Compiled instructions one pattern may have: `.{0,200}` alone is about 400. */
export const MAX_PATTERN_INSTRUCTIONS = 400;
/** Compiled instructions all patterns of a pack may have together, so that 5,000 characters check in 4 ms. */
export const MAX_PACK_PATTERN_INSTRUCTIONS = 1200;

export interface PatternSpec {
  readonly pattern: string;
  readonly flags?: string;
  readonly validate?: 'luhn' | 'iban';
}

function inlineFlags(pattern: string, flags = ''): string {
  return flags ? `(?${flags})${pattern}` : pattern;
}

const UNSUPPORTED_HINTS: readonly [RegExp, string][] = [
  [/^\(\?<?[=!]/, 'lookaheads and lookbehinds are not supported; match the surrounding text instead'],
  [/^\\[1-9]/, 'backreferences are not supported; spell the repeated part out'],
  [/^\(\?<[^>]*>/, 'write named groups as (?P<name>...)'],
  [/^\{\d+/, 'repeat counts may be at most 1000'],
  [/^[*+?]{2}|^\{\d+(?:,\d*)?\}[+?]/, 'possessive quantifiers are not supported; drop the extra + or ?'],
];

/** Why `pattern` cannot be used as a rule, in words an admin can act on; undefined when it can. */
export function describeRegexProblem(pattern: string, flags = ''): string | undefined {
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(inlineFlags(pattern, flags));
  } catch (error) {
    const description = (error as { getDescription?: () => string }).getDescription?.() ?? String(error);
    const at = (error as { getPattern?: () => string | null }).getPattern?.() ?? '';
    const hint = UNSUPPORTED_HINTS.find(([test]) => test.test(at))?.[1] ?? 'see the RE2 syntax reference';
    return `the linear-time regex engine cannot run this pattern (${description} at \`${at}\`): ${hint}`;
  }
  if (regex.test('')) return 'the pattern matches empty text, so it would flag every draft; require at least one character';
  const cost = patternCost(pattern, flags);
  if (cost > MAX_PATTERN_INSTRUCTIONS) {
    return `the pattern is too costly to run on every keystroke (${cost} steps per character; at most ${MAX_PATTERN_INSTRUCTIONS}): use smaller repeat counts, e.g. {0,50} rather than {0,1000}, and fewer nested repeats`;
  }
  return undefined;
}

/** The size of the pattern's compiled program: the NFA's work per character of draft, at worst. */
export function patternCost(pattern: string, flags = ''): number {
  return RE2JS.compile(inlineFlags(pattern, flags)).matcher('').numberOfInstructions;
}

const VALIDATORS = { luhn: luhnValid, iban: ibanValid } as const;

export class PatternMatcher {
  private readonly regexes: RE2JS[];

  constructor(private readonly specs: readonly PatternSpec[]) {
    this.regexes = specs.map((spec) => RE2JS.compile(inlineFlags(spec.pattern, spec.flags)));
  }

  /** Spans of every pattern, by the index of the pattern in the constructor's list. */
  find(text: string): Map<number, Span[]> {
    const found = new Map<number, Span[]>();
    this.specs.forEach((spec, index) => {
      const regex = this.regexes[index]!;
      if (!regex.test(text)) return;
      const validate = spec.validate ? VALIDATORS[spec.validate] : undefined;
      const matcher = regex.matcher(text);
      const spans: Span[] = [];
      while (matcher.find()) {
        const start = matcher.start();
        const end = matcher.end();
        if (end === start) continue;
        if (validate && !validate(text.slice(start, end).replace(/[\s-]/g, ''))) continue;
        spans.push({ start, end });
      }
      if (spans.length) found.set(index, spans);
    });
    return found;
  }
}
