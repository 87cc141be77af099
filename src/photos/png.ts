import { unzlibSync, zlibSync } from 'fflate';
import { ascii, concat, latin1 } from './bytes';
import { removeIptcDatasets, removeIptcFromResources } from './iptc';
import { locationItemsRemoved, type CleanMode, type Removed } from './report';
import { EXIF_HEADER, MalformedImage, orientationOnlyTiff, removeTiffGps, tiffOrientation } from './tiff';
import { removeXmpLocation, xmpOrientation } from './xmp';

const SIGNATURE_LENGTH = 8;
const XMP_KEYWORD = 'XML:com.adobe.xmp';
// ImageMagick keeps EXIF, XMP and IPTC hex-encoded (usually compressed) in text chunks.
const RAW_PROFILE = /^Raw profile type (exif|app1|xmp|iptc|8bim)$/i;
const TEXT_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt']);

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

/** CRC-32 (ISO 3309), as PNG chunks and Matroska CRC-32 elements use it. */
export function crc32(bytes: Uint8Array): number {
  let crc = -1;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

interface Chunk {
  readonly type: string;
  /** The whole chunk: length, type, data and CRC. */
  readonly raw: Uint8Array;
  readonly data: Uint8Array;
}

function readChunks(bytes: Uint8Array): Chunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Chunk[] = [];
  for (let at = SIGNATURE_LENGTH; ; ) {
    if (at + 12 > bytes.length) throw new MalformedImage('PNG ends before its IEND chunk');
    const length = view.getUint32(at);
    const type = latin1(bytes, at + 4, at + 8);
    const end = at + 12 + length;
    if (end > bytes.length) throw new MalformedImage(`PNG chunk ${type} runs past the end of the file`);
    chunks.push({ type, raw: bytes.subarray(at, end), data: bytes.subarray(at + 8, end - 4) });
    if (type === 'IEND') return chunks;
    at = end;
  }
}

function writeChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(ascii(type), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

/** A text chunk split into its header (keyword and flags) and its text, decompressed. */
interface TextChunk {
  readonly keyword: string;
  readonly header: Uint8Array;
  readonly text: Uint8Array;
  readonly compressed: boolean;
}

function readTextChunk(type: string, data: Uint8Array): TextChunk | undefined {
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 0) return undefined;
  const keyword = latin1(data, 0, keywordEnd);
  let textStart = keywordEnd + 1;
  let compressed = type === 'zTXt';
  if (type === 'zTXt') textStart += 1; // compression method
  if (type === 'iTXt') {
    compressed = data[textStart] === 1;
    textStart += 2; // compression flag and method, then language tag and translated keyword
    for (let field = 0; field < 2; field++) {
      const nul = data.indexOf(0, textStart);
      if (nul < 0) throw new MalformedImage('iTXt chunk header is incomplete');
      textStart = nul + 1;
    }
  }
  const stored = data.subarray(textStart);
  let text: Uint8Array;
  try {
    text = compressed ? unzlibSync(stored) : stored.slice();
  } catch {
    throw new MalformedImage(`the compressed "${keyword}" text chunk is corrupt`);
  }
  return { keyword, header: data.subarray(0, textStart), text, compressed };
}

function writeTextChunk(type: string, chunk: TextChunk, text: Uint8Array): Uint8Array {
  return writeChunk(type, concat([chunk.header, chunk.compressed ? zlibSync(text) : text]));
}

/** What an ImageMagick raw profile holds: "\n<name>\n<length>\n<hex lines>". */
function decodeRawProfile(text: Uint8Array): Uint8Array {
  const lines = latin1(text).split('\n');
  const length = Number.parseInt(lines[2] ?? '', 10);
  const hex = lines.slice(3).join('').replace(/\s/g, '');
  if (!(length >= 0) || hex.length < length * 2 || !/^[\da-f]*$/i.test(hex)) throw new MalformedImage('a raw profile text chunk is corrupt');
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function encodeRawProfile(name: string, bytes: Uint8Array): Uint8Array {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += (i % 36 === 0 ? '\n' : '') + bytes[i]!.toString(16).padStart(2, '0');
  return ascii(`\n${name}\n${String(bytes.length).padStart(8)}${hex}\n`);
}

/** Removes location from a decoded raw profile in place; returns its Orientation when it is EXIF. */
function cleanRawProfile(kind: string, profile: Uint8Array, removed: Removed): number | undefined {
  if (kind === 'xmp') {
    removed.xmpProperties.push(...removeXmpLocation(profile, 0, profile.length).properties);
    return xmpOrientation(profile, 0, profile.length);
  }
  if (kind === 'iptc' || kind === '8bim') {
    // ImageMagick writes Photoshop resources under either name, and bare IPTC under "iptc".
    const resources = latin1(profile, 0, 4) === '8BIM';
    removed.iptcPlaces.push(...(resources ? removeIptcFromResources : removeIptcDatasets)(profile, 0, profile.length));
    return undefined;
  }
  const tiff = { bytes: profile, start: latin1(profile, 0, EXIF_HEADER.length) === EXIF_HEADER ? EXIF_HEADER.length : 0, end: profile.length };
  removed.gpsTags += removeTiffGps(tiff).gpsTags;
  return tiffOrientation(tiff);
}

/**
 * Removes location metadata from a PNG: the GPS IFD of the eXIf chunk, location properties of XMP
 * and ImageMagick's raw profiles (compressed or not). Chunks it edits get new lengths and CRCs;
 * every other chunk, IDAT above all, is copied byte for byte. "all" mode drops the text chunks and
 * tIME and keeps only Orientation of the EXIF; the colour chunks (iCCP, sRGB, gAMA, cHRM) stay.
 */
export function cleanPng(bytes: Uint8Array, removed: Removed, mode: CleanMode): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, SIGNATURE_LENGTH)];
  let orientation: number | undefined;
  const dropped = new Set<string>();
  for (const chunk of readChunks(bytes)) {
    const { type, data } = chunk;
    if (type === 'eXIf') {
      const tiff = { bytes, start: data.byteOffset - bytes.byteOffset, end: data.byteOffset - bytes.byteOffset + data.length };
      removed.gpsTags += removeTiffGps(tiff).gpsTags;
      orientation ??= tiffOrientation(tiff);
      if (mode === 'all') {
        dropped.add('EXIF');
        continue; // written again below with Orientation alone
      }
      parts.push(writeChunk(type, data));
    } else if (TEXT_CHUNKS.has(type)) {
      const text = readTextChunk(type, data);
      const raw = text && RAW_PROFILE.exec(text.keyword);
      if (text && raw) {
        const kind = raw[1]!.toLowerCase();
        const profile = decodeRawProfile(text.text);
        const before = locationItemsRemoved(removed);
        const profileOrientation = cleanRawProfile(kind, profile, removed);
        orientation ??= profileOrientation;
        if (mode === 'all') dropped.add(`${kind.toUpperCase()} (raw profile)`);
        else if (before === locationItemsRemoved(removed)) parts.push(chunk.raw);
        else parts.push(writeTextChunk(type, text, encodeRawProfile(latin1(text.text).split('\n')[1]!, profile)));
      } else if (text?.keyword === XMP_KEYWORD) {
        const properties = removeXmpLocation(text.text, 0, text.text.length).properties;
        removed.xmpProperties.push(...properties);
        orientation ??= xmpOrientation(text.text, 0, text.text.length);
        if (mode === 'all') dropped.add('XMP');
        else parts.push(properties.length ? writeTextChunk(type, text, text.text) : chunk.raw);
      } else if (mode === 'all') {
        dropped.add(text ? `text "${text.keyword}"` : 'text');
      } else {
        parts.push(chunk.raw);
      }
    } else if (type === 'tIME' && mode === 'all') {
      dropped.add('modification time');
    } else {
      if (type === 'IEND' && mode === 'all' && orientation !== undefined) {
        parts.splice(2, 0, writeChunk('eXIf', orientationOnlyTiff(orientation))); // after IHDR
      }
      parts.push(chunk.raw);
    }
  }
  const cleaned = concat(parts);
  removed.other.push(...dropped);
  return cleaned.length === bytes.length ? cleaned : withoutIdot(cleaned);
}

/** Apple's decoding hint (iDOT) holds byte offsets of IDAT, which are wrong once a chunk resized. */
function withoutIdot(bytes: Uint8Array): Uint8Array {
  const chunks = readChunks(bytes);
  if (!chunks.some((chunk) => chunk.type === 'iDOT')) return bytes;
  return concat([bytes.subarray(0, SIGNATURE_LENGTH), ...chunks.filter((chunk) => chunk.type !== 'iDOT').map((chunk) => chunk.raw)]);
}
