import { MalformedVideo } from './boxes';

/**
 * Where a video's bytes come from: a Blob in the browser, a file handle in Node. The cleaner reads
 * box headers and metadata boxes through it and never the media data, so memory stays at the size
 * of the metadata however large the video is.
 */
export interface ByteSource {
  readonly size: number;
  /** Bytes `[start, end)`; fewer only at the end of the source. */
  read(start: number, end: number): Promise<Uint8Array>;
}

/** Bytes that replace the same number of bytes at `offset`: a cleaned video is the original plus patches. */
export interface Patch {
  readonly offset: number;
  readonly bytes: Uint8Array;
}

/** A source over bytes already in memory (tests, small files). */
export function memorySource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: async (start, end) => bytes.subarray(start, Math.min(end, bytes.length)) };
}

/** The patched bytes of a source that is in memory: for tests and the re-check of small files. */
export function applyPatches(bytes: Uint8Array, patches: readonly Patch[]): Uint8Array {
  const out = bytes.slice();
  for (const patch of patches) out.set(patch.bytes, patch.offset);
  return out;
}

/** The patch that turns `before` (read at `offset`) into `after`, from the first changed byte to the last; none if equal. */
export function patchBetween(offset: number, before: Uint8Array, after: Uint8Array): Patch | undefined {
  let from = 0;
  while (from < before.length && before[from] === after[from]) from++;
  if (from === before.length) return undefined;
  let to = before.length;
  while (before[to - 1] === after[to - 1]) to--;
  return { offset: offset + from, bytes: after.subarray(from, to) };
}

/** A stretch of metadata the cleaner reads whole, named for reports ("moov box", "Tags element"). */
export interface MetadataRegion {
  readonly at: number;
  readonly end: number;
  readonly name: string;
}

/**
 * Reads each region whole (at most `limit` bytes in all), cleans a copy and keeps what changed as
 * patches. What the re-check still finds in a cleaned region is a problem (the first one is kept).
 */
export async function cleanRegions(
  source: ByteSource,
  regions: readonly MetadataRegion[],
  limit: number,
  clean: (bytes: Uint8Array) => void | Promise<void>,
  locationLeft: (cleaned: Uint8Array) => string | undefined | Promise<string | undefined>,
  problems: string[],
): Promise<Patch[]> {
  const total = regions.reduce((sum, region) => sum + region.end - region.at, 0);
  if (total > limit) throw new MalformedVideo(`its ${Math.round(total / 2 ** 20)} MB of metadata are more than Sera reads`);
  const patches: Patch[] = [];
  for (const region of regions) {
    const original = await source.read(region.at, region.end);
    const bytes = original.slice();
    await clean(bytes);
    const patch = patchBetween(region.at, original, bytes);
    if (patch) patches.push(patch);
    const left = await locationLeft(bytes);
    if (left && problems.length === 0) problems.push(`${left} is still in its ${region.name} after cleaning`);
  }
  return patches;
}
