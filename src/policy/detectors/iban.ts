import { ibanValid } from './checksums';
import type { Span } from './span';

const CANDIDATE = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}(?![\p{L}\p{N}])/gu;

/** IBANs (grouped or not) that pass the mod-97 check. */
export function findIbans(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    // The candidate may have swallowed words after the IBAN ("... 85 ON FRIDAY"): shorten at spaces.
    let candidate = match[0];
    while (candidate && !ibanValid(candidate)) {
      const space = candidate.lastIndexOf(' ');
      candidate = space > 0 ? candidate.slice(0, space) : '';
    }
    if (candidate) spans.push({ start: match.index, end: match.index + candidate.length });
  }
  return spans;
}
