import demoPackJson from '../../assets/demo-pack.json';
import type { ManagedSettings } from '../managed/settings';
import { compilePack, type CheckOptions, type CompiledPack, type Finding } from '../policy/engine';
import type { PackProblem } from './fetch-pack';
import { parsePack } from './parse';
import type { Pack } from './schema';
import { resolvePacks, type PackRecord, type PackSource, type PackStatus } from './sources';

export interface ActivePack {
  readonly compiled: CompiledPack;
  /** The bundled demo pack, active only while nothing else is configured; labelled as a demo. */
  readonly demo: boolean;
}

/** A finding with the pack it comes from, as the composer and the popup show it. */
export interface PackFinding extends Finding {
  readonly packName: string;
  readonly policyUrl?: string;
}

/** One pack source as the popup and the options page show it. */
export interface PackView {
  readonly key: string;
  readonly source: PackSource | { readonly kind: 'demo' };
  readonly status: PackStatus;
  /** The pack in force for this source (the last good one), if any. */
  readonly pack?: Pack;
  readonly overdue: boolean;
  readonly signedBy?: string;
  readonly acceptedAt?: string;
  readonly lastChecked?: string;
  readonly error?: PackProblem & { readonly at: string };
  readonly warnings: readonly string[];
}

export interface PackState {
  readonly active: readonly ActivePack[];
  readonly views: readonly PackView[];
}

let demo: ActivePack | undefined;
function demoPack(): ActivePack {
  if (!demo) {
    const parsed = parsePack(demoPackJson);
    if (!parsed.ok) throw new Error(`The bundled demo pack is invalid: ${parsed.errors.map((e) => e.message).join('; ')}`);
    demo = { compiled: compilePack(parsed.pack), demo: true };
  }
  return demo;
}

const isOverdue = (pack: Pack, now: Date) => pack.reviewBy !== undefined && pack.reviewBy < now.toISOString().slice(0, 10);

/** The packs in force and what to show about every source; the demo pack only when nothing else is active. */
export function packState(records: Readonly<Record<string, PackRecord>>, settings: ManagedSettings, now = new Date()): PackState {
  const resolved = resolvePacks(records, settings);
  const active: ActivePack[] = resolved.filter((r) => r.status.state === 'active').map((r) => ({ compiled: r.compiled!, demo: false }));
  const views: PackView[] = resolved.map(({ key, record, status, compiled }) => ({
    key,
    source: record.source,
    status,
    pack: compiled?.pack,
    overdue: compiled ? isOverdue(compiled.pack, now) : false,
    signedBy: record.good?.signedBy,
    acceptedAt: record.good?.acceptedAt,
    lastChecked: record.lastChecked,
    error: record.error,
    warnings: record.good?.warnings ?? [],
  }));
  if (active.length === 0) {
    const fallback = demoPack();
    active.push(fallback);
    views.push({ key: 'demo', source: { kind: 'demo' }, status: { state: 'active' }, pack: fallback.compiled.pack, overdue: false, warnings: [] });
  }
  return { active, views };
}

/** A pack whose check failed on this draft: shown as "could not check", never as a clean draft. */
export interface PackFailure {
  readonly packName: string;
  readonly reason: string;
}

export interface PackCheck {
  readonly findings: PackFinding[];
  readonly failures: PackFailure[];
}

/**
 * Checks a draft against every active pack; each finding names its pack. Each pack is checked on
 * its own, so a pack that fails is reported and the others still apply.
 */
export function checkWithPacks(packs: readonly ActivePack[], text: string, options: CheckOptions): PackCheck {
  const findings: PackFinding[] = [];
  const failures: PackFailure[] = [];
  for (const { compiled } of packs) {
    const { name, policyUrl } = compiled.pack;
    try {
      for (const finding of compiled.check(text, options)) findings.push({ ...finding, packName: name, ...(policyUrl ? { policyUrl } : {}) });
    } catch (error) {
      failures.push({ packName: name, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  findings.sort((a, b) => a.start - b.start || b.end - a.end);
  return { findings, failures };
}
