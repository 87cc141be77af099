import { luhnValid } from './checksums';
import { regexSpans, type Span } from './span';

// 13 to 19 digits, optionally grouped by single spaces or dashes, not inside a longer number.
const CARD = /(?<![\p{L}\p{N}])\d(?:[ -]?\d){12,18}(?![\p{N}]|[ -]\d)/gu;

/** Payment card numbers that pass the Luhn check. */
export function findPaymentCards(text: string): Span[] {
  return regexSpans(CARD, text, (match) => luhnValid(match.replace(/[ -]/g, '')));
}
