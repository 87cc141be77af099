import { equalBytes } from '../photos/bytes';
import { compilePack, type CompiledPack } from '../policy/engine';
import { textModelsFor } from '../ml/text-models';
import { runExamples } from './examples';
import { fetchPackBytes, MAX_SIGNATURE_BYTES, PackFetchError, type FetchOptions, type PackProblem } from './fetch-pack';
import { lintPack } from './lint';
import { formatIssue, parsePackJson } from './parse';
import type { Pack } from './schema';
import { SignatureError, verify, type PublicKey } from './signature';

/**
 * Where a pack comes from. Managed sources (enterprise policy) take precedence over the person's
 * own subscriptions and imports; the bundled demo pack is used only when there is nothing else.
 */
export type PackSource =
  | { readonly kind: 'managed-url'; readonly url: string }
  | { readonly kind: 'managed-inline' }
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'file'; readonly packId: string; readonly fileName: string };

export const isManaged = (source: PackSource) => source.kind === 'managed-url' || source.kind === 'managed-inline';

export function sourceKey(source: PackSource): string {
  switch (source.kind) {
    case 'managed-url':
      return `managed:${source.url}`;
    case 'managed-inline':
      return 'managed-inline';
    case 'url':
      return `url:${source.url}`;
    case 'file':
      return `file:${source.packId}`;
  }
}

/** A pack that passed every check, kept until a newer good one replaces it. */
export interface GoodPack {
  readonly json: string;
  /** The `.minisig` it was accepted with, kept so that a later trustedKeys change re-checks it. */
  readonly signature?: string;
  readonly signedBy?: string;
  readonly acceptedAt: string;
  readonly warnings: readonly string[];
}

export interface PackRecord {
  readonly source: PackSource;
  readonly good?: GoodPack;
  readonly lastChecked?: string;
  /** The last attempt failed; the good pack (if any) stays active. */
  readonly error?: PackProblem & { readonly at: string };
}

export interface TrustSettings {
  readonly signaturesRequired: boolean;
  readonly trustedKeys: readonly PublicKey[];
}

export type Acceptance =
  | { readonly ok: true; readonly good: GoodPack; readonly pack: Pack; readonly compiled: CompiledPack }
  | { readonly ok: false; readonly problem: PackProblem };

const refuse = (message: string, hint: string): Acceptance => ({ ok: false, problem: { message, hint } });

/**
 * Everything a pack must pass before it becomes active: signature (when trustedKeys is set), UTF-8,
 * JSON, schema, its own examples, and rollback protection by serial.
 */
export async function acceptPack(
  bytes: Uint8Array,
  signature: string | undefined,
  context: {
    trust: TrustSettings;
    highestSerial: (packId: string) => number | undefined;
    /** The good pack this one would replace (looked up by id: an import's source is known only once read). */
    previous?: (packId: string) => GoodPack | undefined;
    now: Date;
  },
): Promise<Acceptance> {
  const { trust, now } = context;
  const signed = checkSignature(bytes, signature, trust);
  if ('message' in signed) return { ok: false, problem: signed };
  const { signedBy } = signed;
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse('the pack is not UTF-8 text', 'Publish the JSON file that "sera pack build" wrote.');
  }
  const parsed = parsePackJson(json);
  if (!parsed.ok) {
    const [first, ...rest] = parsed.errors;
    return refuse(`not a valid rule pack: ${formatIssue(first!)}${rest.length ? ` (and ${rest.length} more)` : ''}`, 'Run "sera pack lint" on the file, fix it, and publish it with a higher serial.');
  }
  const { pack } = parsed;
  const highest = context.highestSerial(pack.id);
  if (highest !== undefined && pack.serial < highest) {
    return refuse(
      `serial ${pack.serial} of pack "${pack.id}" is lower than serial ${highest}, which was already accepted: an old copy is being served, so it is refused`,
      `Publish the current pack again, or a new revision with serial ${highest + 1} or higher.`,
    );
  }
  const replaced = context.previous?.(pack.id);
  if (replaced && replaced.json !== json) {
    const previous = parsePackJson(replaced.json);
    if (previous.ok && previous.pack.id === pack.id && previous.pack.serial === pack.serial) {
      return refuse(`pack "${pack.id}" changed but kept serial ${pack.serial}`, `Raise serial (to ${pack.serial + 1}) with every published change.`);
    }
  }
  // Through the cache: the background compiles an accepted pack once, not again when it activates it.
  const compiled = compiledOf(json, pack)!;
  const failing = (await runExamples(compiled)).filter((result) => !result.passed);
  if (failing.length) {
    const { index, example, found } = failing[0]!;
    return refuse(
      `example ${index + 1} of the pack fails: expected ${example.expect.join(', ') || 'nothing'}, found ${found.join(', ') || 'nothing'}${failing.length > 1 ? ` (and ${failing.length - 1} more failing)` : ''}`,
      'Run "sera pack test" on the file, fix the rules or the examples, and publish it with a higher serial.',
    );
  }
  return {
    ok: true,
    pack,
    compiled,
    good: { json, ...(signature !== undefined && signedBy ? { signature, signedBy } : {}), acceptedAt: now.toISOString(), warnings: lintPack(pack, now, await textModelsFor([pack])).map(formatIssue) },
  };
}

/** Under trustedKeys a pack needs a valid signature by one of them; otherwise signatures are not checked. */
function checkSignature(bytes: Uint8Array, signature: string | undefined, trust: TrustSettings): { signedBy?: string } | PackProblem {
  if (!trust.signaturesRequired) return {};
  if (!trust.trustedKeys.length) return { message: 'no usable key in trustedKeys, so no pack can be verified', hint: 'Fix trustedKeys in the policy: each entry is a minisign public key line starting with "RW".' };
  if (signature === undefined) return { message: 'the pack is not signed, and your organisation requires signed packs', hint: 'Sign it ("sera pack sign PACK.json" or "minisign -S -m PACK.json") and publish PACK.json.minisig beside it.' };
  try {
    return { signedBy: verify(bytes, signature, trust.trustedKeys).keyId };
  } catch (error) {
    if (!(error instanceof SignatureError)) throw error;
    return { message: `signature refused: ${error.message}`, hint: 'Publish the signature made for this exact file with a key listed in trustedKeys; if the file was changed on the server, restore it.' };
  }
}

export interface RefreshContext {
  readonly trust: TrustSettings;
  readonly highestSerial: (packId: string) => number | undefined;
  readonly now: () => Date;
  readonly fetchOptions?: FetchOptions;
}

/**
 * Fetches a URL source and returns its new record. On any failure the last good pack stays and the
 * record carries the error; nothing here throws.
 */
export async function refreshUrlRecord(record: PackRecord & { source: { url: string } }, context: RefreshContext): Promise<{ record: PackRecord; accepted?: Pack }> {
  const { url } = record.source;
  const checkedAt = context.now().toISOString();
  const failed = (problem: PackProblem) => ({ record: { ...record, lastChecked: checkedAt, error: { ...problem, at: checkedAt } } });
  let bytes: Uint8Array;
  let signature: string | undefined;
  const fetchOptions = { ...context.fetchOptions, redirectToOtherHosts: context.trust.signaturesRequired };
  try {
    bytes = await fetchPackBytes(url, fetchOptions);
    if (context.trust.signaturesRequired) signature = await fetchSignature(`${url}.minisig`, fetchOptions);
  } catch (error) {
    if (error instanceof PackFetchError) return failed({ message: error.message, hint: error.hint });
    throw error;
  }
  if (record.good && record.good.signature === signature && equalBytes(new TextEncoder().encode(record.good.json), bytes)) return { record: { source: record.source, good: record.good, lastChecked: checkedAt } };
  const result = await acceptPack(bytes, signature, { trust: context.trust, highestSerial: context.highestSerial, previous: () => record.good, now: context.now() });
  if (!result.ok) return failed(result.problem);
  return { record: { source: record.source, good: result.good, lastChecked: checkedAt }, accepted: result.pack };
}

async function fetchSignature(url: string, options: FetchOptions | undefined): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await fetchPackBytes(url, { ...options, maxBytes: MAX_SIGNATURE_BYTES }));
  } catch (error) {
    if (error instanceof PackFetchError && error.notFound) return undefined;
    throw error;
  }
}

export type PackStatus =
  | { readonly state: 'active' }
  | { readonly state: 'shadowed'; readonly by: PackSource }
  | { readonly state: 'refused'; readonly problem: PackProblem }
  | { readonly state: 'waiting' };

export interface ResolvedPack {
  readonly key: string;
  readonly record: PackRecord;
  readonly status: PackStatus;
  readonly compiled?: CompiledPack;
}

const compiledByJson = new Map<string, CompiledPack>();

/** The compiled pack for a pack's JSON; `pack` is that JSON already parsed, when the caller has it. */
function compiledOf(json: string, pack?: Pack): CompiledPack | undefined {
  let compiled = compiledByJson.get(json);
  if (!compiled) {
    const parsed = pack ? { ok: true as const, pack } : parsePackJson(json);
    if (!parsed.ok) return undefined;
    compiled = compilePack(parsed.pack);
    compiledByJson.set(json, compiled);
  }
  return compiled;
}

/** Keeps the compile cache to the packs in use, so replaced packs do not pile up in the background. */
function pruneCompiled(inUse: ReadonlySet<string>): void {
  for (const json of compiledByJson.keys()) if (!inUse.has(json)) compiledByJson.delete(json);
}

/**
 * Which stored packs are in force under the current trust settings: managed before the person's
 * own, one pack per id (the first by precedence wins), and a pack accepted before signatures were
 * required must now carry a valid one (the inline managed pack comes through policy and needs none).
 */
export function resolvePacks(records: Readonly<Record<string, PackRecord>>, trust: TrustSettings): ResolvedPack[] {
  const ordered = Object.entries(records).sort(([, a], [, b]) => Number(isManaged(b.source)) - Number(isManaged(a.source)));
  const winners = new Map<string, PackSource>();
  const inUse = new Set<string>();
  const resolved = ordered.map(([key, record]): ResolvedPack => {
    const { good } = record;
    if (!good) return { key, record, status: record.error ? { state: 'refused', problem: record.error } : { state: 'waiting' } };
    if (trust.signaturesRequired && record.source.kind !== 'managed-inline') {
      const problem = signatureProblem(good, trust);
      if (problem) return { key, record, status: { state: 'refused', problem } };
    }
    const compiled = compiledOf(good.json);
    if (!compiled) return { key, record, status: { state: 'refused', problem: { message: 'the stored pack no longer parses', hint: 'Fetch or import it again.' } } };
    inUse.add(good.json);
    const winner = winners.get(compiled.pack.id);
    if (winner) return { key, record, compiled, status: { state: 'shadowed', by: winner } };
    winners.set(compiled.pack.id, record.source);
    return { key, record, compiled, status: { state: 'active' } };
  });
  pruneCompiled(inUse);
  return resolved;
}

function signatureProblem(good: GoodPack, trust: TrustSettings): PackProblem | undefined {
  const result = checkSignature(new TextEncoder().encode(good.json), good.signature, trust);
  return 'message' in result ? result : undefined;
}
