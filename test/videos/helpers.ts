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
