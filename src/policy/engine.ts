import type { SentenceScores, TextModels } from '../ml/text-models';
import type { ApprovedPostSpec, Pack, Rule, RuleOf, Severity, Surface } from '../packs/schema';
import type { Fix } from './fix';
import { detect, type DetectedSpan, type Span } from './detectors';
import { findEmails } from './detectors/email';
import { findLinks } from './detectors/link';
import { SpanIndex } from './detectors/span-index';
import { detectLanguage, type Language } from './language';
import { isOrdinaryWord, writtenAsOrdinaryWord } from './ordinary-words';
import { PatternMatcher } from './pattern-rules';
import { UNAMBIGUOUS_PROTECTED_TOPICS } from './protected-speech';
import { TermMatcher, type TermHit } from './term-matcher';

export interface Escalation {
  /** An e-mail address, or a mailto: or https: link. */
  readonly contact: string;
  readonly text: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly kind: Rule['kind'];
  readonly severity: Severity;
  /** UTF-16 offsets into the draft: exactly the span to underline. */
  readonly start: number;
  readonly end: number;
  readonly match: string;
  readonly message: string;
  readonly policyRef?: string;
  /** Whom to tell instead (the social team, the press office), shown as a button in the card. */
  readonly escalate?: Escalation;
  readonly fix: Fix;
  /**
   * 'low' for a term or product name that is an everyday word, written as one (lower case, or
   * capitalised where a sentence starts) in a draft that does not name the organisation: the
   * severity is then 'info', whatever the rule says.
   */
  readonly confidence: 'high' | 'low';
  /** For a sentence flagged by a text model (work talk, hostile tone): the model's score, 0 to 1. */
  readonly score?: number;
  /**
   * A disclaimer finding raised by the work-talk model rather than by a name: the card explains it
   * in the draft's language (when it could be told) and lets the person say it is not about work.
   */
  readonly workTalk?: { readonly language?: Language };
}

/** Why a work-talk disclaimer finding is there: the rule's message is about names. */
export const WORK_TALK_MESSAGE = 'This sounds like it is about your work: add that the views are your own.';

export interface CheckOptions {
  /** The moment of posting, for launch dates (default: now). */
  readonly at?: Date | string | number;
  /** Host name of the site the draft is for; rules limited to other sites are skipped. */
  readonly site?: string;
  /** Where the draft goes (default: a post); rules limited to other surfaces are skipped. */
  readonly surface?: Surface;
  /**
   * The work-talk and hostile-tone models (src/ml/text-models.ts), loaded by the caller: without
   * them, `work` disclaimer triggers and tone rules find nothing.
   */
  readonly textModels?: TextModels;
  /**
   * Where sentences start that the person said are not about work (offsets into this draft): the
   * work trigger passes them over, so a later work sentence may still be flagged.
   */
  readonly notAboutWork?: readonly number[];
}

/** A rule that flags sentences by a text model's score, and the score from which it does. */
export interface ModelRule {
  readonly ruleId: string;
  readonly model: 'work' | 'hostile';
  readonly threshold: number;
}

export interface CompiledPack {
  readonly pack: Pack;
  /** Whether the pack has rules for the text models, which are then worth loading. */
  readonly usesTextModels: boolean;
  check(text: string, options?: CheckOptions): Finding[];
  /** The pack's text-model rules in force for a check (site, surface, moment), with the thresholds `check` applies. */
  modelRules(models: TextModels, options?: CheckOptions): ModelRule[];
  /** The pack's approved posts that may be shared now, on this site. */
  approvedPosts(text: string, options?: CheckOptions): ApprovedPost[];
  /**
   * Whether the draft talks about pay, hours, working conditions or organising (packs with a `work`
   * trigger look for it): protected speech, of which the work trigger asks no disclaimer.
   */
  talksAboutProtectedTopics(text: string): boolean;
}

/** An approved post as it would be inserted. */
export interface ApprovedPost {
  readonly id: string;
  /** The text in the draft's language (else English), then its hashtags and link. */
  readonly text: string;
  /** The draft names a (launched) product the post is about: the composer offers it. */
  readonly relevant: boolean;
}

/** What a name in the one shared term list stands for. */
type TermSource =
  | { readonly type: 'term'; readonly rule: number; readonly name: string }
  | { readonly type: 'exception'; readonly rule: number }
  | { readonly type: 'phrase'; readonly rule: number }
  | { readonly type: 'products'; readonly product: string; readonly launch: number | undefined; readonly name: string }
  | { readonly type: 'organization' }
  | { readonly type: 'competitors' }
  | { readonly type: 'protected' };

export function compilePack(pack: Pack): CompiledPack {
  const terms: [string, TermSource][] = [];
  pack.organization.names.forEach((name) => terms.push([name, { type: 'organization' }]));
  pack.competitors?.forEach((name) => terms.push([name, { type: 'competitors' }]));
  for (const product of pack.products ?? []) {
    const launch = product.launch ? Date.parse(product.launch) : undefined;
    for (const name of [product.name, ...(product.aliases ?? [])]) terms.push([name, { type: 'products', product: product.name, launch, name }]);
  }
  const patternRules: number[] = [];
  pack.rules.forEach((rule, index) => {
    rule.exceptions?.forEach((phrase) => terms.push([phrase, { type: 'exception', rule: index }]));
    if (rule.kind === 'terms') rule.terms.forEach((term) => terms.push([term, { type: 'term', rule: index, name: term }]));
    if (rule.kind === 'disclaimer') rule.phrases.forEach((phrase) => terms.push([phrase, { type: 'phrase', rule: index }]));
    if (rule.kind === 'pattern') patternRules.push(index);
  });
  // In the one term list, so a check finds them in the same pass over the draft.
  if (pack.rules.some((rule) => rule.kind === 'disclaimer' && rule.trigger.includes('work'))) {
    UNAMBIGUOUS_PROTECTED_TOPICS.forEach((topic) => terms.push([topic, { type: 'protected' }]));
  }
  const termMatcher = new TermMatcher(terms);
  const windows = pack.rules.map(activeWindow);
  const launches = new Map((pack.products ?? []).flatMap((product) => {
    const launch = product.launch ? Date.parse(product.launch) : -Infinity;
    return [product.name, ...(product.aliases ?? [])].map((name) => [name, launch] as const);
  }));
  const patternMatcher = new PatternMatcher(patternRules.map((index) => pack.rules[index] as RuleOf<'pattern'>));
  const hasModelRules = usesTextModels(pack);
  const inForce = (options: CheckOptions, at: number) => {
    const surface = options.surface ?? 'post';
    return pack.rules.map((rule, index) => appliesToSite(rule, options.site) && (!rule.surfaces || rule.surfaces.includes(surface)) && windows[index]!(at));
  };

  return {
    pack,
    usesTextModels: hasModelRules,
    check(text, options = {}) {
      const at = checkTime(options.at);
      const applies = inForce(options, at);
      const language = draftLanguage(text);
      const names = termMatcher.isEmpty ? [] : termMatcher.find(text, { language });
      // A name in someone's e-mail address (jane@acme.com) is not talk about the employer.
      const emailSpans = findEmails(text);
      const emails = new SpanIndex(emailSpans);
      const organizationMentions = names.filter((hit) => hit.value.type === 'organization' && !emails.containing(hit));
      // Detectors before the names are grouped: a name inside an address they flag is part of that address, not a second finding.
      const detected = new Map<number, DetectedSpan[]>();
      pack.rules.forEach((rule, index) => {
        if (rule.kind !== 'detector' || !applies[index]) return;
        detected.set(index, detect(text, rule.detectors, { internalDomains: rule.internalDomains ?? [], region: rule.region, organizationMentions, language }));
      });
      const addresses = [...detected.values()].flat().filter((span) => span.detector !== 'spokesperson');
      const flaggedAddresses = new SpanIndex(addresses);
      const hits = groupHits(text, names, at, new SpanIndex([...emailSpans, ...addresses]));
      const models = hasModelRules ? options.textModels : undefined;
      const sentences = models ? models.scoreDraft(text) : [];
      if (models) {
        const notAboutWork = new Set(options.notAboutWork);
        const work = sentences.filter((sentence) => sentence.work >= models.work.threshold && !notAboutWork.has(sentence.start));
        // A draft about pay, hours or a union is protected speech: no disclaimer request for it.
        if (!hits.protectedTalk) hits.mentions.work.push(...work.map(({ start, end, work }) => ({ start, end, score: work })));
      }
      const patternSpans = patternRules.length ? patternMatcher.find(text) : undefined;
      const links = new SpanIndex(findLinks(text));
      const findings: Finding[] = [];
      const namesOrganization = hits.mentions.organization.length > 0;
      pack.rules.forEach((rule, index) => {
        // Photo rules act on images (src/ml), never on text.
        if (!applies[index] || rule.kind === 'photo') return;
        const spans: readonly NameSpan[] = rule.kind === 'detector' ? detected.get(index)! : ruleSpans(rule, index, hits, patternSpans?.get(patternRules.indexOf(index)), sentences, models);
        const exceptions = hits.exceptions.get(index);
        for (const span of nonOverlapping(spans)) {
          if (exceptions?.some((exception) => exception.start <= span.start && span.end <= exception.end)) continue;
          if (rule.kind !== 'detector' && rule.kind !== 'disclaimer' && flaggedAddresses.containing(span)) continue;
          const lowConfidence = span.ordinary === true && !namesOrganization;
          findings.push(finding(rule, text, span, fixFor(rule, text, span, language, links), lowConfidence ? 'low' : 'high', language));
          if (rule.kind === 'disclaimer') break; // one finding, on the first mention: one appended disclaimer fixes it
        }
      });
      return findings.sort((a, b) => a.start - b.start || b.end - a.end);
    },
    modelRules(models, options = {}) {
      const applies = inForce(options, checkTime(options.at));
      return pack.rules.flatMap((rule, index): ModelRule[] => {
        if (!applies[index]) return [];
        if (rule.kind === 'tone') return [{ ruleId: rule.id, model: 'hostile', threshold: toneThreshold(rule, models) }];
        if (rule.kind === 'disclaimer' && rule.trigger.includes('work')) return [{ ruleId: rule.id, model: 'work', threshold: models.work.threshold }];
        return [];
      });
    },
    approvedPosts(text, options = {}) {
      const at = checkTime(options.at);
      const language = draftLanguage(text) ?? 'en';
      const named = new Set<string>();
      for (const { value } of termMatcher.isEmpty ? [] : termMatcher.find(text, { language })) {
        if (value.type === 'products' && (value.launch === undefined || value.launch <= at)) named.add(value.product);
      }
      const launched = (name: string) => (launches.get(name) ?? Infinity) <= at;
      return (pack.share ?? [])
        .filter((post) => shareWindow(post, at) && appliesToSite(post, options.site) && (post.products ?? []).every(launched))
        .map((post) => ({
          id: post.id,
          text: approvedPostText(post, language),
          relevant: !post.products || post.products.some((name) => named.has(name) || named.has(canonicalProduct(pack, name))),
        }));
    },
    talksAboutProtectedTopics(text) {
      return !termMatcher.isEmpty && termMatcher.find(text, { language: draftLanguage(text) }).some((hit) => hit.value.type === 'protected');
    },
  };
}

/** Whether a pack has rules for the text models (a `work` trigger, a `tone` rule), which are then worth loading. */
export function usesTextModels(pack: Pack): boolean {
  return pack.rules.some((rule) => rule.kind === 'tone' || (rule.kind === 'disclaimer' && rule.trigger.includes('work')));
}

function shareWindow(post: ApprovedPostSpec, at: number): boolean {
  return (!post.from || Date.parse(post.from) <= at) && (!post.until || at < Date.parse(post.until));
}

function canonicalProduct(pack: Pack, name: string): string {
  return pack.products?.find((product) => product.name === name || product.aliases?.includes(name))?.name ?? name;
}

/** An approved post as inserted: the text in `language` (else English, else any), hashtags, link. */
export function approvedPostText(post: ApprovedPostSpec, language: Language): string {
  const body = post.text[language] ?? post.text.en ?? Object.values(post.text).find(Boolean)!;
  const hashtags = (post.hashtags ?? []).map((tag) => (tag.startsWith('#') ? tag : `#${tag}`));
  return [body, ...hashtags, ...(post.link ? [post.link] : [])].join(' ');
}

/** A span from a term or product name, or a sentence a text model scored. */
interface NameSpan extends Span {
  /** The name is an everyday word and the draft writes it as one (see ordinary-words.ts). */
  readonly ordinary?: boolean;
  readonly score?: number;
}

/** The term-list hits of one check, grouped by what they stand for. */
interface GroupedHits {
  readonly terms: Map<number, NameSpan[]>;
  readonly exceptions: Map<number, Span[]>;
  readonly satisfiedDisclaimers: Set<number>;
  readonly unreleased: NameSpan[];
  readonly mentions: Record<RuleOf<'disclaimer'>['trigger'][number], NameSpan[]>;
  /** The draft names pay, hours, conditions or organising (see `talksAboutProtectedTopics`). */
  protectedTalk: boolean;
}

/** Looked up per hit, not per term at compile time: the word lists are large and hits are few. */
function writtenAsOrdinary(text: string, hit: Span, name: string): boolean {
  return writtenAsOrdinaryWord(text, hit.start, hit.end) && isOrdinaryWord(name);
}

function groupHits(text: string, hits: readonly TermHit<TermSource>[], at: number, notMentions: SpanIndex): GroupedHits {
  const grouped: GroupedHits = {
    terms: new Map(),
    exceptions: new Map(),
    satisfiedDisclaimers: new Set(),
    unreleased: [],
    mentions: { organization: [], products: [], competitors: [], work: [] },
    protectedTalk: false,
  };
  for (const hit of hits) {
    const source = hit.value;
    switch (source.type) {
      case 'term':
      case 'exception': {
        const span = source.type === 'term' ? { start: hit.start, end: hit.end, ordinary: writtenAsOrdinary(text, hit, source.name) } : hit;
        const byRule = source.type === 'term' ? grouped.terms : grouped.exceptions;
        const spans = byRule.get(source.rule);
        if (spans) spans.push(span);
        else byRule.set(source.rule, [span]);
        break;
      }
      case 'phrase':
        grouped.satisfiedDisclaimers.add(source.rule);
        break;
      case 'protected':
        grouped.protectedTalk = true;
        break;
      case 'products': {
        const ordinary = writtenAsOrdinary(text, hit, source.name);
        if (source.launch !== undefined && source.launch > at) grouped.unreleased.push({ start: hit.start, end: hit.end, ordinary });
        // "A skylark sang" is no talk about the product Skylark: an everyday word written as one is no mention.
        if (!notMentions.containing(hit) && !ordinary) grouped.mentions.products.push(hit);
        break;
      }
      default:
        if (!notMentions.containing(hit)) grouped.mentions[source.type].push(hit);
    }
  }
  return grouped;
}

function ruleSpans(
  rule: Exclude<Rule, { kind: 'detector' | 'photo' }>,
  index: number,
  hits: GroupedHits,
  patternSpans: Span[] | undefined,
  sentences: readonly SentenceScores[],
  models: TextModels | undefined,
): readonly NameSpan[] {
  switch (rule.kind) {
    case 'terms':
      return hits.terms.get(index) ?? [];
    case 'unreleased':
      return hits.unreleased;
    case 'pattern':
      return patternSpans ?? [];
    case 'disclaimer':
      return hits.satisfiedDisclaimers.has(index) ? [] : rule.trigger.flatMap((list) => hits.mentions[list]);
    case 'tone': {
      if (!models) return [];
      const threshold = toneThreshold(rule, models);
      return sentences.filter((sentence) => sentence.hostile >= threshold).map(({ start, end, hostile }) => ({ start, end, score: hostile }));
    }
  }
}

function toneThreshold(rule: RuleOf<'tone'>, models: TextModels): number {
  return rule.threshold ?? models.hostile.threshold;
}

function fixFor(rule: Exclude<Rule, { kind: 'photo' }>, text: string, span: Span, language: Language | undefined, links: SpanIndex): Fix {
  if (rule.kind === 'disclaimer') return appendFix(text, suggestionFor(rule, language));
  // Editing inside a link would break it: the fix removes the whole link instead.
  const link = links.containing(span);
  if (link) return { ...replaceOrRemoveFix(text, link, undefined), label: 'Remove the link' };
  return replaceOrRemoveFix(text, span, rule.kind === 'detector' || rule.kind === 'tone' ? undefined : rule.replacement);
}

// The language of a long draft shows in its beginning; reading more would only cost time.
const LANGUAGE_SAMPLE = 1_000;

function draftLanguage(text: string): Language | undefined {
  return detectLanguage(text.length > LANGUAGE_SAMPLE ? text.slice(0, LANGUAGE_SAMPLE) : text).language;
}

/**
 * The disclaimer in the draft's language: the pack's suggestion for that language, else one of
 * its phrases written in that language, else the default suggestion.
 */
function suggestionFor(rule: RuleOf<'disclaimer'>, language: Language | undefined): string {
  if (!language) return rule.suggestion;
  const translated = rule.suggestions?.[language];
  if (translated) return translated;
  const phrase = rule.phrases.find((candidate) => detectLanguage(candidate).language === language);
  if (!phrase || detectLanguage(rule.suggestion).language === language) return rule.suggestion;
  return `${phrase[0]!.toUpperCase()}${phrase.slice(1)}.`;
}

function checkTime(at: CheckOptions['at']): number {
  if (at === undefined) return Date.now();
  const time = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(time)) throw new RangeError(`Invalid check time: ${String(at)}`);
  return time;
}

/** Whether a rule is in force at a moment: quiet periods and crisis notices have a start and an end. */
function activeWindow(rule: Rule): (at: number) => boolean {
  const from = rule.activeFrom ? Date.parse(rule.activeFrom) : -Infinity;
  const until = rule.activeUntil ? Date.parse(rule.activeUntil) : Infinity;
  return (at) => from <= at && at < until;
}

export function appliesToSite(rule: { readonly sites?: readonly string[] }, site: string | undefined): boolean {
  if (!rule.sites) return true;
  if (!site) return false;
  const host = site.toLowerCase();
  return rule.sites.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

/** Leftmost-longest spans that do not overlap: "Project Phoenix" wins over "Phoenix" inside it. */
function nonOverlapping<S extends Span>(spans: readonly S[]): S[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: S[] = [];
  for (const span of sorted) {
    const last = kept[kept.length - 1];
    if (!last || span.start >= last.end) kept.push(span);
  }
  return kept;
}

function finding(rule: Rule, text: string, span: NameSpan, fix: Fix, confidence: Finding['confidence'], language: Language | undefined): Finding {
  const workTalk = rule.kind === 'disclaimer' && span.score !== undefined;
  return {
    ruleId: rule.id,
    kind: rule.kind,
    severity: confidence === 'low' ? 'info' : rule.severity,
    start: span.start,
    end: span.end,
    match: text.slice(span.start, span.end),
    message: workTalk ? WORK_TALK_MESSAGE : rule.message,
    ...(rule.policyRef ? { policyRef: rule.policyRef } : {}),
    ...(rule.escalate ? { escalate: rule.escalate } : {}),
    fix,
    confidence,
    ...(span.score !== undefined ? { score: span.score } : {}),
    ...(workTalk ? { workTalk: language ? { language } : {} } : {}),
  };
}

function replaceOrRemoveFix(text: string, span: Span, replacement: string | undefined): Fix {
  if (replacement) return { label: `Replace with “${replacement}”`, start: span.start, end: span.end, replacement };
  // Take a hashtag sign and one neighbouring space along, so that no stray "#" or double space remains.
  let { start, end } = span;
  if (text[start - 1] === '#') start--;
  if (text[end] === ' ' && (start === 0 || /\s/.test(text[start - 1]!))) end++;
  else if (text[start - 1] === ' ' && (end === text.length || /[\s.,;:!?]/.test(text[end]!))) start--;
  return { label: 'Remove', start, end, replacement: '' };
}

function appendFix(text: string, suggestion: string): Fix {
  const trimmedEnd = text.trimEnd().length;
  const separator = trimmedEnd === 0 ? '' : text.includes('\n') ? '\n\n' : ' ';
  return { label: `Add “${suggestion}”`, start: trimmedEnd, end: text.length, replacement: separator + suggestion };
}
