import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/min';
import type { Span } from './span';

// Digit runs that could be phone numbers; only these reach libphonenumber, which is slow on prose.
const CANDIDATE = /(?<![\p{L}\p{N}+])\+?\(?\d[\d\s().\-/]{5,24}\d(?![\p{L}\p{N}])/gu;
const DATE_OR_TIME = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/;
// Written phone numbers have at most six groups of digits ("+1 (415) 555-0100" has four); longer
// runs of small groups are lists, scores or spaced-out digits, and each costs libphonenumber time.
const MAX_DIGIT_GROUPS = 6;
const DIGIT_GROUP = /\d+/g;

/** Phone numbers; those without "+country" are read in `region` when the rule gives one. */
export function findPhones(text: string, region?: string): Span[] {
  const spans: Span[] = [];
  const options = region ? { defaultCountry: region as CountryCode } : undefined;
  for (const candidate of text.matchAll(CANDIDATE)) {
    if ((candidate[0].match(DIGIT_GROUP)?.length ?? 0) > MAX_DIGIT_GROUPS) continue;
    for (const phone of findPhoneNumbersInText(candidate[0], options)) {
      const start = candidate.index + phone.startsAt;
      const end = candidate.index + phone.endsAt;
      if (!DATE_OR_TIME.test(text.slice(start, end))) spans.push({ start, end });
    }
  }
  return spans;
}
