import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';

export const VIDEO_FIXTURES = 'test/fixtures/videos';
export const videoFixtures = () => readdirSync(VIDEO_FIXTURES).filter((name) => !name.endsWith('.md')).map((name) => `${VIDEO_FIXTURES}/${name}`);

export const haveFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

/**
 * ExifTool tags about location, as "Group0:Group1:Name" keys of exiftoolJson: GPS and location
 * tags, and Matroska tags named after QuickTime location keys ("Comapplequicktimelocationiso6709").
 */
export const LOCATION_TAG = /:\w*(?:GPS|Location|6709)\w*$/i;

/**
 * What ExifTool still reads as a place in one report: location tags with a value other than zero
 * (blanked telemetry keeps its fields, as zeros: "0", "0 0"), and coordinates (four or more
 * decimals) in subtitle text, which ExifTool passes on as Text. A GPS clock (GPSDateTime) says
 * when, not where, and stays in "location" mode.
 */
const TIME_TAG = /:GPS(?:DateTime|DateStamp|TimeStamp)$/;

export function placesLeft(report: Record<string, unknown>): string[] {
  const nonZero = (value: unknown) => !String(value).split(/[\s,]+/).every((part) => part === '' || Number(part) === 0);
  return Object.entries(report)
    .filter(([key, value]) => !/^(?:File|System|SourceFile)/.test(key) && ((LOCATION_TAG.test(key) && !TIME_TAG.test(key) && nonZero(value)) || (/:Text$/.test(key) && /\d\.\d{4,}/.test(String(value)))))
    .map(([key, value]) => `${key}: ${String(value)}`);
}

/** A box: 32-bit size, type, payload. */
export function box(type: string, ...payload: Uint8Array[]): Uint8Array {
  const size = 8 + payload.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, size);
  out.set(Uint8Array.from(type, (char) => char.charCodeAt(0)), 4);
  let at = 8;
  for (const part of payload) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export const text = (value: string) => Uint8Array.from(value, (char) => char.charCodeAt(0));
export const zeros = (length: number) => new Uint8Array(length);

/** The payload of every top-level mdat box, in order, found without the cleaner's code. */
function mediaData(bytes: Uint8Array): { start: number; end: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ranges: { start: number; end: number }[] = [];
  for (let at = 0; at + 8 <= bytes.length; ) {
    let size = view.getUint32(at);
    let header = 8;
    if (size === 1) {
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) {
      size = bytes.length - at;
    }
    if (String.fromCharCode(...bytes.subarray(at + 4, at + 8)) === 'mdat') ranges.push({ start: at + header, end: at + size });
    if (size < 8) break;
    at += size;
  }
  return ranges;
}

/** SHA-256 of the media data: the samples a cleaner must keep. */
export function mediaDataHash(bytes: Uint8Array): string {
  const hash = createHash('sha256');
  for (const { start, end } of mediaData(bytes)) hash.update(bytes.subarray(start, end));
  return hash.digest('hex');
}

/** Offsets inside the media data where `after` differs from `before` (files of the same layout). */
export function changedMediaBytes(before: Uint8Array, after: Uint8Array): number[] {
  const changed: number[] = [];
  for (const { start, end } of mediaData(before)) for (let at = start; at < end; at++) if (before[at] !== after[at]) changed.push(at);
  return changed;
}

/** FFmpeg's hash of the packets of every stream (or of one kind: "v"), as it demuxes them: the samples players decode. */
export function streamHashes(file: string, streams = ''): string {
  const result = spawnSync('ffmpeg', ['-loglevel', 'error', '-i', file, '-map', streams ? `0:${streams}` : '0', '-c', 'copy', '-f', 'streamhash', '-'], { encoding: 'utf8' });
  return result.stdout;
}

/** A full box: version 0, flags, payload. */
export function fullBox(type: string, flags: number, ...payload: Uint8Array[]): Uint8Array {
  return box(type, Uint8Array.of(0, flags >> 16, (flags >> 8) & 0xff, flags & 0xff), ...payload);
}

const uint32s = (...values: number[]) => {
  const out = new Uint8Array(values.length * 4);
  values.forEach((value, i) => new DataView(out.buffer).setUint32(i * 4, value));
  return out;
};

/**
 * `file` (an MP4 or MOV whose moov box comes last, as the fixtures here have it) with one more
 * track: its samples in an mdat box inserted before the moov box (one chunk), its trak box (tkhd,
 * mdhd, hdlr, nmhd, dinf, stbl with `sampleEntry`, stts, stsc, stsz, stco) at the end of moov.
 * Nothing before the moov box moves, so the other tracks' chunk offsets stay valid.
 */
export function withTrack(file: Uint8Array, handler: string, sampleEntry: Uint8Array, samples: readonly Uint8Array[], timescale = 1000, sampleDuration = 100): Uint8Array {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let moovAt = 0;
  while (moovAt < file.length && String.fromCharCode(...file.subarray(moovAt + 4, moovAt + 8)) !== 'moov') moovAt += view.getUint32(moovAt);
  if (moovAt >= file.length || moovAt + view.getUint32(moovAt) !== file.length) throw new Error('withTrack needs a file whose moov box comes last');
  const media = box('mdat', ...samples);
  const duration = samples.length * sampleDuration;
  const matrix = uint32s(0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000);
  const trak = box(
    'trak',
    fullBox('tkhd', 3, uint32s(0, 0, 100, 0, duration, 0, 0, 0), matrix, uint32s(0, 0)),
    box(
      'mdia',
      fullBox('mdhd', 0, uint32s(0, 0, timescale, duration), Uint8Array.of(0x55, 0xc4, 0, 0)),
      fullBox('hdlr', 0, zeros(4), text(handler), zeros(12), text('Sera test\0')),
      box(
        'minf',
        fullBox('nmhd', 0),
        box('dinf', fullBox('dref', 0, uint32s(1), fullBox('url ', 1))),
        box(
          'stbl',
          fullBox('stsd', 0, uint32s(1), sampleEntry),
          fullBox('stts', 0, uint32s(1, samples.length, sampleDuration)),
          fullBox('stsc', 0, uint32s(1, 1, samples.length, 1)),
          fullBox('stsz', 0, uint32s(0, samples.length, ...samples.map((sample) => sample.length))),
          fullBox('stco', 0, uint32s(1, moovAt + 8)),
        ),
      ),
    ),
  );
  const moov = file.subarray(moovAt);
  const grown = box('moov', moov.subarray(8), trak);
  return new Uint8Array(Buffer.concat([file.subarray(0, moovAt), media, grown]));
}

/** A 32-bit big-endian number as a box type: the local key IDs of Apple timed metadata. */
export const keyId = (id: number) => String.fromCharCode(id >>> 24, (id >> 16) & 0xff, (id >> 8) & 0xff, id & 0xff);

/**
 * An Apple timed metadata sample entry (`mebx`, QuickTime File Format): 6 reserved bytes, the data
 * reference index, and a `keys` box holding one box a key, typed by its local ID (1, 2, … in
 * order), each declaring its name (`keyd`: namespace `mdta`, the name) and type (`dtyp`: 1, UTF-8).
 */
export function timedMetadataEntry(...names: string[]): Uint8Array {
  const utf8 = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 1);
  return box('mebx', zeros(6), Uint8Array.of(0, 1), box('keys', ...names.map((name, i) => box(keyId(i + 1), box('keyd', text('mdta'), text(name)), box('dtyp', utf8)))));
}

/** A timed metadata sample: one box a value, typed by its key's local ID. */
export function timedMetadataSample(...values: [id: number, value: string][]): Uint8Array {
  return new Uint8Array(Buffer.concat(values.map(([id, value]) => box(keyId(id), new Uint8Array(Buffer.from(value, 'utf8'))))));
}

/** Text as CEA-608 bytes: seven bits and an odd parity bit each. */
export function cea608(value: string): number[] {
  return [...value].map((char) => {
    const code = char.charCodeAt(0);
    let bits = 0;
    for (let bit = 0; bit < 7; bit++) bits += (code >> bit) & 1;
    return bits % 2 === 1 ? code : code | 0x80;
  });
}
