import demoPackJson from '../../assets/demo-pack.json';
import type { ManagedSettings } from '../managed/settings';
import type { SentenceScores, TextModels } from '../ml/text-models';
import { compilePack, type ApprovedPost, type CheckOptions, type CompiledPack, type Finding, type ModelRule } from '../policy/engine';
import type { PackProblem } from './fetch-pack';
import { parsePack } from './parse';
import type { Pack } from './schema';
import { isManaged, resolvePacks, type PackRecord, type PackSource, type PackStatus } from './sources';

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
  /**
   * Besides real sources: the demo pack, and the organisation's packs as a whole while none of them
   * is in force yet (its lastChecked and error are those of the latest attempt).
   */
  readonly source: PackSource | { readonly kind: 'demo' } | { readonly kind: 'organisation-waiting' };
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

/**
 * The packs in force and what to show about every source. The demo pack only when nothing else is
 * active and the organisation has configured no pack: while its pack has not arrived, saying "demo"
 * (or "your organisation has not set up a policy") would be untrue.
 */
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
  if (settings.packUrls.length > 0 || settings.inlinePack !== undefined) {
    if (!resolved.some((r) => isManaged(r.record.source) && r.status.state === 'active')) views.unshift(organisationWaiting(resolved));
    return { active, views };
  }
  if (active.length === 0) {
    const fallback = demoPack();
    active.push(fallback);
    views.push({ key: 'demo', source: { kind: 'demo' }, status: { state: 'active' }, pack: fallback.compiled.pack, overdue: false, warnings: [] });
  }
  return { active, views };
}

/** The organisation's packs, none in force yet: when the latest attempt ended and why it failed. */
function organisationWaiting(resolved: ReturnType<typeof resolvePacks>): PackView {
  const latest = resolved
    .filter((r) => isManaged(r.record.source) && r.record.lastChecked)
    .sort((a, b) => b.record.lastChecked!.localeCompare(a.record.lastChecked!))[0];
  const problem = latest?.status.state === 'refused' ? latest.status.problem : latest?.record.error;
  return {
    key: 'organisation-waiting',
    source: { kind: 'organisation-waiting' },
    status: { state: 'waiting' },
    overdue: false,
    warnings: [],
    ...(latest ? { lastChecked: latest.record.lastChecked } : {}),
    ...(problem ? { error: { ...problem, at: latest!.record.lastChecked! } } : {}),
  };
}

/** A pack whose check failed on this draft: shown as "could not check", never as a clean draft. */
export interface PackFailure {
  readonly packName: string;
  readonly reason: string;
}

/** An approved post with the pack it comes from. */
export interface PackOffer extends ApprovedPost {
  readonly packName: string;
}

export interface PackCheck {
  readonly findings: PackFinding[];
  readonly failures: PackFailure[];
  /** Approved posts about what the draft names (a launched product), to offer in the composer. */
  readonly offers: PackOffer[];
}

/**
 * Checks a draft against every active pack; each finding names its pack. Each pack is checked on
 * its own, so a pack that fails is reported and the others still apply.
 */
export function checkWithPacks(packs: readonly ActivePack[], text: string, options: CheckOptions): PackCheck {
  const findings: PackFinding[] = [];
  const failures: PackFailure[] = [];
  const offers: PackOffer[] = [];
  for (const { compiled } of packs) {
    const { name, policyUrl } = compiled.pack;
    try {
      for (const finding of compiled.check(text, options)) findings.push({ ...finding, packName: name, ...(policyUrl ? { policyUrl } : {}) });
      for (const post of compiled.approvedPosts(text, options)) if (post.relevant) offers.push({ ...post, packName: name });
    } catch (error) {
      failures.push({ packName: name, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  findings.sort((a, b) => a.start - b.start || b.end - a.end);
  return { findings, failures, offers };
}

/** Each sentence's work-talk and hostile-tone scores, and the rules in force that flag by them. */
export interface Explanation {
  readonly sentences: readonly SentenceScores[];
  readonly rules: readonly (ModelRule & { readonly packName: string })[];
  /** The draft talks about pay, hours, conditions or organising: work-talk rules ask nothing of it. */
  readonly protectedTalk: boolean;
}

/** Why the text models flag a sentence or not, for the options page's playground: the scores `check` compares. */
export function explainWithPacks(packs: readonly ActivePack[], text: string, textModels: TextModels, options: CheckOptions): Explanation {
  return {
    sentences: textModels.scoreDraft(text),
    rules: packs.flatMap(({ compiled }) => compiled.modelRules(textModels, options).map((rule) => ({ ...rule, packName: compiled.pack.name }))),
    protectedTalk: packs.some(({ compiled }) => compiled.talksAboutProtectedTopics(text)),
  };
}

/** Every approved post in force on a site (the popup lists them), with its pack. */
export function approvedPostsFor(packs: readonly ActivePack[], site: string): PackOffer[] {
  return packs.flatMap(({ compiled }) => compiled.approvedPosts('', { site }).map((post) => ({ ...post, packName: compiled.pack.name })));
}
