import type { Detector } from '../../packs/schema';
import { findEmails } from './email';
import { findIbans } from './iban';
import { findInternalUrls } from './internal-url';
import { findPaymentCards } from './payment-card';
import { findPhones } from './phone';
import { findSecrets } from './secrets';
import type { Span } from './span';

export type { Span } from './span';

export interface DetectorOptions {
  readonly internalDomains: readonly string[];
  readonly region?: string;
}

export interface DetectedSpan extends Span {
  readonly detector: Detector;
}

const FINDERS: Record<Detector, (text: string, options: DetectorOptions) => Span[]> = {
  email: findEmails,
  phone: (text, { region }) => findPhones(text, region),
  'credit-card': findPaymentCards,
  iban: findIbans,
  secret: findSecrets,
  'internal-url': (text, { internalDomains }) => findInternalUrls(text, internalDomains),
};

// An IBAN contains what looks like a card number, and both look like phone numbers: the more
// specific detector wins.
const PRECEDENCE: readonly Detector[] = ['secret', 'iban', 'credit-card', 'internal-url', 'email', 'phone'];

/** Runs the chosen detectors; overlapping spans keep the most specific detector's. */
export function detect(text: string, detectors: readonly Detector[], options: DetectorOptions): DetectedSpan[] {
  const found: DetectedSpan[] = [];
  for (const detector of PRECEDENCE) {
    if (!detectors.includes(detector)) continue;
    for (const span of FINDERS[detector](text, options)) {
      if (!found.some((other) => span.start < other.end && other.start < span.end)) found.push({ ...span, detector });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
