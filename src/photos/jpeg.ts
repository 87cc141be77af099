import { ascii, concat, indexOfAscii, latin1 } from './bytes';
import { removeIptcPlaces } from './iptc';
import { locationItemsRemoved, nothingRemoved, type CleanMode, type Removed } from './report';
import { EXIF_HEADER, MalformedImage, orientationOnlyTiff, removeTiffGps, tiffOrientation } from './tiff';
import { removeXmpLocation, xmpOrientation } from './xmp';

const XMP = 'http://ns.adobe.com/xap/1.0/\0';
const EXTENDED_XMP = 'http://ns.adobe.com/xmp/extension/\0';
const PHOTOSHOP = 'Photoshop 3.0\0';
const SOI = 0xd8;
const SOS = 0xda;
const EOI = 0xd9;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP13 = 0xed;
const APP14 = 0xee;
const APP15 = 0xef;
const COM = 0xfe;

function startsWith(bytes: Uint8Array, at: number, prefix: string): boolean {
  return latin1(bytes, at, Math.min(bytes.length, at + prefix.length)) === prefix;
}

/**
 * Removes location metadata from a JPEG in place: the EXIF GPS IFD, XMP location properties and
 * IPTC place names, in every APPn segment of the main image (also those between progressive scans),
 * in the images its MPF index lists (depth maps, HDR gain maps) and in any other data after the
 * image. Every edit keeps the lengths, so the entropy-coded data and all offsets stay
 * byte-identical. "all" mode then rebuilds the file without the other metadata.
 */
export function cleanJpeg(bytes: Uint8Array, removed: Removed, mode: CleanMode): Uint8Array {
  const image = readImage(bytes, 0);
  removeFromSegments(bytes, image, removed);
  if (mode === 'all') return withoutMetadata(bytes, image, removed);
  // The images the MPF index lists (depth maps, HDR gain maps) and anything else appended, found
  // by signature so that what no index lists is reached too.
  removeLocation(bytes, image.end, bytes.length, removed);
  return bytes;
}

/**
 * Where location metadata is still in a JPEG, as ExifTool with -ee would find it: any APPn segment
 * of the main image, wherever it sits, or the data after the image. Undefined when there is none.
 */
export function jpegLocationLeft(bytes: Uint8Array): string | undefined {
  const image = readImage(bytes, 0);
  const segment = image.segments.find((candidate) => isApp(candidate.marker) && holdsLocation(bytes, candidate.start + 4, candidate.end));
  if (segment) return `an APP${segment.marker - APP0} segment at byte ${segment.start}`;
  // Each chunk was cleaned on its own; a property split between two is found only in the whole.
  const extended = extendedXmp(bytes, image.segments);
  if (holdsLocation(extended, 0, extended.length)) return 'the extended XMP';
  return holdsLocation(bytes, image.end, bytes.length) ? 'the data after the image' : undefined;
}

interface Segment {
  readonly marker: number;
  /** From the marker's FF to the end of the segment. */
  readonly start: number;
  readonly end: number;
}

interface JpegImage {
  /** Every segment from SOI to EOI in file order: the headers, the scans, and what lies between scans. */
  readonly segments: readonly Segment[];
  /** Just after EOI, or the end of the file when it ends in the scan data. */
  readonly end: number;
}

const isApp = (marker: number) => marker >= APP0 && marker <= APP15;
const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7;

/** Walks the image that starts at `start`, skipping the entropy-coded data after each SOS. */
function readImage(bytes: Uint8Array, start: number): JpegImage {
  if (bytes[start] !== 0xff || bytes[start + 1] !== SOI) throw new MalformedImage('not a JPEG (no start-of-image marker)');
  const segments: Segment[] = [];
  let scanned = false;
  for (let at = start + 2; ; ) {
    if (at >= bytes.length) {
      if (!scanned) throw new MalformedImage('JPEG has no image data');
      return { segments, end: bytes.length };
    }
    if (bytes[at] !== 0xff) throw new MalformedImage(`expected a JPEG marker at byte ${at}`);
    while (bytes[at + 1] === 0xff) at++; // fill bytes
    const marker = bytes[at + 1];
    if (marker === undefined) throw new MalformedImage('JPEG ends inside a marker');
    if (marker === EOI) {
      if (!scanned) throw new MalformedImage('JPEG has no image data');
      return { segments, end: at + 2 };
    }
    if (isRestart(marker) || marker === 0x01) {
      at += 2; // standalone markers have no length
      continue;
    }
    if (at + 4 > bytes.length) throw new MalformedImage('JPEG ends inside a segment header');
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) throw new MalformedImage(`JPEG segment at byte ${at} runs past the end of the file`);
    segments.push({ marker, start: at, end });
    scanned ||= marker === SOS;
    at = marker === SOS ? entropyCodedDataEnd(bytes, end) : end;
  }
}

/** Where the marker after a scan's entropy-coded data starts: FF not followed by stuffing (00) or RSTn. */
function entropyCodedDataEnd(bytes: Uint8Array, at: number): number {
  for (at = bytes.indexOf(0xff, at); at >= 0 && at + 1 < bytes.length; at = bytes.indexOf(0xff, at + 2)) {
    const next = bytes[at + 1]!;
    if (next !== 0x00 && !isRestart(next)) return at;
  }
  return bytes.length;
}

/** Removes location metadata from every APPn segment of the image. */
function removeFromSegments(bytes: Uint8Array, image: JpegImage, removed: Removed): void {
  for (const segment of image.segments) {
    if (isApp(segment.marker)) removeLocation(bytes, segment.start + 4, segment.end, removed);
  }
}

/**
 * Removes the location metadata that `bytes[start, end)` holds, found by its signatures rather than
 * by a container, in place: EXIF ("Exif\0" and a TIFF header), XMP properties and IPTC places.
 */
function removeLocation(bytes: Uint8Array, start: number, end: number, removed: Removed): void {
  for (let at = indexOfAscii(bytes, 'Exif\0', start, end); at >= 0; at = indexOfAscii(bytes, 'Exif\0', at + 1, end)) {
    const tiff = latin1(bytes, at + 6, Math.min(end, at + 10));
    if (tiff === 'II*\0' || tiff === 'MM\0*') removed.gpsTags += removeTiffGps({ bytes, start: at + 6, end }).gpsTags;
  }
  removed.xmpProperties.push(...removeXmpLocation(bytes, start, end).properties);
  for (let at = indexOfAscii(bytes, PHOTOSHOP, start, end); at >= 0; at = indexOfAscii(bytes, PHOTOSHOP, at + 1, end)) {
    removed.iptcPlaces.push(...removeIptcPlaces(bytes, at, end));
  }
}

/** Whether `bytes[start, end)` holds location metadata: what the remover would take from a copy is there. */
function holdsLocation(bytes: Uint8Array, start: number, end: number): boolean {
  const found = nothingRemoved();
  removeLocation(bytes.slice(start, end), 0, end - start, found);
  return locationItemsRemoved(found) > 0;
}

/** Extended XMP (too big for one segment) joined from its chunks, as readers join it: by each chunk's offset. */
function extendedXmp(bytes: Uint8Array, segments: readonly Segment[]): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // After the signature: the packet's GUID (32 bytes), its full length (4) and this chunk's offset in it (4).
  const chunks = segments
    .map((segment) => ({ segment, data: segment.start + 4 + EXTENDED_XMP.length + 40 }))
    .filter(({ segment, data }) => segment.marker === APP1 && data <= segment.end && startsWith(bytes, segment.start + 4, EXTENDED_XMP))
    .map(({ segment, data }) => ({ offset: view.getUint32(data - 4), data: bytes.subarray(data, segment.end) }))
    .sort((a, b) => a.offset - b.offset);
  return concat(chunks.map((chunk) => chunk.data));
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
  return segment.marker < APP0 || (segment.marker > APP15 && segment.marker !== COM);
}

function withoutMetadata(bytes: Uint8Array, image: JpegImage, removed: Removed): Uint8Array {
  const firstScan = image.segments.findIndex((segment) => segment.marker === SOS);
  const headers = image.segments.slice(0, firstScan);
  const kept: Uint8Array[] = [];
  const dropped = new Set<string>();
  for (const segment of headers) {
    if (rendersImage(bytes, segment)) kept.push(bytes.subarray(segment.start, segment.end));
    else dropped.add(segmentName(bytes, segment));
  }
  // EXIF goes right after JFIF (or SOI), where readers look for it.
  const afterJfif = kept[0]?.[1] === APP0 ? 1 : 0;
  kept.splice(afterJfif, 0, ...orientationSegment(headerOrientation(bytes, headers)));
  const parts = [new Uint8Array([0xff, SOI]), ...kept];
  // From the first scan on, the entropy-coded data is copied as it is; segments between scans
  // that do not render the image are left out.
  let copied = image.segments[firstScan]!.start;
  for (const segment of image.segments.slice(firstScan)) {
    if (rendersImage(bytes, segment)) continue;
    parts.push(bytes.subarray(copied, segment.start));
    dropped.add(segmentName(bytes, segment));
    copied = segment.end;
  }
  parts.push(bytes.subarray(copied, image.end));
  if (image.end < bytes.length) dropped.add('data after the image (embedded images, previews)');
  removed.other.push(...dropped);
  return concat(parts);
}

function headerOrientation(bytes: Uint8Array, headers: readonly Segment[]): number | undefined {
  let orientation: number | undefined;
  for (const segment of headers) {
    const payload = segment.start + 4;
    if (segment.marker !== APP1) continue;
    if (startsWith(bytes, payload, EXIF_HEADER)) orientation ??= tiffOrientation({ bytes, start: payload + EXIF_HEADER.length, end: segment.end });
    else if (startsWith(bytes, payload, XMP)) orientation ??= xmpOrientation(bytes, payload + XMP.length, segment.end);
  }
  return orientation;
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
