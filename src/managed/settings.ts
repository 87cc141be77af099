import { z } from 'zod';
import { parsePublicKey, type PublicKey } from '../packs/signature';
import { CLEAN_MODES } from '../photos/report';

/**
 * The organisation's settings, as enterprise policy delivers them (`storage.managed`; Firefox reads
 * the same keys from `3rdparty` policies). `managed_schema.json` beside this file is what Chrome
 * validates against; this parser is what Sera trusts. Some channels deliver everything as strings
 * (registry REG_SZ values, plist strings, JSON typed into an admin console), so lists, booleans and
 * numbers are also accepted in their string forms.
 */

export const DEFAULT_REFRESH_HOURS = 6;

/** A list, or a string holding a JSON list, or one item per line or comma. */
const stringList = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      return JSON.parse(text);
    } catch {
      return value;
    }
  }
  return text.split(/[\n,]/).map((item) => item.trim()).filter(Boolean);
}, z.array(z.string().trim().min(1, 'must not be empty'), { error: 'must be a list of strings' }));

const booleanLike = z.preprocess((value) => {
  if (typeof value === 'string') return { true: true, false: false, '1': true, '0': false }[value.trim().toLowerCase()] ?? value;
  if (value === 1 || value === 0) return value === 1;
  return value;
}, z.boolean({ error: 'must be true or false' }));

const hours = z.preprocess(
  (value) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
  z.number({ error: 'must be a whole number of hours' }).int('must be a whole number of hours').min(1, 'must be at least 1').max(168, 'must be at most 168 (a week)'),
);

const hostName = z
  .string()
  .transform((host) => host.trim().toLowerCase().replace(/^\*\./, ''))
  .pipe(z.string().regex(/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,}$/, 'must be a host name like mastodon.example.org'));

const packUrl = z.string().refine(isAllowedPackUrl, 'must be an https:// address (http:// only for localhost)');

const fields = {
  packUrls: stringList.pipe(z.array(packUrl)),
  trustedKeys: stringList,
  inlinePack: z.string({ error: 'must be the pack as a JSON string' }).trim().min(1, 'must not be empty'),
  photoMode: z.enum(CLEAN_MODES, { error: `must be ${CLEAN_MODES.map((mode) => `"${mode}"`).join(' or ')}` }),
  extraSites: stringList.pipe(z.array(hostName)),
  allowUserDisable: booleanLike,
  refreshHours: hours,
  photoChecks: booleanLike,
};

export type ManagedKey = keyof typeof fields;
export const MANAGED_KEYS = Object.keys(fields) as ManagedKey[];

export interface ManagedSettings {
  readonly packUrls: readonly string[];
  /** Set whenever the organisation set trustedKeys, even to keys that do not parse: fail closed. */
  readonly signaturesRequired: boolean;
  readonly trustedKeys: readonly PublicKey[];
  readonly inlinePack?: string;
  readonly photoMode?: (typeof CLEAN_MODES)[number];
  readonly extraSites: readonly string[];
  readonly allowUserDisable: boolean;
  readonly refreshHours: number;
  /** The photo checks on (true) or off (false) for everyone, the options page's switch locked; unset: the person decides. */
  readonly photoChecks?: boolean;
  /** The keys the organisation set (valid ones), shown locked. */
  readonly locked: readonly ManagedKey[];
  /** Keys that were set but could not be used, each with what to fix. */
  readonly problems: readonly { readonly key: string; readonly message: string }[];
}

export const NO_MANAGED_SETTINGS: ManagedSettings = parseManagedSettings({});

/**
 * Parses each key on its own, so one bad value costs only that key; unknown keys are reported
 * (a typo in a policy file should not pass silently).
 */
export function parseManagedSettings(raw: unknown): ManagedSettings {
  const input = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const values: Partial<Record<ManagedKey, unknown>> = {};
  const problems: { key: string; message: string }[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (!(key in fields)) {
      problems.push({ key, message: `unknown setting; the settings are ${MANAGED_KEYS.join(', ')}` });
      continue;
    }
    const result = fields[key as ManagedKey].safeParse(value);
    if (result.success) values[key as ManagedKey] = result.data;
    else problems.push({ key, message: result.error.issues.map((issue) => (issue.path.length ? `[${issue.path.join('.')}] ` : '') + issue.message).join('; ') });
  }
  const trustedKeys: PublicKey[] = [];
  ((values.trustedKeys as string[] | undefined) ?? []).forEach((text, i) => {
    try {
      trustedKeys.push(parsePublicKey(text));
    } catch (error) {
      problems.push({ key: 'trustedKeys', message: `[${i}] ${(error as Error).message}` });
    }
  });
  return {
    packUrls: (values.packUrls as string[] | undefined) ?? [],
    signaturesRequired: 'trustedKeys' in input,
    trustedKeys,
    inlinePack: values.inlinePack as string | undefined,
    photoMode: values.photoMode as ManagedSettings['photoMode'],
    extraSites: (values.extraSites as string[] | undefined) ?? [],
    allowUserDisable: (values.allowUserDisable as boolean | undefined) ?? true,
    refreshHours: (values.refreshHours as number | undefined) ?? DEFAULT_REFRESH_HOURS,
    photoChecks: values.photoChecks as boolean | undefined,
    locked: Object.keys(values) as ManagedKey[],
    problems,
  };
}

/** Pack URLs must be HTTPS; plain HTTP only on this machine (local testing). */
export function isAllowedPackUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
