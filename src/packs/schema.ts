import { z } from 'zod';
import { isSupportedCountry } from 'libphonenumber-js/min';
import { DETECTORS } from '../policy/detectors';
import { hasWordCharacter } from '../policy/fold';
import { describeRegexProblem, MAX_PACK_PATTERN_INSTRUCTIONS, patternCost } from '../policy/pattern-rules';

/**
 * Rule-pack format v1: the single source of truth. TypeScript types are inferred from it and the
 * JSON Schema for editors is generated from it (`sera pack schema`).
 */

const nonEmpty = (what: string) => z.string().trim().min(1, `${what} must not be empty`);

/** Longer "terms" are sentences pasted by mistake; the cap also bounds the matcher's work per word. */
export const MAX_TERM_LENGTH = 200;
/** A name or phrase matched in drafts: a term, name, alias, exception or disclaimer phrase. */
const matched = (what: string) =>
  nonEmpty(what)
    .max(MAX_TERM_LENGTH, `${what} may be at most ${MAX_TERM_LENGTH} characters; list the confidential name itself, not a sentence`)
    .refine(hasWordCharacter, {
      error: (issue) =>
        `${what} needs a letter or digit: "${String(issue.input)}" (${describeCodePoints(String(issue.input))}) has none once invisible characters and punctuation are set aside, so it would never match; write the name itself`,
    });

/** "U+200D" for each character, so that invisible ones show in the message. */
function describeCodePoints(text: string): string {
  return [...text].map((char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
}

const isoDate = z.iso.date({ error: 'must be a date like 2026-03-31' });
const isoDateTime = z.iso.datetime({
  offset: true,
  error: 'must be a date-time with a time zone, like 2026-05-01T09:00:00Z or 2026-05-01T09:00:00+03:00',
});

const hostName = z
  .string()
  .regex(
    /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    'must be a lowercase host name like x.com or mastodon.social (no scheme, path or port)',
  );

/** A text per language Sera tells apart in drafts. */
const perLanguage = (what: string) =>
  z.strictObject(
    { en: nonEmpty(what).optional(), fi: nonEmpty(what).optional(), sw: nonEmpty(what).optional() },
    { error: 'may only give texts for en, fi and sw' },
  );

/** Where a draft goes: a post, a reply or comment to someone, or a profile field (bio, headline, description). */
export const SURFACES = ['post', 'reply', 'bio'] as const;
export type Surface = (typeof SURFACES)[number];
const surface = z.enum(SURFACES, { error: 'must be "post", "reply" or "bio"' });

const ruleBase = {
  id: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      'must be letters, digits, dots, hyphens or underscores, like no-codenames',
    )
    .describe('Unique id of the rule; findings and examples refer to it.'),
  severity: z
    .enum(['info', 'warn', 'block'], {
      error: 'must be "info", "warn" or "block" ("block" asks the person to confirm before posting)',
    })
    .describe('"block" means: ask the person to confirm before posting. Nothing is ever blocked silently.'),
  message: nonEmpty('message').describe('Shown to the person: why this is flagged.'),
  policyRef: nonEmpty('policyRef').optional().describe('The policy section, e.g. "§4.2 Confidential information".'),
  exceptions: z
    .array(matched('an exception'))
    .optional()
    .describe('Phrases whose occurrences are never flagged by this rule, e.g. "Arctic tern".'),
  sites: z
    .array(hostName)
    .min(1, 'must list at least one host name, or be left out to apply everywhere')
    .optional()
    .describe('Limit the rule to these sites (host names; subdomains included).'),
  surfaces: z
    .array(surface)
    .optional()
    .describe('Limit the rule to these surfaces: "post", "reply" (replies and comments), "bio" (profile fields); default: all.'),
  activeFrom: isoDateTime.optional().describe('The rule applies from this moment on, e.g. the start of a quiet period.'),
  activeUntil: isoDateTime.optional().describe('The rule applies until this moment, e.g. the end of a crisis notice.'),
  escalate: z
    .strictObject({
      contact: z
        .string()
        .regex(/^(?:mailto:|https:\/\/)\S+$|^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an e-mail address, or a mailto: or https: link'),
      text: nonEmpty('text').describe('The button\'s words, e.g. "Let the social team answer".'),
    })
    .optional()
    .describe('Whom to tell instead: shown in the card as a button (e-mail or link).'),
};

const replacement = nonEmpty('replacement')
  .optional()
  .describe('Approved wording offered as a one-click fix instead of the flagged words.');

const termsRule = z
  .strictObject({
    ...ruleBase,
    kind: z.literal('terms'),
    terms: z.array(matched('a term')).min(1, 'must list at least one term'),
    replacement,
  })
  .describe('Confidential words and phrases: codenames, customer names.');

const unreleasedRule = z
  .strictObject({ ...ruleBase, kind: z.literal('unreleased'), replacement })
  .describe('Flags product names and aliases whose launch is still in the future.');

const disclaimerTrigger = z
  .enum(['organization', 'products', 'competitors', 'work'], {
    error: 'must be "organization", "products", "competitors" or "work"',
  })
  .describe('work: a sentence the on-device work-talk model reads as about the writer\'s own job, team or employer, even without a name.');

const disclaimerRule = z
  .strictObject({
    ...ruleBase,
    kind: z.literal('disclaimer'),
    trigger: z.array(disclaimerTrigger).min(1, 'must name at least one of organization, products, competitors, work'),
    phrases: z.array(matched('a phrase')).min(1, 'must list at least one phrase that satisfies the rule'),
    suggestion: nonEmpty('suggestion').describe('Text appended by the one-click fix.'),
    suggestions: perLanguage('suggestion')
      .optional()
      .describe('The suggestion in each language; the fix appends the one in the language of the draft (else a phrase in that language, else "suggestion").'),
  })
  .describe('When a draft mentions the trigger names and contains none of the phrases, flag the first mention.');

const regexFlags = z
  .string()
  .regex(/^(?!.*(.).*\1)[ims]*$/, 'may only contain the letters i, m and s, each at most once')
  .optional();

const patternRule = z
  .strictObject({
    ...ruleBase,
    kind: z.literal('pattern'),
    pattern: nonEmpty('pattern').describe('RE2 syntax (linear time): no lookarounds or backreferences.'),
    flags: regexFlags.describe('i: ignore case, m: ^ and $ match at line breaks, s: . matches line breaks.'),
    validate: z
      .enum(['luhn', 'iban'], { error: 'must be "luhn" or "iban"' })
      .optional()
      .describe('Only flag matches that pass this checksum.'),
    replacement,
  })
  .superRefine((rule, ctx) => {
    const problem = describeRegexProblem(rule.pattern, rule.flags ?? '');
    if (problem) ctx.addIssue({ code: 'custom', path: ['pattern'], message: problem });
  })
  .describe('An admin regular expression, run by a linear-time engine.');

const detectorRule = z
  .strictObject({
    ...ruleBase,
    kind: z.literal('detector'),
    detectors: z
      .array(z.enum(DETECTORS, { error: `must be one of ${DETECTORS.join(', ')}` }))
      .min(1, `must list at least one of ${DETECTORS.join(', ')}`),
    internalDomains: z
      .array(hostName)
      .optional()
      .describe('Hosts that are internal: the host itself and every subdomain.'),
    region: z
      .string()
      .refine((code) => isSupportedCountry(code), 'must be a two-letter country code such as US, FI or KE')
      .optional()
      .describe('Default country for phone numbers written without +country code.'),
  })
  .superRefine((rule, ctx) => {
    if (rule.detectors.includes('internal-url') && !rule.internalDomains?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['internalDomains'],
        message: 'the internal-url detector needs internalDomains, e.g. ["corp.example.com"]',
      });
    }
  })
  .describe('Built-in detectors for personal data, secrets and internal links.');

export const PHOTO_CHECKS = ['text', 'people', 'screens'] as const;

const photoRule = z
  .strictObject({
    ...ruleBase,
    kind: z.literal('photo'),
    checks: z
      .array(z.enum(PHOTO_CHECKS, { error: `must be one of ${PHOTO_CHECKS.join(', ')}` }))
      .min(1, `must list at least one of ${PHOTO_CHECKS.join(', ')}`)
      .describe('text: words read in the photo go through the pack\'s other rules; people: faces; screens: monitors, laptops, phones, documents.'),
    severities: z
      .strictObject({ people: ruleBase.severity.optional(), screens: ruleBase.severity.optional() })
      .optional()
      .describe('Severity per check (default: the rule\'s severity). Text findings keep the severity of the rule they match; a screen showing such text takes the higher one.'),
  })
  .describe('On-device checks of photos before they are posted.');

/** The lowest tone threshold a pack may set (the model's default): below it, the model flags protected complaints too. */
export const MIN_TONE_THRESHOLD = 0.7;

const toneRule = z
  .strictObject({
    ...ruleBase,
    kind: z.literal('tone'),
    threshold: z
      .number({ error: `must be a number from ${MIN_TONE_THRESHOLD} to 0.99` })
      .min(MIN_TONE_THRESHOLD, `must be at least ${MIN_TONE_THRESHOLD}: lower thresholds flag criticism of pay, hours, safety and management, which is protected speech`)
      .max(0.99, 'must be at most 0.99')
      .optional()
      .describe('How sure the hostile-tone model must be (0.7 to 0.99) before a sentence is flagged; default: the model\'s own threshold (0.7). Higher flags less.'),
  })
  .describe('Insults, harassment and demeaning remarks aimed at people, found per sentence by the on-device hostile-tone model (English, Finnish, Swahili). Criticism of the employer, pay, hours, safety or unions is not flagged.');

export const RULE_KINDS = ['terms', 'unreleased', 'disclaimer', 'pattern', 'detector', 'photo', 'tone'] as const;

const rule = z.discriminatedUnion('kind', [termsRule, unreleasedRule, disclaimerRule, patternRule, detectorRule, photoRule, toneRule], {
  error: `kind must be one of ${RULE_KINDS.join(', ')}`,
});

const product = z.strictObject({
  name: matched('a product name'),
  aliases: z.array(matched('an alias')).optional(),
  launch: isoDateTime.optional().describe('Until this moment the name is confidential.'),
});

const inLanguages = (what: string) =>
  perLanguage(what).refine((texts) => Object.keys(texts).length > 0, 'must give the text in at least one of en, fi, sw');

const approvedPost = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, dots, hyphens or underscores, like launch-day'),
    text: inLanguages('text').describe('The post, per language; the one in the draft\'s language (else English, else any) is offered.'),
    hashtags: z
      .array(z.string().regex(/^#?[\p{L}\p{N}_]+$/u, 'must be one hashtag like #AcmeNova'))
      .optional(),
    link: z
      .url({ protocol: /^https$/, error: 'must be an https URL' })
      .optional()
      .describe('A page or image to link to: only the link is inserted; Sera fetches nothing.'),
    products: z
      .array(nonEmpty('a product name'))
      .optional()
      .describe('Offered while a draft names one of these products, once launched; without it, offered on every draft.'),
    from: isoDateTime.optional().describe('Offered from this moment, e.g. the launch.'),
    until: isoDateTime.optional().describe('Offered until this moment.'),
    sites: z.array(hostName).min(1, 'must list at least one host name, or be left out').optional(),
  })
  .describe('An approved post employees may share as it is.');

const example = z.strictObject({
  text: z.string(),
  at: isoDateTime.optional().describe('Check time; default: now.'),
  site: hostName.optional(),
  surface: surface.optional().describe('Where the text goes; default: post.'),
  expect: z.array(z.string()).describe('The ids of the rules that must flag this text, and no others.'),
});

export const packSchema = z
  .strictObject({
    $schema: z.string().optional(),
    schemaVersion: z.literal(1, { error: 'must be 1 (this is rule-pack format version 1)' }),
    id: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case, like acme-social-media (lowercase letters, digits, single hyphens)'),
    name: nonEmpty('name'),
    serial: z
      .number({ error: 'must be a whole number of at least 1' })
      .int('must be a whole number of at least 1')
      .min(1, 'must be a whole number of at least 1')
      .describe('Raise it with every published revision; older serials are refused.'),
    revised: isoDate,
    reviewBy: isoDate.optional(),
    policyUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    contact: nonEmpty('contact').optional(),
    organization: z.strictObject({
      names: z
        .array(matched('a name'))
        .min(1, 'must list at least one name of the employer')
        .describe('The employer\'s names, handles and tickers: "Acme", "@AcmeCorp", "$ACME".'),
    }),
    competitors: z.array(matched('a competitor')).optional(),
    products: z.array(product).optional(),
    rules: z.array(rule).superRefine((rules, ctx) => {
      const costs = rules.map((rule) => (rule.kind === 'pattern' && !describeRegexProblem(rule.pattern, rule.flags) ? patternCost(rule.pattern, rule.flags) : 0));
      const total = costs.reduce((sum, cost) => sum + cost, 0);
      if (total <= MAX_PACK_PATTERN_INSTRUCTIONS) return;
      const costliest = costs.indexOf(Math.max(...costs));
      ctx.addIssue({
        code: 'custom',
        path: [costliest, 'pattern'],
        message: `the pack's patterns together are too costly to run on every keystroke (${total} steps per character; at most ${MAX_PACK_PATTERN_INSTRUCTIONS}); this one costs ${costs[costliest]}: use smaller repeat counts or merge similar patterns`,
      });
    }),
    share: z.array(approvedPost).optional().describe('Approved posts: the compose layer offers them, the popup lists them.'),
    examples: z.array(example).optional(),
  })
  .describe('A Sera rule pack (format v1).');

export type Pack = z.infer<typeof packSchema>;
export type Rule = Pack['rules'][number];
export type RuleOf<K extends Rule['kind']> = Extract<Rule, { kind: K }>;
export type Severity = Rule['severity'];
export type PackExample = NonNullable<Pack['examples']>[number];
export type ApprovedPostSpec = NonNullable<Pack['share']>[number];
