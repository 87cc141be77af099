import type { Finding } from '../policy/engine';
import type { Severity } from '../packs/schema';

const COLORS: Record<Severity, string> = { info: '36', warn: '33', block: '31' };

/** The draft with every flagged span marked: underlined in a colour terminal, ⟦bracketed⟧ otherwise. */
export function markDraft(text: string, findings: readonly Finding[], color: boolean): string {
  let marked = '';
  let at = 0;
  for (const finding of findings) {
    if (finding.start < at) continue; // overlapping spans: the first one is marked
    const span = text.slice(finding.start, finding.end);
    marked += text.slice(at, finding.start);
    marked += color ? `\x1b[4;${COLORS[finding.severity]}m${span}\x1b[0m` : `⟦${span}⟧`;
    at = finding.end;
  }
  return marked + text.slice(at);
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

/** One line per finding: position, severity, rule, what matched, why, and the fix. */
export function describeFindings(text: string, findings: readonly Finding[]): string[] {
  return findings.map((finding) => {
    const ref = finding.policyRef ? ` (${finding.policyRef})` : '';
    const fix = finding.fix ? ` [fix: ${finding.fix.label}]` : '';
    return `  ${lineAndColumn(text, finding.start)}  ${finding.severity.padEnd(5)}  ${finding.ruleId}  “${finding.match}”: ${finding.message}${ref}${fix}`;
  });
}

export function useColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb';
}
