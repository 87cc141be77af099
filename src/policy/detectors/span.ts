/** A detected span in the original draft (UTF-16 offsets). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Runs a global, linear-time regex and returns its match spans. */
export function regexSpans(regex: RegExp, text: string, accept: (match: string) => boolean = () => true): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(regex)) {
    if (accept(match[0])) spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return spans;
}
