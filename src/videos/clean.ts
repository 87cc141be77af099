import type { Found } from '../photos/found';
import { nothingRemoved, type CleanMode, type Removed } from '../photos/report';
import { MalformedVideo, topLevelBoxes, type Box } from './boxes';
import { detectVideoFormat, type VideoFormat } from './format';
import { blankGpmfPositions } from './gpmf';
import { cleanMetadataBox, locationLeftIn, type Findings } from './metadata';
import type { ByteSource, Patch } from './source';

export type { VideoFormat } from './format';

export type VideoCleanResult =
  | { readonly cleaned: true; readonly format: VideoFormat; readonly found: Found; readonly removed: Removed; readonly patches: readonly Patch[] }
  | { readonly cleaned: false; readonly format?: VideoFormat; readonly found: Found; readonly reason: string };

/** More metadata than any camera writes (a 2-hour movie's sample tables are a few MB): refused, not read. */
export const METADATA_LIMIT = 64 * 1024 * 1024;

/**
 * Removes location (or, in "all" mode, all user data, QuickTime metadata and XMP) from an MP4,
 * MOV, 3GP or M4V video without touching a sample: every top-level box but `mdat` is read and
 * edited in place, and the result is the patches to lay over the original. Never throws: a video
 * whose location cannot be removed safely, or which still shows one after cleaning, comes back as
 * `cleaned: false` with the reason, and must not be uploaded silently.
 */
export async function cleanVideo(source: ByteSource, mode: CleanMode = 'location'): Promise<VideoCleanResult> {
  const findings: Findings = { removed: nothingRemoved(), found: {}, problems: [], gpmfSamples: [] };
  let format: VideoFormat | undefined;
  try {
    format = detectVideoFormat(await source.read(0, Math.min(source.size, 64)));
    if (!format) return { cleaned: false, found: {}, reason: 'not a recognised video format' };
    const boxes = await topLevelBoxes(source);
    if (!boxes.some((box) => box.type === 'moov')) throw new MalformedVideo('it has no movie box (moov)');
    const metadata = boxes.filter((box) => box.type !== 'mdat');
    const total = metadata.reduce((sum, box) => sum + box.end - box.at, 0);
    if (total > METADATA_LIMIT) throw new MalformedVideo(`its ${Math.round(total / 2 ** 20)} MB of metadata are more than Sera reads`);

    const patches: Patch[] = [];
    for (const box of metadata) {
      const original = await source.read(box.at, box.end);
      const bytes = original.slice();
      cleanMetadataBox(bytes, mode, findings);
      const patch = changedRange(original, bytes);
      if (patch) patches.push({ offset: box.at + patch.from, bytes: bytes.subarray(patch.from, patch.to) });
      const left = locationLeft(bytes);
      if (left && findings.problems.length === 0) findings.problems.push(`${left} is still in its ${box.type} box after cleaning`);
    }
    if (findings.problems.length === 0) patches.push(...(await blankTelemetry(source, boxes, findings)));
    if (findings.problems.length > 0) return { cleaned: false, format, found: findings.found, reason: `it cannot be cleaned: ${findings.problems.join('; ')}` };
    return { cleaned: true, format, found: findings.found, removed: findings.removed, patches };
  } catch (error) {
    return { cleaned: false, format, found: findings.found, reason: failureReason(error) };
  }
}

/**
 * Blanks the positions in GoPro GPMF telemetry samples, which lie in the media data: each is read
 * alone (they are a few KB a second), and must lie inside an mdat box, away from the metadata boxes
 * that have patches of their own.
 */
async function blankTelemetry(source: ByteSource, boxes: readonly Box[], findings: Findings): Promise<Patch[]> {
  const mediaData = boxes.filter((box) => box.type === 'mdat');
  const patches: Patch[] = [];
  let read = 0;
  for (const sample of findings.gpmfSamples) {
    if (!mediaData.some((box) => sample.offset >= box.start && sample.offset + sample.size <= box.end)) throw new MalformedVideo('a GPMF telemetry sample lies outside the media data');
    read += sample.size;
    if (read > METADATA_LIMIT) throw new MalformedVideo('its telemetry is more than Sera reads');
    const original = await source.read(sample.offset, sample.offset + sample.size);
    const bytes = original.slice();
    findings.removed.gpsTags += blankGpmfPositions(bytes);
    if (blankGpmfPositions(bytes.slice()) > 0) findings.problems.push('a GPMF position is still in its telemetry after cleaning');
    const patch = changedRange(original, bytes);
    if (patch) patches.push({ offset: sample.offset + patch.from, bytes: bytes.subarray(patch.from, patch.to) });
  }
  return patches;
}

/**
 * The re-check of one cleaned box: a second structural pass must find nothing to remove, and a
 * scan of the raw bytes no position, location key or XMP GPS property.
 */
function locationLeft(cleaned: Uint8Array): string | undefined {
  const again: Findings = { removed: nothingRemoved(), found: {}, problems: [], gpmfSamples: [] };
  cleanMetadataBox(cleaned.slice(), 'location', again);
  if (again.removed.gpsTags + again.removed.xmpProperties.length > 0) return 'a location item';
  return locationLeftIn(cleaned);
}

function changedRange(before: Uint8Array, after: Uint8Array): { from: number; to: number } | undefined {
  let from = 0;
  while (from < before.length && before[from] === after[from]) from++;
  if (from === before.length) return undefined;
  let to = before.length;
  while (before[to - 1] === after[to - 1]) to--;
  return { from, to };
}

function failureReason(error: unknown): string {
  if (error instanceof MalformedVideo) return `the file cannot be cleaned (${error.message})`;
  // DataView reads past the end: a length or offset in the file points outside it.
  if (error instanceof RangeError) return 'the file cannot be cleaned (it is damaged: an offset or length points outside it)';
  return `unexpected error: ${String(error)}`;
}
