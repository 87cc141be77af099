import { removeIptcDatasets } from './iptc';
import type { Removed } from './report';
import { entryValue, removeTiffGps } from './tiff';
import { removeXmpLocation } from './xmp';

const XMP_PACKET = 700;
const IPTC_NAA = 33723;

/**
 * Removes location metadata from a TIFF or DNG file in place: the GPS IFD, and location
 * properties and place names in the XMP (tag 700) and IPTC (tag 33723) blocks of IFD0. Strips,
 * tiles and every offset stay where they are.
 */
export function removeTiffFileLocation(bytes: Uint8Array, removed: Removed): void {
  const tiff = { bytes, start: 0, end: bytes.length };
  // Find the blocks first: removing the GPS pointer shifts IFD0's later entries.
  const xmp = ifd0Value(bytes, XMP_PACKET);
  const iptc = ifd0Value(bytes, IPTC_NAA);
  removed.gpsTags += removeTiffGps(tiff).tags;
  if (xmp) removed.xmpProperties.push(...removeXmpLocation(bytes, xmp.start, xmp.end).properties);
  if (iptc) removed.iptcPlaces.push(...removeIptcDatasets(bytes, iptc.start, iptc.end));
}

/** Where the value of an IFD0 tag lies, if it is present and inside the file. */
function ifd0Value(bytes: Uint8Array, tag: number): { start: number; end: number } | undefined {
  if (bytes.length < 8) return undefined;
  const little = bytes[0] === 0x49;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > bytes.length) return undefined;
  const count = Math.min(view.getUint16(ifd, little), Math.floor((bytes.length - ifd - 2) / 12));
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (view.getUint16(entry, little) !== tag) continue;
    const { start, size } = entryValue(view, little, 0, entry);
    return start + size <= bytes.length ? { start, end: start + size } : undefined;
  }
  return undefined;
}
