import { ascii, concat, latin1 } from './bytes';
import { removeIptcPlaces } from './iptc';
import type { CleanMode, Removed } from './report';
import { entryValue, EXIF_HEADER, MalformedImage, orientationOnlyTiff, removeTiffGps, tiffOrientation } from './tiff';
import { removeXmpLocation, xmpOrientation } from './xmp';

const XMP = 'http://ns.adobe.com/xap/1.0/\0';
const MPF = 'MPF\0';
const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP13 = 0xed;
const APP14 = 0xee;
const COM = 0xfe;

function startsWith(bytes: Uint8Array, at: number, prefix: string): boolean {
  return latin1(bytes, at, Math.min(bytes.length, at + prefix.length)) === prefix;
}

/**
 * Removes location metadata from a JPEG in place: the EXIF GPS IFD, XMP location properties and
 * IPTC place names, in the main image and in the images its MPF index lists (depth maps, HDR gain
 * maps). Every edit keeps the segment lengths, so the entropy-coded data and all offsets stay
 * byte-identical. "all" mode then rebuilds the file without the other metadata.
 */
export function cleanJpeg(bytes: Uint8Array, removed: Removed, mode: CleanMode): Uint8Array {
  removeFromImageAt(bytes, removed, 0, false);
  return mode === 'all' ? withoutMetadata(bytes, removed) : bytes;
}

interface Segment {
  readonly marker: number;
  /** From the marker's FF to the end of the segment. */
  readonly start: number;
  readonly end: number;
}

/** The segments from SOI up to and including the first SOS header. */
function headerSegments(bytes: Uint8Array): Segment[] {
  const segments: Segment[] = [];
  for (let at = 2; at + 4 <= bytes.length; ) {
    while (bytes[at + 1] === 0xff) at++;
    const marker = bytes[at + 1]!;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2; // standalone markers have no length
      continue;
    }
    const end = at + 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!);
    segments.push({ marker, start: at, end });
    if (marker === SOS) return segments;
    at = end;
  }
  throw new MalformedImage('JPEG has no image data');
}

/** Where the image that starts scanning at `at` ends: just after its EOI (or the file's end). */
function imageEnd(bytes: Uint8Array, at: number): number {
  for (at = bytes.indexOf(0xff, at); at >= 0 && at + 1 < bytes.length; at = bytes.indexOf(0xff, at)) {
    const next = bytes[at + 1]!;
    if (next === EOI) return at + 2;
    if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) {
      at += next === 0xff ? 1 : 2; // stuffed byte, fill byte or restart marker inside scan data
      continue;
    }
    // A segment between progressive scans (DHT, SOS, ...): skip its payload, which may hold FF D9.
    at += 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!);
  }
  return bytes.length;
}

/** Names a metadata segment (APPn or COM) for the report. */
function segmentName(bytes: Uint8Array, segment: Segment): string {
  const payload = segment.start + 4;
  const { marker } = segment;
  if (marker === COM) return 'comment';
  if (marker === APP1) return startsWith(bytes, payload, EXIF_HEADER) ? 'EXIF' : 'XMP';
  if (marker === APP13) return 'IPTC and Photoshop data';
  const id = latin1(bytes, payload, Math.min(segment.end, payload + 16)).split('\0')[0]!;
  return /^[\x20-\x7e]+$/.test(id) ? id : `APP${marker - APP0}`;
}

/** Rendering needs JFIF (APP0), the ICC profile (APP2) and Adobe's colour transform (APP14). */
function rendersImage(bytes: Uint8Array, segment: Segment): boolean {
  const payload = segment.start + 4;
  if (segment.marker === APP0) return startsWith(bytes, payload, 'JFIF\0');
  if (segment.marker === APP2) return startsWith(bytes, payload, 'ICC_PROFILE\0');
  if (segment.marker === APP14) return startsWith(bytes, payload, 'Adobe');
  return segment.marker < APP0 || (segment.marker > 0xef && segment.marker !== COM);
}

function withoutMetadata(bytes: Uint8Array, removed: Removed): Uint8Array {
  const segments = headerSegments(bytes);
  let orientation: number | undefined;
  for (const segment of segments) {
    const payload = segment.start + 4;
    if (segment.marker !== APP1) continue;
    if (startsWith(bytes, payload, EXIF_HEADER)) orientation ??= tiffOrientation({ bytes, start: payload + EXIF_HEADER.length, end: segment.end });
    else if (startsWith(bytes, payload, XMP)) orientation ??= xmpOrientation(bytes, payload + XMP.length, segment.end);
  }
  const sos = segments.at(-1)!;
  const end = imageEnd(bytes, sos.end);
  const kept: Uint8Array[] = [];
  const dropped = new Set<string>();
  for (const segment of segments.slice(0, -1)) {
    if (rendersImage(bytes, segment)) kept.push(bytes.subarray(segment.start, segment.end));
    else dropped.add(segmentName(bytes, segment));
  }
  // EXIF goes right after JFIF (or SOI), where readers look for it.
  const afterJfif = kept[0]?.[1] === APP0 ? 1 : 0;
  kept.splice(afterJfif, 0, ...orientationSegment(orientation));
  const parts = [new Uint8Array([0xff, SOI]), ...kept];
  parts.push(bytes.subarray(sos.start, end));
  if (end < bytes.length) dropped.add('data after the image (embedded images, previews)');
  removed.other.push(...dropped);
  return concat(parts);
}

function orientationSegment(orientation: number | undefined): Uint8Array[] {
  if (orientation === undefined) return [];
  const tiff = orientationOnlyTiff(orientation);
  const segment = new Uint8Array(4 + EXIF_HEADER.length + tiff.length);
  segment.set([0xff, APP1, (segment.length - 2) >> 8, (segment.length - 2) & 0xff]);
  segment.set(ascii(EXIF_HEADER), 4);
  segment.set(tiff, 4 + EXIF_HEADER.length);
  return [segment];
}

function removeFromImageAt(bytes: Uint8Array, removed: Removed, start: number, embedded: boolean): void {
  if (bytes[start] !== 0xff || bytes[start + 1] !== 0xd8) throw new MalformedImage('not a JPEG (no start-of-image marker)');
  const embeddedImages: number[] = [];
  let at = start + 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw new MalformedImage(`expected a JPEG marker at byte ${at}`);
    while (bytes[at + 1] === 0xff) at++; // fill bytes
    const marker = bytes[at + 1];
    if (marker === undefined) throw new MalformedImage('JPEG ends inside a marker');
    if (marker === EOI) break;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) throw new MalformedImage('JPEG ends inside a segment header');
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const dataStart = at + 4;
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) throw new MalformedImage(`JPEG segment at byte ${at} runs past the end of the file`);
    if (marker === APP1 && startsWith(bytes, dataStart, EXIF_HEADER)) {
      removed.gpsTags += removeTiffGps({ bytes, start: dataStart + EXIF_HEADER.length, end }).gpsTags;
    } else if (marker === APP1 && startsWith(bytes, dataStart, XMP)) {
      removed.xmpProperties.push(...removeXmpLocation(bytes, dataStart + XMP.length, end).properties);
    } else if (marker === APP13) {
      removed.iptcPlaces.push(...removeIptcPlaces(bytes, dataStart, end));
    } else if (marker === APP2 && !embedded && startsWith(bytes, dataStart, MPF)) {
      embeddedImages.push(...mpfImageOffsets(bytes, dataStart + MPF.length, end));
    }
    if (marker === SOS) break;
    at = end;
  }
  // The images after the first one (depth maps, HDR gain maps, previews), which readers find
  // through the MPF index, carry their own EXIF and XMP.
  for (const image of embeddedImages) {
    try {
      removeFromImageAt(bytes, removed, image, true);
    } catch (error) {
      if (!(error instanceof MalformedImage)) throw error;
      // A broken entry: the result is re-read before it is accepted.
    }
  }
}

/** Where the images the MPF index lists (all but the first) start in the file. */
function mpfImageOffsets(bytes: Uint8Array, tiffStart: number, end: number): number[] {
  const MP_ENTRY = 0xb002;
  if (end - tiffStart < 8) return [];
  const little = bytes[tiffStart] === 0x49;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ifd = tiffStart + view.getUint32(tiffStart + 4, little);
  if (ifd + 2 > end) return [];
  const offsets: number[] = [];
  for (let i = 0, count = view.getUint16(ifd, little); i < count && ifd + 2 + i * 12 + 12 <= end; i++) {
    const entry = ifd + 2 + i * 12;
    if (view.getUint16(entry, little) !== MP_ENTRY) continue;
    const list = entryValue(view, little, tiffStart, entry);
    // 16 bytes per image: attributes, size, offset from the MPF header (0 for the first image), ...
    for (let at = list.start; at + 16 <= Math.min(end, list.start + list.size); at += 16) {
      const offset = view.getUint32(at + 8, little);
      if (offset > 0 && tiffStart + offset < bytes.length) offsets.push(tiffStart + offset);
    }
  }
  return offsets;
}

