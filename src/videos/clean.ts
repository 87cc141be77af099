import type { Found } from '../photos/found';
import { nothingRemoved, type CleanMode, type Removed } from '../photos/report';
import { MalformedVideo, topLevelBoxes } from './boxes';
import { detectVideoFormat, type VideoFormat } from './format';
import { cleanMatroska } from './matroska';
import { cleanMetadataBox, locationLeftIn, type Findings } from './metadata';
import { cleanRegions, type ByteSource, type Patch } from './source';
import { blankTelemetry } from './telemetry';

export type VideoCleanResult =
  | { readonly cleaned: true; readonly format: VideoFormat; readonly found: Found; readonly removed: Removed; readonly patches: readonly Patch[] }
  | { readonly cleaned: false; readonly format?: VideoFormat; readonly found: Found; readonly reason: string };

/** More metadata than any camera writes (a 2-hour movie's sample tables are a few MB): refused, not read. */
const METADATA_LIMIT = 64 * 1024 * 1024;

/**
 * Removes location (or, in "all" mode, all user data, QuickTime metadata, XMP and Matroska tags)
 * from an MP4, MOV, 3GP, M4V, WebM or MKV video without touching a video or audio sample: the
 * metadata is read and edited in place, positions in telemetry and subtitle samples are blanked in
 * place, and the result is the patches to lay over the original. Never throws: a video whose
 * location cannot be removed safely, or which still shows one after cleaning, comes back as
 * `cleaned: false` with the reason, and must not be uploaded silently.
 */
export async function cleanVideo(source: ByteSource, mode: CleanMode = 'location'): Promise<VideoCleanResult> {
  const findings: Findings = { removed: nothingRemoved(), found: {}, problems: [], telemetry: [] };
  let format: VideoFormat | undefined;
  try {
    format = detectVideoFormat(await source.read(0, Math.min(source.size, 64)));
    if (!format) return { cleaned: false, found: {}, reason: 'not a recognised video format' };
    const patches = format === 'webm' || format === 'mkv' ? await cleanMatroska(source, mode, findings, METADATA_LIMIT) : await cleanIsoMedia(source, mode, findings);
    if (findings.problems.length > 0) return { cleaned: false, format, found: findings.found, reason: `it cannot be cleaned: ${findings.problems.join('; ')}` };
    return { cleaned: true, format, found: findings.found, removed: findings.removed, patches };
  } catch (error) {
    return { cleaned: false, format, found: findings.found, reason: failureReason(error) };
  }
}

/**
 * MP4, MOV, 3GP, M4V: every top-level box but `mdat` is read and cleaned, then the telemetry
 * samples. Bytes appended after the last box are kept when a scan finds no location in them.
 */
async function cleanIsoMedia(source: ByteSource, mode: CleanMode, findings: Findings): Promise<Patch[]> {
  const { boxes, trailing } = await topLevelBoxes(source);
  if (!boxes.some((box) => box.type === 'moov')) throw new MalformedVideo('it has no movie box (moov)');
  const metadata = boxes.filter((box) => box.type !== 'mdat').map((box) => ({ at: box.at, end: box.end, name: `${box.type} box` }));
  const patches = await cleanRegions(source, metadata, METADATA_LIMIT, (bytes) => cleanMetadataBox(bytes, mode, findings), locationLeft, findings.problems);
  if (trailing) {
    if (trailing.end - trailing.at > METADATA_LIMIT) throw new MalformedVideo('it has more bytes after its last box than Sera reads');
    const left = locationLeftIn(await source.read(trailing.at, trailing.end));
    if (left) findings.problems.push(`${left} is in the bytes after its last box, which are not a box Sera can clean`);
  }
  if (findings.problems.length === 0) patches.push(...(await blankTelemetry(source, boxes.filter((box) => box.type === 'mdat'), findings, METADATA_LIMIT)));
  return patches;
}

/**
 * The re-check of one cleaned box: a second structural pass must find nothing to remove, and a
 * scan of the raw bytes no position, location key or XMP GPS property.
 */
function locationLeft(cleaned: Uint8Array): string | undefined {
  const again: Findings = { removed: nothingRemoved(), found: {}, problems: [], telemetry: [] };
  cleanMetadataBox(cleaned.slice(), 'location', again);
  if (again.removed.gpsTags + again.removed.xmpProperties.length > 0) return 'a location item';
  return locationLeftIn(cleaned);
}

function failureReason(error: unknown): string {
  if (error instanceof MalformedVideo) return `the file cannot be cleaned (${error.message})`;
  // DataView reads past the end: a length or offset in the file points outside it.
  if (error instanceof RangeError) return 'the file cannot be cleaned (it is damaged: an offset or length points outside it)';
  return `unexpected error: ${String(error)}`;
}
