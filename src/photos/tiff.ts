/**
 * Removes the GPS IFD from a TIFF structure (EXIF in JPEG, PNG eXIf, WebP EXIF, HEIF Exif items,
 * TIFF and DNG files) in place: the GPS entries and their values are zeroed and the GPSInfo pointer
 * is taken out of IFD0. Nothing else moves, so every other offset in the file stays valid.
 */

export class MalformedImage extends Error {}

const GPS_INFO = 0x8825;
const TYPE_SIZES = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4];

/** Where an IFD entry's value lies: inline in the entry, or at an offset from the TIFF header. */
export function entryValue(view: DataView, little: boolean, tiffStart: number, entry: number): { start: number; size: number } {
  const size = (TYPE_SIZES[view.getUint16(entry + 2, little)] ?? 1) * view.getUint32(entry + 4, little);
  return { start: size > 4 ? tiffStart + view.getUint32(entry + 8, little) : entry + 8, size };
}

export interface TiffView {
  readonly bytes: Uint8Array;
  /** Where the TIFF header ("II*\0" or "MM\0*") starts in `bytes`. */
  readonly start: number;
  readonly end: number;
}

export interface GpsRemoval {
  /** Number of GPS tags removed. */
  readonly tags: number;
}

export function removeTiffGps(tiff: TiffView): GpsRemoval {
  const { bytes, start, end } = tiff;
  // Too short to hold an IFD: no reader can find a position in it either.
  if (end - start < 8) return { tags: 0 };
  const little = bytes[start] === 0x49 && bytes[start + 1] === 0x49;
  if (!little && !(bytes[start] === 0x4d && bytes[start + 1] === 0x4d)) throw new MalformedImage('not a TIFF byte order mark');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const inside = (at: number, length: number) => at >= start && at + length <= end;
  if (u16(start + 2) !== 42) throw new MalformedImage('not a classic TIFF (magic number is not 42)');

  let removedTags = 0;
  const seen = new Set<number>();
  // IFD0, IFD1, ...: a GPS pointer is normally in IFD0, but is removed wherever it is.
  for (let ifd = u32(start + 4); ifd !== 0; ) {
    const at = start + ifd;
    if (seen.has(at) || !inside(at, 2)) throw new MalformedImage('IFD chain points outside the data or loops');
    seen.add(at);
    const count = u16(at);
    // A truncated IFD: readers see the entries that are there, and so does this loop.
    const readable = Math.min(count, Math.floor((end - at - 2) / 12));
    for (let i = 0; i < readable; i++) {
      const entry = at + 2 + i * 12;
      if (u16(entry) !== GPS_INFO) continue;
      const gpsIfd = start + u32(entry + 8);
      removedTags += blankIfd(bytes, view, little, start, end, gpsIfd);
      // Close the gap: later entries and the next-IFD offset move up one entry.
      const entriesEnd = Math.min(end, at + 2 + count * 12 + 4);
      bytes.copyWithin(entry, entry + 12, entriesEnd);
      bytes.fill(0, entriesEnd - 12, entriesEnd);
      view.setUint16(at, count - 1, little);
      break;
    }
    const next = at + 2 + u16(at) * 12;
    ifd = inside(next, 4) ? u32(next) : 0;
  }
  return { tags: removedTags };
}

/** Zeroes an IFD and the values its entries point to; returns how many entries it had. */
function blankIfd(bytes: Uint8Array, view: DataView, little: boolean, start: number, end: number, at: number): number {
  if (at < start || at + 2 > end) return 0; // a dangling pointer: there is nothing to blank
  const count = view.getUint16(at, little);
  const ifdEnd = Math.min(end, at + 2 + count * 12 + 4);
  for (let i = 0; i < count; i++) {
    const entry = at + 2 + i * 12;
    if (entry + 12 > end) break;
    const value = entryValue(view, little, start, entry);
    if (value.size > 4 && value.start >= start && value.start < end) {
      bytes.fill(0, value.start, Math.min(end, value.start + value.size));
    }
  }
  bytes.fill(0, at, ifdEnd);
  return count;
}
