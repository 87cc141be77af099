import type { Pack, RuleOf, Severity } from '../packs/schema';
import { appliesToSite } from '../policy/engine';
import type { PhotoCheckSettings } from './photo-checks';

const RANK: Record<Severity, number> = { info: 0, warn: 1, block: 2 };
const higher = (a: Severity, b: Severity): Severity => (RANK[a] >= RANK[b] ? a : b);

/**
 * The photo checks the active packs ask for on `site` (every pack's photo rules together, the
 * higher severity where two disagree); undefined when no pack has a photo rule for it.
 */
export function photoCheckSettings(packs: readonly Pack[], site?: string): PhotoCheckSettings | undefined {
  const rules = packs.flatMap((pack) => pack.rules).filter((rule): rule is RuleOf<'photo'> => rule.kind === 'photo' && appliesToSite(rule, site));
  if (rules.length === 0) return undefined;
  const severity = { people: 'info' as Severity, screens: 'info' as Severity };
  for (const rule of rules) {
    if (rule.checks.includes('people')) severity.people = higher(severity.people, rule.severities?.people ?? rule.severity);
    if (rule.checks.includes('screens')) severity.screens = higher(severity.screens, rule.severities?.screens ?? rule.severity);
  }
  return { checks: new Set(rules.flatMap((rule) => rule.checks)), severity };
}

