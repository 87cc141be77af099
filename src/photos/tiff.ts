/**
 * Removes the GPS IFD from a TIFF structure (EXIF in JPEG, PNG eXIf, WebP EXIF, HEIF Exif items,
 * TIFF and DNG files) in place: the GPS entries and their values are zeroed and the GPSInfo pointer
 * is taken out of IFD0. Nothing else moves, so every other offset in the file stays valid.
 */

export class MalformedImage extends Error {}

/** What comes before the TIFF header in a JPEG APP1 segment, and often in WebP and PNG EXIF. */
export const EXIF_HEADER = 'Exif\0\0';

const GPS_INFO = 0x8825;
const EXIF_IFD = 0x8769;
const ORIENTATION = 0x0112;
const SUB_IFDS = 330;
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

export interface TagRemoval {
  /** Number of GPS tags removed. */
  readonly gpsTags: number;
  /** Number of other tags removed, sub-IFD entries included. */
  readonly otherTags: number;
}

/** Removes the GPS IFD. */
export function removeTiffGps(tiff: TiffView): TagRemoval {
  return removeTiffTags(tiff, (tag) => tag === GPS_INFO);
}

/**
 * Tags of TIFF and DNG files that identify a person or a device, or say when the picture was
 * taken. Image structure, colour and rendering tags (and DNG's UniqueCameraModel, which raw
 * converters need to pick a colour profile) stay.
 */
const IDENTIFYING_TAGS = new Set([
  270, // ImageDescription
  271, // Make
  272, // Model
  305, // Software
  306, // DateTime
  315, // Artist
  316, // HostComputer
  700, // XMP
  33432, // Copyright
  33723, // IPTC
  34377, // Photoshop resources
  EXIF_IFD,
  GPS_INFO,
  37500, // MakerNote
  50735, // CameraSerialNumber
  50740, // DNGPrivateData (a copy of the maker notes)
  50827, // OriginalRawFileName
]);

/** Removes every identifying tag (with its sub-IFD and values) from a TIFF or DNG file. */
export function removeTiffIdentifyingTags(tiff: TiffView): TagRemoval {
  return removeTiffTags(tiff, (tag) => IDENTIFYING_TAGS.has(tag));
}

/** The Orientation (1-8) in IFD0, if there is a valid one. */
export function tiffOrientation(tiff: TiffView): number | undefined {
  const { bytes, start, end } = tiff;
  if (end - start < 8 || (bytes[start] !== 0x49 && bytes[start] !== 0x4d)) return undefined;
  const little = bytes[start] === 0x49;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ifd = start + view.getUint32(start + 4, little);
  if (ifd < start || ifd + 2 > end) return undefined;
  const count = Math.min(view.getUint16(ifd, little), Math.floor((end - ifd - 2) / 12));
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (view.getUint16(entry, little) !== ORIENTATION) continue;
    const value = view.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}

/** A big-endian TIFF structure whose IFD0 holds only Orientation: what "all" mode keeps of EXIF. */
export function orientationOnlyTiff(orientation: number): Uint8Array {
  const tiff = new Uint8Array(26);
  const view = new DataView(tiff.buffer);
  tiff.set([0x4d, 0x4d, 0, 42]);
  view.setUint32(4, 8); // IFD0 right after the header
  view.setUint16(8, 1); // one entry
  view.setUint16(10, ORIENTATION);
  view.setUint16(12, 3); // SHORT
  view.setUint32(14, 1);
  view.setUint16(18, orientation);
  return tiff; // next-IFD offset: 0
}

interface Ifds {
  readonly view: DataView;
  readonly little: boolean;
  /** Absolute positions of IFD0, IFD1, ... and their SubIFDs; the next ones are read after each step. */
  readonly positions: Iterable<number>;
}

function ifds(tiff: TiffView): Ifds | undefined {
  const { bytes, start, end } = tiff;
  // Too short to hold an IFD: no reader can find anything in it either.
  if (end - start < 8) return undefined;
  const little = bytes[start] === 0x49 && bytes[start + 1] === 0x49;
  if (!little && !(bytes[start] === 0x4d && bytes[start + 1] === 0x4d)) throw new MalformedImage('not a TIFF byte order mark');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(start + 2, little) !== 42) throw new MalformedImage('not a classic TIFF (magic number is not 42)');
  return { view, little, positions: walk(tiff, view, little) };
}

function* walk(tiff: TiffView, view: DataView, little: boolean): Generator<number> {
  const { start, end } = tiff;
  const inside = (at: number, length: number) => at >= start && at + length <= end;
  const seen = new Set<number>();
  // DNG keeps the raw image and its own metadata in SubIFDs, so they are walked too.
  const pending = [view.getUint32(start + 4, little)];
  while (pending.length > 0) {
    const ifd = pending.pop()!;
    const at = start + ifd;
    if (ifd === 0 || seen.has(at)) continue;
    if (!inside(at, 2)) {
      if (seen.size === 0) throw new MalformedImage('IFD0 lies outside the data');
      continue; // a dangling pointer to a later IFD: no reader finds anything there either
    }
    seen.add(at);
    yield at;
    const count = view.getUint16(at, little);
    for (let i = 0; i < count && inside(at + 2 + i * 12, 12); i++) {
      const entry = at + 2 + i * 12;
      if (view.getUint16(entry, little) !== SUB_IFDS) continue;
      const value = entryValue(view, little, start, entry);
      for (let p = value.start; p + 4 <= Math.min(end, value.start + value.size); p += 4) pending.push(view.getUint32(p, little));
    }
    const next = at + 2 + count * 12;
    if (inside(next, 4)) pending.push(view.getUint32(next, little));
  }
}

/** Where the values of a tag lie, in every IFD that has it, when they are inside the data. */
export function tagValues(tiff: TiffView, tag: number): { start: number; end: number }[] {
  const found = ifds(tiff);
  if (!found) return [];
  const { view, little, positions } = found;
  const values: { start: number; end: number }[] = [];
  for (const at of positions) {
    const count = Math.min(view.getUint16(at, little), Math.floor((tiff.end - at - 2) / 12));
    for (let i = 0; i < count; i++) {
      const entry = at + 2 + i * 12;
      if (view.getUint16(entry, little) !== tag) continue;
      const { start, size } = entryValue(view, little, tiff.start, entry);
      if (start >= tiff.start && start + size <= tiff.end) values.push({ start, end: start + size });
    }
  }
  return values;
}

function removeTiffTags(tiff: TiffView, shouldRemove: (tag: number) => boolean): TagRemoval {
  const found = ifds(tiff);
  if (!found) return { gpsTags: 0, otherTags: 0 };
  const { bytes, start, end } = tiff;
  const { view, little, positions } = found;
  let gpsTags = 0;
  let otherTags = 0;
  for (const at of positions) {
    let count = view.getUint16(at, little);
    // A truncated IFD: readers see the entries that are there, and so does this loop.
    let readable = Math.min(count, Math.floor((end - at - 2) / 12));
    for (let i = 0; i < readable; ) {
      const entry = at + 2 + i * 12;
      const tag = view.getUint16(entry, little);
      if (!shouldRemove(tag)) {
        i++;
        continue;
      }
      if (tag === GPS_INFO || tag === EXIF_IFD) {
        const removed = blankIfd(bytes, view, little, start, end, start + view.getUint32(entry + 8, little));
        if (tag === GPS_INFO) gpsTags += removed;
        else otherTags += removed;
      } else {
        const value = entryValue(view, little, start, entry);
        if (value.size > 4 && value.start >= start) bytes.fill(0, value.start, Math.min(end, value.start + value.size));
        otherTags++;
      }
      // Close the gap: later entries and the next-IFD offset move up one entry.
      const entriesEnd = Math.min(end, at + 2 + count * 12 + 4);
      bytes.copyWithin(entry, entry + 12, entriesEnd);
      bytes.fill(0, entriesEnd - 12, entriesEnd);
      view.setUint16(at, --count, little);
      readable--;
    }
  }
  return { gpsTags, otherTags };
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
