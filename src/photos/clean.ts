import { detectFormat, type ImageFormat } from './format';
import { readFound, type Found } from './found';
import { cleanHeif } from './heif';
import { cleanJpeg, jpegLocationLeft } from './jpeg';
import { cleanPng } from './png';
import { nothingRemoved, type CleanMode, type Removed } from './report';
import { MalformedImage } from './tiff';
import { cleanTiff } from './tiff-file';
import { cleanWebp } from './webp';

export type { Found } from './found';
export type { ImageFormat } from './format';

export type CleanResult =
  | { readonly cleaned: true; readonly format: ImageFormat; readonly bytes: Uint8Array; readonly found: Found; readonly removed: Removed }
  | { readonly cleaned: false; readonly format?: ImageFormat; readonly found: Found; readonly reason: string };

/** Each cleaner may edit `bytes` (a private copy) in place and returns the cleaned file. */
const CLEANERS: Record<ImageFormat, (bytes: Uint8Array, removed: Removed, mode: CleanMode) => Uint8Array> = {
  jpeg: cleanJpeg,
  png: cleanPng,
  webp: cleanWebp,
  heif: cleanHeif,
  avif: cleanHeif,
  tiff: cleanTiff,
};

/**
 * Full scans for location metadata that readers such as ExifTool find beyond what exifr reads
 * (JPEG: segments between scans, data after the image); each names where it found some.
 */
const LOCATION_SCANS: Partial<Record<ImageFormat, (bytes: Uint8Array) => string | undefined>> = {
  jpeg: jpegLocationLeft,
};

/**
 * Removes location (or, in "all" mode, every identifying detail) from an image without touching
 * its pixels. Never throws: input that cannot be cleaned, or whose position can still be read
 * after cleaning, comes back as `cleaned: false` with the reason, and must not be uploaded silently.
 */
export async function cleanImage(input: Uint8Array, mode: CleanMode = 'location'): Promise<CleanResult> {
  const format = detectFormat(input);
  const found = await readFound(input, format);
  if (!format) return { cleaned: false, found, reason: 'not a recognised image format' };
  const removed = nothingRemoved();
  let bytes: Uint8Array;
  let locationLeft: string | undefined;
  try {
    bytes = CLEANERS[format](input.slice(), removed, mode);
    locationLeft = LOCATION_SCANS[format]?.(bytes);
  } catch (error) {
    return { cleaned: false, format, found, reason: failureReason(error) };
  }
  if (locationLeft) return { cleaned: false, format, found, reason: `location metadata is still in ${locationLeft} after cleaning` };
  const left = await readFound(bytes, format);
  if (left.position) return { cleaned: false, format, found, reason: 'a position could still be read after cleaning' };
  return { cleaned: true, format, bytes, found, removed };
}

function failureReason(error: unknown): string {
  if (error instanceof MalformedImage) return `the file cannot be cleaned (${error.message})`;
  // DataView reads past the end: a length or offset in the file points outside it.
  if (error instanceof RangeError) return 'the file cannot be cleaned (it is damaged: an offset or length points outside it)';
  return `unexpected error: ${String(error)}`;
}
