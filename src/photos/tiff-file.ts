import { removeIptcDatasets } from './iptc';
import type { CleanMode, Removed } from './report';
import { removeTiffGps, removeTiffIdentifyingTags, tagValues } from './tiff';
import { removeXmpLocation } from './xmp';

const XMP_PACKET = 700;
const IPTC_NAA = 33723;

/**
 * Removes location metadata from a TIFF or DNG file in place: the GPS IFD, and location
 * properties and place names in the XMP (tag 700) and IPTC (tag 33723) blocks of every IFD. "all" mode
 * also removes the identifying tags (EXIF IFD with maker notes, make, model, serial number, names,
 * times, XMP, IPTC). Strips, tiles and every offset stay where they are.
 */
export function cleanTiff(bytes: Uint8Array, removed: Removed, mode: CleanMode): Uint8Array {
  const tiff = { bytes, start: 0, end: bytes.length };
  for (const xmp of tagValues(tiff, XMP_PACKET)) removed.xmpProperties.push(...removeXmpLocation(bytes, xmp.start, xmp.end).properties);
  for (const iptc of tagValues(tiff, IPTC_NAA)) removed.iptcPlaces.push(...removeIptcDatasets(bytes, iptc.start, iptc.end));
  const tags = mode === 'all' ? removeTiffIdentifyingTags(tiff) : removeTiffGps(tiff);
  removed.gpsTags += tags.gpsTags;
  if (tags.otherTags) removed.other.push(`${tags.otherTags} EXIF and TIFF tags`);
  return bytes;
}
