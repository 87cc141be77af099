import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/min';
import type { Span } from './span';

const ENOUGH_DIGITS = /(?:\d\D{0,3}){7}/;
const DATE_OR_TIME = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/;

/** Phone numbers; those without "+country" are read in `region` when the rule gives one. */
export function findPhones(text: string, region?: string): Span[] {
  if (!ENOUGH_DIGITS.test(text)) return [];
  const found = findPhoneNumbersInText(text, region ? { defaultCountry: region as CountryCode } : undefined);
  return found
    .filter((phone) => !DATE_OR_TIME.test(text.slice(phone.startsAt, phone.endsAt)))
    .map((phone) => ({ start: phone.startsAt, end: phone.endsAt }));
}
