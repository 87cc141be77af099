import { compilePack, type CheckOptions, type CompiledPack } from '../../src/policy/engine';
import { parsePack } from '../../src/packs/parse';
import type { Pack } from '../../src/packs/schema';

type PackInput = Omit<Partial<Pack>, 'rules'> & { rules: unknown[] };

/** A valid pack from the given fields (the rest filled in), validated like any real pack. */
export function makePack(fields: PackInput): Pack {
  const result = parsePack({
    schemaVersion: 1,
    id: 'test-pack',
    name: 'Test pack',
    serial: 1,
    revised: '2026-11-01',
    organization: { names: ['Acme'] },
    ...fields,
  });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.pack;
}

export function compile(fields: PackInput): CompiledPack {
  return compilePack(makePack(fields));
}

/** The flagged text of each finding of one rule. */
export function flagged(compiled: CompiledPack, text: string, ruleId: string, options?: CheckOptions): string[] {
  return compiled
    .check(text, options)
    .filter((finding) => finding.ruleId === ruleId)
    .map((finding) => text.slice(finding.start, finding.end));
}

export function termsRule(terms: string[], extra: Record<string, unknown> = {}) {
  return { id: 'terms', kind: 'terms', severity: 'warn', message: 'Confidential', terms, ...extra };
}
