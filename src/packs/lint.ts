import type { TextModels } from '../ml/text-models';
import { approvedPostText, compilePack, usesTextModels } from '../policy/engine';
import type { Language } from '../policy/language';
import { isWordClass, TextFolder } from '../policy/fold';
import { ordinaryWordIssues } from './ordinary-word-lint';
import { TermMatcher } from '../policy/term-matcher';
import type { PackIssue } from './parse';
import { PROTECTED_SENTENCES, PROTECTED_TOPICS } from '../policy/protected-speech';
import { surfacesOn } from '../sites';
import type { Pack } from './schema';

const MIN_TERM_CHARACTERS = 3;

const topicMatcher = new TermMatcher(PROTECTED_TOPICS.map((topic) => [topic, topic] as const));

/**
 * Warnings an admin should act on before publishing a pack that already passes the schema. A pack
 * with `work` or `tone` rules is linted with the text models (`textModelsFor`), as the extension checks.
 */
export function lintPack(pack: Pack, now: Date = new Date(), textModels?: TextModels): PackIssue[] {
  if (usesTextModels(pack) && !textModels) throw new Error(`pack "${pack.id}" has work or tone rules: lint it with the text models`);
  const warnings: PackIssue[] = [];
  const warn = (path: string, message: string) => warnings.push({ path, message });
  const today = now.toISOString().slice(0, 10);

  if (pack.reviewBy && pack.reviewBy < today) {
    warn('reviewBy', `the review date ${pack.reviewBy} has passed: review the pack, then set a new date and raise serial`);
  }

  const nameLists: [string, readonly string[]][] = [
    ['organization.names', pack.organization.names],
    ['competitors', pack.competitors ?? []],
  ];
  pack.products?.forEach((product, i) => {
    nameLists.push([`products[${i}].name`, [product.name]], [`products[${i}].aliases`, product.aliases ?? []]);
  });
  pack.rules.forEach((rule, i) => {
    if (rule.kind === 'terms') nameLists.push([`rules[${i}].terms`, rule.terms]);
  });
  const folder = new TextFolder();
  for (const [path, names] of nameLists) {
    names.forEach((name, j) => {
      const folded = folder.fold(name);
      const characters = Array.from(folded.classes.subarray(0, folded.length)).filter(isWordClass).length;
      if (characters < MIN_TERM_CHARACTERS) {
        const at = path.endsWith('.name') ? path : `${path}[${j}]`;
        warn(at, `"${name}" is shorter than ${MIN_TERM_CHARACTERS} letters and will flag unrelated words; use a longer form`);
      }
    });
  }

  pack.rules.forEach((rule, i) => {
    const from = rule.activeFrom ? Date.parse(rule.activeFrom) : undefined;
    const until = rule.activeUntil ? Date.parse(rule.activeUntil) : undefined;
    if (from !== undefined && until !== undefined && until <= from) {
      warn(`rules[${i}].activeUntil`, `the rule ends (${rule.activeUntil}) before it starts (${rule.activeFrom}), so it never applies; check the dates`);
    } else if (until !== undefined && until <= now.getTime()) {
      warn(`rules[${i}].activeUntil`, `the rule's window ended at ${rule.activeUntil}, so it no longer applies; remove the rule or move the date`);
    }
  });

  pack.rules.forEach((rule, i) => {
    if (!rule.surfaces) return;
    if (rule.surfaces.length === 0) {
      warn(`rules[${i}].surfaces`, 'the list is empty, so the rule never applies; list "post", "reply" or "bio", or leave the field out to apply everywhere');
      return;
    }
    const offered = rule.sites?.map((site) => surfacesOn(site));
    if (offered?.every((surfaces) => surfaces && !rule.surfaces!.some((surface) => surfaces.includes(surface)))) {
      warn(`rules[${i}].surfaces`, `Sera checks no ${rule.surfaces.join(' or ')} field on ${rule.sites!.join(', ')}, so the rule never applies; add a site that has one or widen the surfaces`);
    }
  });

  const seen = new Set<string>();
  pack.rules.forEach((rule, i) => {
    if (seen.has(rule.id)) warn(`rules[${i}].id`, `the id "${rule.id}" is used by an earlier rule; give every rule its own id`);
    seen.add(rule.id);
  });

  const protectedHits = protectedSpeechHits(pack);
  pack.rules.forEach((rule, i) => {
    if (rule.kind === 'terms') {
      rule.terms.forEach((term, j) => {
        const topics = topicMatcher.find(term).map((hit) => hit.value);
        if (topics.length) {
          warn(`rules[${i}].terms[${j}]`, `"${term}" is about ${topics.join(', ')}: talk about pay, hours, working conditions, unions and strikes is protected and must never be flagged; remove it`);
        }
      });
    }
    const flagged = protectedHits.get(i);
    if (flagged) {
        const { sentence, match } = flagged[0]!;
        warn(`rules[${i}]`, `flags protected speech about pay, hours, working conditions or unions: "${match}" in "${sentence}"${flagged.length > 1 ? ` and ${flagged.length - 1} more` : ''}; narrow the rule or remove it`);
    }
    if (rule.kind === 'unreleased') {
      const future = (pack.products ?? []).filter((p) => p.launch && Date.parse(p.launch) > now.getTime());
      if (!future.length) warn(`rules[${i}]`, 'no product has a launch date in the future, so this rule flags nothing; add products with "launch" or remove the rule');
    }
    if (rule.kind === 'disclaimer') {
      const phrases = new TermMatcher(rule.phrases.map((phrase) => [phrase, phrase] as const));
      const suggestions: [string, string][] = [['suggestion', rule.suggestion], ...Object.entries(rule.suggestions ?? {}).map(([language, text]) => [`suggestions.${language}`, text] as [string, string])];
      for (const [path, suggestion] of suggestions) {
        if (phrases.find(suggestion).length) continue;
        warn(`rules[${i}].${path}`, `"${suggestion}" does not contain any of the rule's phrases, so the fix would not satisfy the rule; include one of them`);
      }
      const empty = rule.trigger.filter((list) => list !== 'work' && (list === 'organization' ? pack.organization.names : pack[list] ?? []).length === 0);
      if (empty.length) warn(`rules[${i}].trigger`, `the pack lists no ${empty.join(' or ')}, so that trigger never fires; add names or drop it`);
    }
  });

  warnings.push(...ordinaryWordIssues(pack));

  warnings.push(...approvedPostIssues(pack, textModels));

  const flagsText = pack.rules.some((rule) => rule.kind !== 'photo' && rule.kind !== 'disclaimer');
  pack.rules.forEach((rule, i) => {
    if (rule.kind === 'photo' && rule.checks.includes('text') && !flagsText) {
      warn(`rules[${i}].checks`, 'the text check runs the pack\'s other rules on the words read in a photo, and no rule here flags names or patterns: add a terms, unreleased, pattern or detector rule, or leave out "text"');
    }
  });

  const ids = new Set(pack.rules.map((rule) => rule.id));
  pack.examples?.forEach((example, i) => {
    example.expect.forEach((id, j) => {
      if (!ids.has(id)) warn(`examples[${i}].expect[${j}]`, `no rule has the id "${id}"; use one of ${[...ids].join(', ')}`);
    });
  });
  return warnings;
}

/**
 * Which terms and pattern rules flag protected speech, by rule index. The rules are compiled once,
 * together, on every site (ids replaced by indices, which are unique even where ids are not), so
 * lint stays linear in the size of the pack.
 */
function protectedSpeechHits(pack: Pack): Map<number, { sentence: string; match: string }[]> {
  const rules = pack.rules.flatMap((rule, i) => (rule.kind === 'terms' || rule.kind === 'pattern' ? [{ ...rule, id: String(i), sites: undefined }] : []));
  const hits = new Map<number, { sentence: string; match: string }[]>();
  if (!rules.length) return hits;
  const compiled = compilePack({ ...pack, rules, examples: [] });
  for (const sentence of PROTECTED_SENTENCES) {
    for (const { ruleId, match } of compiled.check(sentence)) {
      const index = Number(ruleId);
      hits.set(index, [...(hits.get(index) ?? []), { sentence, match }]);
    }
  }
  return hits;
}

/**
 * Approved posts must pass the pack themselves (an employee who shares one must get no warning,
 * the disclosure included) at the moment they are first offered, and name products the pack has.
 */
function approvedPostIssues(pack: Pack, textModels: TextModels | undefined): PackIssue[] {
  const issues: PackIssue[] = [];
  if (!pack.share?.length) return issues;
  const compiled = compilePack(pack);
  const launchOf = new Map((pack.products ?? []).flatMap((product) => [product.name, ...(product.aliases ?? [])].map((name) => [name, product.launch] as const)));
  pack.share.forEach((post, i) => {
    post.products?.forEach((name, j) => {
      if (!launchOf.has(name)) issues.push({ path: `share[${i}].products[${j}]`, message: `no product is named "${name}", so the post is never offered; use a product's name or alias` });
    });
    const moments = [post.from, ...(post.products ?? []).map((name) => launchOf.get(name))].filter((moment): moment is string => Boolean(moment));
    const firstOffered = moments.length ? new Date(Math.max(...moments.map((moment) => Date.parse(moment)))) : undefined;
    for (const language of Object.keys(post.text) as Language[]) {
      const findings = compiled.check(approvedPostText(post, language), { ...(firstOffered ? { at: firstOffered } : {}), ...(post.sites ? { site: post.sites[0] } : {}), ...(textModels ? { textModels } : {}) });
      for (const finding of findings) {
        issues.push({ path: `share[${i}].text.${language}`, message: `the approved post itself is flagged by rule "${finding.ruleId}" ("${finding.match}": ${finding.message}); fix the post so that sharing it raises nothing` });
      }
    }
  });
  return issues;
}
