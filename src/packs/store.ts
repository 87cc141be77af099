import { storage } from 'wxt/utils/storage';
import { readManagedSettings } from '../managed/storage';
import type { ManagedSettings } from '../managed/settings';
import type { PackProblem } from './fetch-pack';
import type { Pack } from './schema';
import { acceptPack, isManaged, refreshUrlRecord, sourceKey, type PackRecord, type PackSource } from './sources';

/** Every pack source with its last good pack and last error. Written only by the background. */
export const packRecords = storage.defineItem<Record<string, PackRecord>>('local:packRecords', { fallback: {} });
/** The highest serial ever accepted per pack id: rollback protection survives removing a pack. */
const packSerials = storage.defineItem<Record<string, number>>('local:packSerials', { fallback: {} });

// One writer at a time: refreshes, imports and removals all read-modify-write the records.
let queue: Promise<unknown> = Promise.resolve();
function serialized<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

async function recordAccepted(pack: Pack): Promise<void> {
  const serials = await packSerials.getValue();
  if ((serials[pack.id] ?? 0) < pack.serial) await packSerials.setValue({ ...serials, [pack.id]: pack.serial });
}

async function context(settings: ManagedSettings) {
  const serials = await packSerials.getValue();
  return { trust: settings, highestSerial: (id: string) => serials[id], now: () => new Date() };
}

async function saveRecord(key: string, record: PackRecord): Promise<void> {
  await packRecords.setValue({ ...(await packRecords.getValue()), [key]: record });
}

/** Makes the managed records follow the policy: one per pack URL, and the inline pack. */
async function syncManagedRecords(settings: ManagedSettings): Promise<void> {
  const records = { ...(await packRecords.getValue()) };
  const wanted = new Set(settings.packUrls.map((url) => sourceKey({ kind: 'managed-url', url })));
  // A pack from a URL the policy no longer lists stays until a listed one has arrived: checks keep
  // using the organisation's last good pack instead of none.
  const arrived = settings.packUrls.length === 0 || [...wanted].some((key) => records[key]?.good);
  for (const [key, record] of Object.entries(records)) {
    if (record.source.kind === 'managed-url' && !wanted.has(key) && (arrived || !record.good)) delete records[key];
  }
  for (const url of settings.packUrls) records[sourceKey({ kind: 'managed-url', url })] ??= { source: { kind: 'managed-url', url } };

  const inlineKey = sourceKey({ kind: 'managed-inline' });
  const inline = records[inlineKey];
  if (!settings.inlinePack) delete records[inlineKey];
  else if (inline?.good?.json !== settings.inlinePack) {
    const now = new Date();
    const source: PackSource = { kind: 'managed-inline' };
    // Delivered by policy, which is itself the trusted channel: no signature needed.
    const result = await acceptPack(new TextEncoder().encode(settings.inlinePack), undefined, {
      ...(await context(settings)),
      trust: { signaturesRequired: false, trustedKeys: [] },
      previous: () => inline?.good,
      now,
    });
    records[inlineKey] = result.ok
      ? { source, good: result.good, lastChecked: now.toISOString() }
      : { source, good: inline?.good, lastChecked: now.toISOString(), error: { ...result.problem, at: now.toISOString() } };
    if (result.ok) await recordAccepted(result.pack);
  }
  await packRecords.setValue(records);
}

async function refreshRecord(key: string, settings: ManagedSettings): Promise<PackRecord | undefined> {
  const record = (await packRecords.getValue())[key];
  if (!record || !('url' in record.source)) return record;
  const { record: next, accepted } = await refreshUrlRecord(record as PackRecord & { source: { url: string } }, await context(settings));
  if (accepted) await recordAccepted(accepted);
  // The source may have been removed while the fetch ran.
  if ((await packRecords.getValue())[key]) await saveRecord(key, next);
  return next;
}

/** Follows the policy, then fetches every pack URL; failures stay on their records. */
export function refreshAllPacks(): Promise<void> {
  return serialized(async () => {
    const settings = await readManagedSettings();
    await syncManagedRecords(settings);
    for (const [key, record] of Object.entries(await packRecords.getValue())) {
      if ('url' in record.source) await refreshRecord(key, settings);
    }
  });
}

/** The person subscribes to a pack URL from the options page. */
export function subscribeToPack(url: string): Promise<PackRecord> {
  return serialized(async () => {
    const source: PackSource = { kind: 'url', url };
    const key = sourceKey(source);
    const records = await packRecords.getValue();
    if (!records[key]) await saveRecord(key, { source });
    return (await refreshRecord(key, await readManagedSettings()))!;
  });
}

/** The person imports a pack file; a refused file is reported and not stored. */
export function importPackFile(fileName: string, bytes: Uint8Array, signature?: string): Promise<{ ok: true; packId: string } | { ok: false; problem: PackProblem }> {
  return serialized(async () => {
    const settings = await readManagedSettings();
    const records = await packRecords.getValue();
    const previous = (packId: string) => records[sourceKey({ kind: 'file', packId, fileName })]?.good;
    const result = await acceptPack(bytes, signature, { ...(await context(settings)), previous, now: new Date() });
    if (!result.ok) return { ok: false, problem: result.problem };
    const source: PackSource = { kind: 'file', packId: result.pack.id, fileName };
    const key = sourceKey(source);
    await recordAccepted(result.pack);
    await saveRecord(key, { source, good: result.good, lastChecked: result.good.acceptedAt });
    return { ok: true, packId: result.pack.id };
  });
}

/** Removes one of the person's own packs; managed ones follow the policy only. */
export function removePackSource(key: string): Promise<void> {
  return serialized(async () => {
    const records = { ...(await packRecords.getValue()) };
    if (!records[key] || isManaged(records[key].source)) return;
    delete records[key];
    await packRecords.setValue(records);
  });
}
