import { latin1 } from './bytes';
import { removeIptcPlaces } from './iptc';
import type { Removed } from './report';
import { MalformedImage, removeTiffGps } from './tiff';
import { removeXmpLocation } from './xmp';

const EXIF = 'Exif\0\0';
const XMP = 'http://ns.adobe.com/xap/1.0/\0';
const SOS = 0xda;
const EOI = 0xd9;

function startsWith(bytes: Uint8Array, at: number, prefix: string): boolean {
  return latin1(bytes, at, Math.min(bytes.length, at + prefix.length)) === prefix;
}

/**
 * Removes location metadata from a JPEG in place: the EXIF GPS IFD, XMP location properties and
 * IPTC place names, in the main image and in the images embedded after it (MPF depth maps, HDR
 * frames). Every edit keeps the segment lengths, so the entropy-coded data and all offsets stay
 * byte-identical.
 */
export function removeJpegLocation(bytes: Uint8Array, removed: Removed): void {
  removeFromImageAt(bytes, removed, 0, 0);
}

function removeFromImageAt(bytes: Uint8Array, removed: Removed, start: number, depth: number): void {
  if (bytes[start] !== 0xff || bytes[start + 1] !== 0xd8) throw new MalformedImage('not a JPEG (no start-of-image marker)');
  let at = start + 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw new MalformedImage(`expected a JPEG marker at byte ${at}`);
    while (bytes[at + 1] === 0xff) at++; // fill bytes
    const marker = bytes[at + 1];
    if (marker === undefined) throw new MalformedImage('JPEG ends inside a marker');
    if (marker === EOI) return;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) throw new MalformedImage('JPEG ends inside a segment header');
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const dataStart = at + 4;
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) throw new MalformedImage(`JPEG segment at byte ${at} runs past the end of the file`);
    if (marker === 0xe1 && startsWith(bytes, dataStart, EXIF)) {
      removed.gpsTags += removeTiffGps({ bytes, start: dataStart + EXIF.length, end }).tags;
    } else if (marker === 0xe1 && startsWith(bytes, dataStart, XMP)) {
      removed.xmpProperties.push(...removeXmpLocation(bytes, dataStart + XMP.length, end).properties);
    } else if (marker === 0xed) {
      removed.iptcPlaces.push(...removeIptcPlaces(bytes, dataStart, end));
    }
    if (marker === SOS) break;
    at = end;
  }
  if (depth > 0) return;
  // Images embedded after the first one (MPF). Entropy-coded data never contains FF D8, so every
  // FF D8 FF found from here on starts one.
  for (let next = indexOfSoi(bytes, at); next >= 0; next = indexOfSoi(bytes, next + 2)) {
    try {
      removeFromImageAt(bytes, removed, next, depth + 1);
    } catch (error) {
      if (!(error instanceof MalformedImage)) throw error;
      // Not an image after all (or a broken one): it is checked again when the result is re-read.
    }
  }
}

function indexOfSoi(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd8 && bytes[i + 2] === 0xff) return i;
  }
  return -1;
}
