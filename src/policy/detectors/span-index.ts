import type { Span } from './span';

/** Spans sorted once, so that "is this span inside one of them?" is a binary search. */
export class SpanIndex {
  private readonly spans: Span[];

  constructor(spans: Iterable<Span>) {
    // Merged where they overlap: containment in the merged span is containment in the union.
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    this.spans = [];
    for (const span of sorted) {
      const last = this.spans.at(-1);
      if (last && span.start < last.end) this.spans[this.spans.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
      else this.spans.push(span);
    }
  }

  /** The span that contains `span` whole, if any. */
  containing(span: Span): Span | undefined {
    let low = 0;
    let high = this.spans.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const candidate = this.spans[mid]!;
      if (candidate.end <= span.start) low = mid + 1;
      else if (candidate.start > span.start) high = mid - 1;
      else return span.end <= candidate.end ? candidate : undefined;
    }
    return undefined;
  }
}
