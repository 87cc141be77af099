import { findEmails } from './email';
import { findIbans } from './iban';
import { findInternalUrls } from './internal-url';
import { findPaymentCards } from './payment-card';
import { findPhones } from './phone';
import { findSecrets } from './secrets';
import type { Span } from './span';
import { findSpokespersonStatements } from './spokesperson';
import type { Language } from '../language';

export type { Span } from './span';

/** The built-in detectors a pack's detector rule may name. */
export const DETECTORS = ['email', 'phone', 'credit-card', 'iban', 'secret', 'internal-url', 'spokesperson'] as const;
export type Detector = (typeof DETECTORS)[number];

export interface DetectorOptions {
  readonly internalDomains: readonly string[];
  readonly region?: string;
  /** Where the draft names the organisation, for statements made on its behalf. */
  readonly organizationMentions?: readonly Span[];
  readonly language?: Language;
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
  spokesperson: (text, { organizationMentions, language }) => findSpokespersonStatements(text, organizationMentions ?? [], language),
};

// An IBAN contains what looks like a card number, and both look like phone numbers: the more
// specific detector wins.
const PRECEDENCE: readonly Detector[] = ['secret', 'iban', 'credit-card', 'internal-url', 'email', 'phone', 'spokesperson'];

/** Runs the chosen detectors; overlapping spans keep the most specific detector's. */
export function detect(text: string, detectors: readonly Detector[], options: DetectorOptions): DetectedSpan[] {
  let found: DetectedSpan[] = [];
  for (const detector of PRECEDENCE) {
    if (!detectors.includes(detector)) continue;
    const spans = FINDERS[detector](text, options).sort((a, b) => a.start - b.start);
    found = withoutOverlaps(found, spans.map((span) => ({ ...span, detector })));
  }
  return found;
}

/**
 * `kept` (sorted, no overlaps) plus each of `candidates` (sorted by start) that overlaps none of
 * them, in one sweep: a draft with thousands of addresses stays linear.
 */
function withoutOverlaps(kept: readonly DetectedSpan[], candidates: readonly DetectedSpan[]): DetectedSpan[] {
  const merged: DetectedSpan[] = [];
  let k = 0;
  let lastEnd = -1; // end of the last accepted candidate: candidates may overlap each other
  for (const span of candidates) {
    while (k < kept.length && kept[k]!.end <= span.start) merged.push(kept[k++]!);
    const overlapsKept = k < kept.length && kept[k]!.start < span.end;
    if (overlapsKept || span.start < lastEnd) continue;
    merged.push(span);
    lastEnd = span.end;
  }
  while (k < kept.length) merged.push(kept[k++]!);
  return merged;
}