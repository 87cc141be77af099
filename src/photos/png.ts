import { latin1 } from './bytes';
import type { Removed } from './report';
import { MalformedImage, removeTiffGps } from './tiff';
import { removeXmpLocation } from './xmp';

const SIGNATURE_LENGTH = 8;
const XMP_KEYWORD = 'XML:com.adobe.xmp';
// ImageMagick keeps EXIF, XMP and IPTC hex-encoded (usually compressed) in text chunks.
const RAW_PROFILE = /^Raw profile type (?:exif|app1|xmp|iptc|8bim)$/i;

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let crc = -1;
  for (let i = start; i < end; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/**
 * Removes location metadata from a PNG in place: the GPS IFD of the eXIf chunk and location
 * properties of uncompressed XMP, recomputing the CRC of every chunk it edits. IDAT is never
 * touched. Compressed metadata it cannot edit yet makes the file fail closed.
 */
export function removePngLocation(bytes: Uint8Array, removed: Removed): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = SIGNATURE_LENGTH; ; ) {
    if (at + 12 > bytes.length) throw new MalformedImage('PNG ends before its IEND chunk');
    const length = view.getUint32(at);
    const type = latin1(bytes, at + 4, at + 8);
    const dataStart = at + 8;
    const dataEnd = dataStart + length;
    if (dataEnd + 4 > bytes.length) throw new MalformedImage(`PNG chunk ${type} runs past the end of the file`);
    if (type === 'IEND') return;
    let edited = false;
    if (type === 'eXIf') {
      removed.gpsTags += removeTiffGps({ bytes, start: dataStart, end: dataEnd }).tags;
      edited = true;
    } else if (type === 'iTXt' || type === 'tEXt' || type === 'zTXt') {
      edited = removeTextChunkLocation(bytes, type, dataStart, dataEnd, removed);
    }
    if (edited) view.setUint32(dataEnd, crc32(bytes, at + 4, dataEnd));
    at = dataEnd + 4;
  }
}

function removeTextChunkLocation(bytes: Uint8Array, type: string, start: number, end: number, removed: Removed): boolean {
  const keywordEnd = bytes.indexOf(0, start);
  if (keywordEnd < 0 || keywordEnd >= end) return false;
  const keyword = latin1(bytes, start, keywordEnd);
  if (RAW_PROFILE.test(keyword)) throw new MalformedImage(`metadata in a "${keyword}" text chunk cannot be edited yet`);
  if (keyword !== XMP_KEYWORD) return false;
  if (type === 'zTXt' || (type === 'iTXt' && bytes[keywordEnd + 1] !== 0)) throw new MalformedImage('compressed XMP cannot be edited yet');
  let textStart = keywordEnd + 1;
  if (type === 'iTXt') {
    // Compression flag and method, then the language tag and translated keyword, each 0-terminated.
    textStart += 2;
    for (let field = 0; field < 2; field++) {
      const nul = bytes.indexOf(0, textStart);
      if (nul < 0 || nul >= end) throw new MalformedImage('iTXt chunk header is incomplete');
      textStart = nul + 1;
    }
  }
  removed.xmpProperties.push(...removeXmpLocation(bytes, textStart, end).properties);
  return true;
}
