import type { Span } from './span';

// A scheme or "www." starts a link; it runs to the next space or quote. No nested repeats: linear.
const LINK = /(?<![\p{L}\p{N}])(?:[a-z][a-z0-9+.-]{1,15}:\/\/|www\.)[^\s<>"'`]+/giu;
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/** Links written in a draft (any host): a fix never edits inside one, it removes the whole link. */
export function findLinks(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(LINK)) {
    const link = match[0].replace(TRAILING_PUNCTUATION, '');
    spans.push({ start: match.index, end: match.index + link.length });
  }
  return spans;
}
