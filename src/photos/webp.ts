import { ascii, concat, latin1 } from './bytes';
import type { CleanMode, Removed } from './report';
import { EXIF_HEADER, MalformedImage, orientationOnlyTiff, removeTiffGps, tiffOrientation } from './tiff';
import { removeXmpLocation, xmpOrientation } from './xmp';

const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

interface Chunk {
  readonly type: string;
  /** The whole chunk: header, data and padding byte. */
  readonly raw: Uint8Array;
  readonly start: number;
  readonly end: number;
}

function readChunks(bytes: Uint8Array, view: DataView): Chunk[] {
  const riffEnd = Math.min(bytes.length, 8 + view.getUint32(4, true));
  const chunks: Chunk[] = [];
  for (let at = 12; at < riffEnd; ) {
    if (at + 8 > riffEnd) throw new MalformedImage('WebP chunk header runs past the end of the file');
    const type = latin1(bytes, at, at + 4);
    const size = view.getUint32(at + 4, true);
    const start = at + 8;
    const end = start + size;
    if (end > riffEnd) throw new MalformedImage(`WebP chunk ${JSON.stringify(type)} runs past the end of the file`);
    const next = Math.min(riffEnd, end + (size & 1));
    chunks.push({ type, raw: bytes.subarray(at, next), start, end });
    at = next;
  }
  return chunks;
}

/**
 * Removes location metadata from a WebP: in place in the EXIF chunk's GPS IFD and the XMP chunk's
 * location properties, so chunk sizes do not change and VP8/VP8L/ALPH data is untouched. "all"
 * mode drops the XMP chunk and keeps only Orientation of the EXIF, updating the VP8X flags and
 * RIFF size; the ICC profile (ICCP) stays.
 */
export function cleanWebp(bytes: Uint8Array, removed: Removed, mode: CleanMode): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks = readChunks(bytes, view);
  let orientation: number | undefined;
  for (const { type, start, end } of chunks) {
    if (type === 'EXIF') {
      const tiff = { bytes, start: latin1(bytes, start, start + EXIF_HEADER.length) === EXIF_HEADER ? start + EXIF_HEADER.length : start, end };
      removed.gpsTags += removeTiffGps(tiff).gpsTags;
      orientation ??= tiffOrientation(tiff);
    } else if (type === 'XMP ') {
      removed.xmpProperties.push(...removeXmpLocation(bytes, start, end).properties);
      orientation ??= xmpOrientation(bytes, start, end);
    }
  }
  if (mode === 'location') return bytes;

  const kept = chunks.filter((chunk) => chunk.type !== 'EXIF' && chunk.type !== 'XMP ');
  if (kept.length === chunks.length) return bytes;
  for (const type of ['EXIF', 'XMP ']) if (chunks.some((chunk) => chunk.type === type)) removed.other.push(type.trim());
  const vp8x = kept.find((chunk) => chunk.type === 'VP8X');
  const parts: Uint8Array[] = kept.map((chunk) => chunk.raw.slice());
  if (vp8x) {
    const flags = parts[kept.indexOf(vp8x)]!;
    flags[8] = (flags[8]! & ~VP8X_XMP & ~VP8X_EXIF) | (orientation === undefined ? 0 : VP8X_EXIF);
    // EXIF comes after the image data in the chunk order the WebP container specifies.
    if (orientation !== undefined) parts.push(exifChunk(orientation));
  }
  const body = concat(parts);
  const header = bytes.slice(0, 12);
  new DataView(header.buffer).setUint32(4, 4 + body.length, true);
  return concat([header, body]);
}

function exifChunk(orientation: number): Uint8Array {
  const tiff = orientationOnlyTiff(orientation);
  const chunk = new Uint8Array(8 + tiff.length);
  chunk.set(ascii('EXIF'));
  new DataView(chunk.buffer).setUint32(4, tiff.length, true);
  chunk.set(tiff, 8);
  return chunk; // 26 bytes of TIFF: even, so no padding byte
}
