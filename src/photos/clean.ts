import exifr from 'exifr';
import { latin1 } from './bytes';
import { removeJpegLocation } from './jpeg';
import { removePngLocation } from './png';
import { nothingRemoved, type Removed } from './report';
import { MalformedImage } from './tiff';
import { removeTiffFileLocation } from './tiff-file';
import { removeWebpLocation } from './webp';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'heif' | 'avif' | 'tiff';

/** What the file told about where, with what and when it was taken. */
export interface Found {
  readonly position?: { readonly latitude: number; readonly longitude: number };
  readonly device?: string;
  readonly taken?: string;
}

export type CleanResult =
  | { readonly cleaned: true; readonly format: ImageFormat; readonly bytes: Uint8Array; readonly found: Found; readonly removed: Removed }
  | { readonly cleaned: false; readonly format?: ImageFormat; readonly found: Found; readonly reason: string };

export function detectFormat(bytes: Uint8Array): ImageFormat | undefined {
  const ascii = (from: number, to: number) => latin1(bytes, from, Math.min(to, bytes.length));
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'tiff';
  if (ascii(4, 8) === 'ftyp') return /avi[fs]/.test(ascii(8, 12)) ? 'avif' : 'heif';
  return undefined;
}

async function readFound(bytes: Uint8Array): Promise<Found> {
  const [position, tags] = await Promise.all([
    exifr.gps(bytes).catch(() => undefined),
    exifr.parse(bytes, { pick: ['Make', 'Model', 'DateTimeOriginal'] }).catch(() => undefined) as Promise<
      { Make?: string; Model?: string; DateTimeOriginal?: Date } | undefined
    >,
  ]);
  const device = [tags?.Make, tags?.Model].filter(Boolean).join(' ');
  const taken = tags?.DateTimeOriginal;
  return {
    ...(position && Number.isFinite(position.latitude) && Number.isFinite(position.longitude)
      ? { position: { latitude: position.latitude, longitude: position.longitude } }
      : {}),
    ...(device ? { device } : {}),
    ...(taken instanceof Date && !Number.isNaN(taken.getTime()) ? { taken: taken.toISOString() } : {}),
  };
}

const REMOVERS: Partial<Record<ImageFormat, (bytes: Uint8Array, removed: Removed) => void>> = {
  jpeg: removeJpegLocation,
  png: removePngLocation,
  webp: removeWebpLocation,
  tiff: removeTiffFileLocation,
};

/**
 * Removes the location from an image without touching its pixels. Never throws: input that cannot
 * be cleaned, or whose position can still be read after cleaning, comes back as `cleaned: false`
 * with the reason, and must not be uploaded silently.
 */
export async function cleanImage(input: Uint8Array): Promise<CleanResult> {
  const format = detectFormat(input);
  const found = await readFound(input);
  if (!format) return { cleaned: false, found, reason: 'not a recognised image format' };
  const remove = REMOVERS[format];
  if (!remove) return { cleaned: false, format, found, reason: `${format.toUpperCase()} files are not supported yet` };
  const bytes = input.slice();
  const removed = nothingRemoved();
  try {
    remove(bytes, removed);
  } catch (error) {
    const reason = error instanceof MalformedImage ? `the file cannot be cleaned (${error.message})` : `unexpected error: ${String(error)}`;
    return { cleaned: false, format, found, reason };
  }
  const left = await readFound(bytes);
  if (left.position) return { cleaned: false, format, found, reason: 'a position could still be read after cleaning' };
  return { cleaned: true, format, bytes, found, removed };
}
