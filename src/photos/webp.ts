import { latin1 } from './bytes';
import type { Removed } from './report';
import { MalformedImage, removeTiffGps } from './tiff';
import { removeXmpLocation } from './xmp';

const EXIF_PREFIX = 'Exif\0\0';

/**
 * Removes location metadata from a WebP in place: the GPS IFD of the EXIF chunk and location
 * properties of the XMP chunk. Chunk sizes do not change, so the RIFF bookkeeping stays valid and
 * the VP8/VP8L/ALPH data is untouched.
 */
export function removeWebpLocation(bytes: Uint8Array, removed: Removed): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffEnd = Math.min(bytes.length, 8 + view.getUint32(4, true));
  for (let at = 12; at < riffEnd; ) {
    if (at + 8 > riffEnd) throw new MalformedImage('WebP chunk header runs past the end of the file');
    const type = latin1(bytes, at, at + 4);
    const size = view.getUint32(at + 4, true);
    const start = at + 8;
    const end = start + size;
    if (end > riffEnd) throw new MalformedImage(`WebP ${type.trim()} chunk runs past the end of the file`);
    if (type === 'EXIF') {
      const prefixed = latin1(bytes, start, start + EXIF_PREFIX.length) === EXIF_PREFIX;
      removed.gpsTags += removeTiffGps({ bytes, start: prefixed ? start + EXIF_PREFIX.length : start, end }).tags;
    } else if (type === 'XMP ') {
      removed.xmpProperties.push(...removeXmpLocation(bytes, start, end).properties);
    }
    at = end + (size & 1);
  }
}
