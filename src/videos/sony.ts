import { MalformedVideo } from './boxes';
import type { NotePosition } from './telemetry';

/**
 * Sony's real-time metadata (`rtmd` samples of Sony cameras' MP4 videos), as ExifTool documents
 * it: a header whose length is the first 16-bit word, then big-endian local tags (16-bit tag,
 * 16-bit length, value) as in MXF; 0x060e starts a 16-byte key without a length, 0x8300 is a
 * container whose tags follow inline, and tag 0 ends the list. The GPS tags are 0x85xx: the EXIF
 * GPS tags (0x00 version … 0x1d date) plus 0x8500. Their values become zeros, lengths stay.
 */

const UNIVERSAL_KEY = 0x060e;
const CONTAINER = 0x8300;
const isGpsTag = (tag: number) => tag >> 8 === 0x85;
const LATITUDE = 0x8502;
const LONGITUDE = 0x8504;

/** Blanks the GPS tags of one rtmd sample in place; how many held a value. */
export function blankRtmdPositions(sample: Uint8Array, notePosition: NotePosition): number {
  if (sample.length < 2) throw new MalformedVideo('a Sony rtmd sample is truncated');
  const view = new DataView(sample.buffer, sample.byteOffset, sample.byteLength);
  const degrees = (at: number, length: number) => {
    // Three unsigned rationals: degrees, minutes, seconds.
    if (length !== 24) return NaN;
    const part = (i: number) => view.getUint32(at + i * 8) / view.getUint32(at + i * 8 + 4);
    return part(0) + part(1) / 60 + part(2) / 3600;
  };
  const position: { latitude?: number; longitude?: number } = {};
  let blanked = 0;
  for (let at = view.getUint16(0); at + 4 <= sample.length; ) {
    const tag = view.getUint16(at);
    if (tag === 0) break;
    if (tag === UNIVERSAL_KEY) {
      at += 16;
      continue;
    }
    const length = view.getUint16(at + 2);
    at += 4;
    if (tag === CONTAINER) continue;
    if (at + length > sample.length) throw new MalformedVideo(`a Sony rtmd tag (0x${tag.toString(16)}) runs past its sample`);
    if (isGpsTag(tag) && sample.subarray(at, at + length).some((byte) => byte !== 0)) {
      if (tag === LATITUDE) position.latitude = degrees(at, length);
      if (tag === LONGITUDE) position.longitude = degrees(at, length);
      sample.fill(0, at, at + length);
      blanked++;
    }
    at += length;
  }
  if (position.latitude !== undefined && position.longitude !== undefined) notePosition(position.latitude, position.longitude);
  return blanked;
}
