import { RE2JS, RE2Set } from 're2js';
import type { Span } from './detectors';
import { ibanValid, luhnValid } from './detectors/checksums';

/**
 * Admin regexes run in RE2 (re2js): matching time is linear in the draft, so a careless pattern
 * can never freeze typing. One RE2Set pass (a DFA over all patterns at once) tells which patterns
 * match at all; only those are then run for their spans.
 */

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
  return undefined;
}

const VALIDATORS = { luhn: luhnValid, iban: ibanValid } as const;

export class PatternMatcher {
  private readonly regexes: RE2JS[];
  private readonly prefilter: RE2Set | undefined;

  constructor(private readonly specs: readonly PatternSpec[]) {
    this.regexes = specs.map((spec) => RE2JS.compile(inlineFlags(spec.pattern, spec.flags)));
    this.prefilter = specs.length > 1 ? buildSet(specs) : undefined;
  }

  /** Spans of every pattern, by the index of the pattern in the constructor's list. */
  find(text: string): Map<number, Span[]> {
    const found = new Map<number, Span[]>();
    const candidates = this.prefilter ? this.prefilter.match(text) : this.specs.map((_, index) => index);
    for (const index of candidates) {
      const spec = this.specs[index]!;
      const validate = spec.validate ? VALIDATORS[spec.validate] : undefined;
      const matcher = this.regexes[index]!.matcher(text);
      const spans: Span[] = [];
      while (matcher.find()) {
        const start = matcher.start();
        const end = matcher.end();
        if (end === start) continue;
        if (validate && !validate(text.slice(start, end).replace(/[\s-]/g, ''))) continue;
        spans.push({ start, end });
      }
      if (spans.length) found.set(index, spans);
    }
    return found;
  }
}

function buildSet(specs: readonly PatternSpec[]): RE2Set | undefined {
  try {
    const set = new RE2Set(RE2Set.UNANCHORED);
    for (const spec of specs) set.add(inlineFlags(spec.pattern, spec.flags));
    set.compile();
    return set;
  } catch {
    return undefined; // too large for one automaton: run each pattern on its own (still linear)
  }
}
