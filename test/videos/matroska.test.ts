import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cleanImage } from '../../src/photos/clean';
import { cleanVideo } from '../../src/videos/clean';
import { detectVideoFormat, mightBeVideo } from '../../src/videos/format';
import { applyPatches, memorySource, type ByteSource } from '../../src/videos/source';
import { exiftoolJson, haveExiftool } from '../helpers/photos';
import { haveFfmpeg, placesLeft, streamHashes, text, VIDEO_FIXTURES } from './helpers';

// WebM and Matroska: ExifTool judges the tags, FFmpeg (where present) the streams, and the
// Clusters (the media) are compared byte for byte, found by a walk of their own.

/** An EBML element with a known size (an 8-byte size field, as muxers that patch sizes write it). */
function element(id: number, ...payload: Uint8Array[]): Uint8Array {
  const data = Buffer.concat(payload);
  const size = Buffer.alloc(8);
  size.writeBigUInt64BE(BigInt(data.length) | (1n << 56n));
  return Buffer.concat([idBytes(id), size, data]);
}

/** An element whose size is "unknown", as live recorders (MediaRecorder) write Segments and Clusters. */
function unknownSize(id: number, ...payload: Uint8Array[]): Uint8Array {
  return Buffer.concat([idBytes(id), Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), ...payload]);
}

function idBytes(id: number): Buffer {
  const hex = id.toString(16);
  return Buffer.from(hex.padStart(hex.length + (hex.length % 2), '0'), 'hex');
}

const header = element(0x1a45dfa3, element(0x4282, text('webm')));
const info = element(0x1549a966, element(0x2ad7b1, Uint8Array.of(0x0f, 0x42, 0x40)), element(0x4d80, text('test')), element(0x5741, text('test')));
const simpleTag = (name: string, value: string) => element(0x67c8, element(0x45a3, text(name)), element(0x4487, Buffer.from(value)));
const tags = (...simpleTags: Uint8Array[]) => element(0x1254c367, element(0x7373, element(0x63c0), ...simpleTags));
const block = (byte: number) => element(0xa3, Uint8Array.of(0x81, 0, 0, 0x80), new Uint8Array(300).fill(byte));
const cluster = (byte: number) => element(0x1f43b675, element(0xe7, Uint8Array.of(0)), block(byte), block(byte + 1));
const crc = (...children: Uint8Array[]) => {
  const content = Buffer.concat(children);
  const value = Buffer.alloc(4);
  value.writeUInt32LE(crc32(content));
  return Buffer.concat([Buffer.from([0xbf, 0x84]), value, content]);
};
const webm = (...segment: Uint8Array[]) => new Uint8Array(Buffer.concat([header, element(0x18538067, ...segment)]));

interface Walked {
  readonly id: number;
  readonly at: number;
  readonly start: number;
  readonly end: number;
  readonly unknownSize: boolean;
}

/** The elements in `bytes[start, end)`, read without the cleaner's code; an unknown size runs to `end`. */
function walk(bytes: Uint8Array, start: number, end: number): Walked[] {
  const found: Walked[] = [];
  for (let at = start; at < end; ) {
    const idLength = Math.clz32(bytes[at]!) - 23;
    const id = Number.parseInt(Buffer.from(bytes.subarray(at, at + idLength)).toString('hex'), 16);
    const sizeLength = Math.clz32(bytes[at + idLength]!) - 23;
    const sizeBytes = [...bytes.subarray(at + idLength, at + idLength + sizeLength)];
    sizeBytes[0]! &= 0xff >> sizeLength;
    const unknown = sizeBytes.every((byte, i) => byte === (i === 0 ? 0xff >> sizeLength : 0xff));
    const dataStart = at + idLength + sizeLength;
    const size = sizeBytes.reduce((sum, byte) => sum * 256 + byte, 0);
    found.push({ id, at, start: dataStart, end: unknown ? end : dataStart + size, unknownSize: unknown });
    at = unknown ? dataStart : dataStart + size; // inside an unknown size: its children follow
  }
  return found;
}

/** SHA-256 of every Cluster's bytes (of its blocks when its size is unknown) and of the Cues: the media a cleaner must keep. */
function clustersHash(bytes: Uint8Array): string {
  const hash = createHash('sha256');
  const media = (found: Walked) => (found.id === 0x1f43b675 && !found.unknownSize) || found.id === 0xa3 || found.id === 0x1c53bb6b;
  for (const found of walk(bytes, 0, bytes.length)) if (media(found)) hash.update(bytes.subarray(found.at, found.end));
  return hash.digest('hex');
}

describe('cleanVideo on WebM and Matroska', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sera-matroska-'));

  it.each([
    ['webm-tags-location.webm', 'webm', 60.1699],
    ['mkv-remuxed-mov-keys.mkv', 'mkv', 35.6586],
  ])('%s: location tags become Void, the media stays byte for byte', async (name, format, latitude) => {
    const input = `${VIDEO_FIXTURES}/${name}`;
    const before = new Uint8Array(readFileSync(input));
    for (const mode of ['location', 'all'] as const) {
      const result = await cleanVideo(memorySource(before), mode);
      expect(result, mode).toMatchObject({ cleaned: true, format, found: { position: { latitude: expect.closeTo(latitude, 3) } } });
      if (!result.cleaned) return;
      expect(result.removed.gpsTags).toBeGreaterThan(0);
      const after = applyPatches(before, result.patches);
      expect(clustersHash(after)).toBe(clustersHash(before));
      expect(await cleanVideo(memorySource(after), mode), mode).toMatchObject({ cleaned: true, patches: [] });
      const output = join(dir, `${mode}-${name}`);
      writeFileSync(output, after);
      if (haveFfmpeg) expect(streamHashes(output)).toBe(streamHashes(input));
      if (!haveExiftool) continue;
      const [original, cleaned] = exiftoolJson([input, output]);
      expect(placesLeft(original!)).not.toEqual([]);
      expect(placesLeft(cleaned!)).toEqual([]);
      expect(Object.keys(cleaned!).filter((key) => /Warning|Error/.test(key))).toEqual([]);
      // "all" mode leaves no tag: ExifTool reads only what the Segment's Info and Tracks say.
      if (mode === 'all') expect(Object.keys(cleaned!).filter((key) => /Title|Encoder|Comapple/i.test(key))).toEqual([]);
    }
  });

  it('walks a live recording (Chromium MediaRecorder: Segment and Clusters of unknown size) and passes it unchanged', async () => {
    const recorded = new Uint8Array(readFileSync(`${VIDEO_FIXTURES}/webm-mediarecorder.webm`));
    expect(walk(recorded, 0, recorded.length).filter((found) => found.id === 0x1f43b675).length).toBeGreaterThan(1);
    expect(await cleanVideo(memorySource(recorded))).toMatchObject({ cleaned: true, format: 'webm', found: {}, patches: [] });
  });

  it('finds tags after Clusters of unknown size and keeps the blocks', async () => {
    const file = new Uint8Array(Buffer.concat([header, unknownSize(0x18538067, info, unknownSize(0x1f43b675, element(0xe7, Uint8Array.of(0)), block(1), block(2)), unknownSize(0x1f43b675, block(3)), tags(simpleTag('LOCATION', '+60.1699+024.9384/')))]));
    const result = await cleanVideo(memorySource(file));
    expect(result).toMatchObject({ cleaned: true, found: { position: { latitude: 60.1699, longitude: 24.9384 } } });
    if (!result.cleaned) return;
    const after = applyPatches(file, result.patches);
    expect(after.length).toBe(file.length);
    expect(clustersHash(after)).toBe(clustersHash(file));
    expect(Buffer.from(after).includes('LOCATION')).toBe(false);
    expect(Buffer.from(after).includes('+60.1699')).toBe(false);
  });

  it('reads metadata only: Clusters of known size are stepped over', async () => {
    const clusters = Array.from({ length: 200 }, (_, i) => cluster(i % 250));
    const file = webm(info, tags(simpleTag('COM.APPLE.QUICKTIME.LOCATION.ISO6709', '+35.6586+139.7454/')), ...clusters);
    const reads: [number, number][] = [];
    const source: ByteSource = { size: file.length, read: async (start, end) => (reads.push([start, end]), file.subarray(start, end)) };
    expect(await cleanVideo(source)).toMatchObject({ cleaned: true, found: { position: { latitude: 35.6586 } } });
    const media = clusters.reduce((sum, part) => sum + part.length, 0);
    // The header reads come in windows of 64 KB, so one window may reach into the Clusters.
    expect(reads.reduce((sum, [start, end]) => sum + end - start, 0)).toBeLessThan(file.length - media + 2 * 64 * 1024);
  });

  it('zeroes freed space holding an old tag, keeps other tags, blanks XMP, and recomputes CRC-32', async () => {
    const leftover = element(0xec, Buffer.from('\x67\xc8\x99\x45\xa3\x88LOCATION\x44\x87\x8f+60.1699+024.9384/'));
    const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="60,10.19N" exif:GPSLongitude="24,56.30E"/></rdf:RDF></x:xmpmeta>';
    const checkedTags = element(0x1254c367, crc(element(0x7373, element(0x63c0), simpleTag('ARTIST', 'Ada'), simpleTag('XMP', xmp), simpleTag('RECORDING_LOCATION', 'Helsinki')), leftover));
    const file = webm(info, checkedTags, cluster(7));
    const result = await cleanVideo(memorySource(file));
    expect(result).toMatchObject({ cleaned: true, removed: { gpsTags: 2, xmpProperties: ['exif:GPSLatitude', 'exif:GPSLongitude'] } });
    if (!result.cleaned) return;
    const after = Buffer.from(applyPatches(file, result.patches));
    expect(after.includes('Ada')).toBe(true);
    for (const gone of ['LOCATION', 'Helsinki', '+60.1699', 'GPSLatitude']) expect(after.includes(gone), gone).toBe(false);
    const tagsElement = walk(after, walk(after, 0, after.length)[1]!.start, after.length).find((found) => found.id === 0x1254c367)!;
    const [crcElement] = walk(after, tagsElement.start, tagsElement.end);
    expect(after.readUInt32LE(crcElement!.start)).toBe(crc32(after.subarray(crcElement!.end, tagsElement.end)));
  });

  it('removes the location of an attached picture in place', async () => {
    const photo = readFileSync('test/fixtures/photos/drone-exif-xmp-gps.jpg');
    const attachment = element(0x1941a469, element(0x61a7, element(0x466e, text('cover.jpg')), element(0x4660, text('image/jpeg')), element(0x465c, photo)));
    const file = webm(info, attachment, cluster(3));
    const result = await cleanVideo(memorySource(file));
    expect(result).toMatchObject({ cleaned: true, found: { position: expect.anything() } });
    if (!result.cleaned) return;
    const after = applyPatches(file, result.patches);
    const start = Buffer.from(after).indexOf(Buffer.from([0xff, 0xd8, 0xff]));
    const cover = after.subarray(start, start + photo.length);
    expect(await cleanImage(cover)).toMatchObject({ cleaned: true, found: {} });
  });

  it('refuses damaged files instead of guessing', async () => {
    const good = new Uint8Array(readFileSync(`${VIDEO_FIXTURES}/webm-tags-location.webm`));
    const tagsAt = Buffer.from(good).lastIndexOf(Buffer.from([0x12, 0x54, 0xc3, 0x67])); // the first is the SeekHead entry
    const badId = good.slice();
    badId[tagsAt + 4 + Math.clz32(good[tagsAt + 4]!) - 23] = 0; // the Tag's ID: a zero byte cannot start an EBML number
    const pastParent = webm(info, Buffer.concat([idBytes(0x1254c367), Buffer.from([0x01, 0, 0, 0, 0, 0, 0x10, 0])]));
    const unknownTags = webm(info, unknownSize(0x1254c367, element(0x7373)));
    const notSegment = new Uint8Array(Buffer.concat([header, element(0x1f43b675, block(1))]));
    for (const [i, damaged] of [good.subarray(0, tagsAt + 12), badId, pastParent, unknownTags, notSegment].entries()) {
      const result = await cleanVideo(memorySource(damaged));
      expect(result, String(i)).toMatchObject({ cleaned: false, reason: expect.stringMatching(/cannot be cleaned/) });
    }
  });

  it('are told by their EBML header and file name', () => {
    expect(detectVideoFormat(header)).toBe('webm');
    expect(detectVideoFormat(new Uint8Array(element(0x1a45dfa3, element(0x4282, text('matroska')))))).toBe('mkv');
    expect(detectVideoFormat(new Uint8Array(element(0x1a45dfa3, element(0x4282, text('other')))))).toBeUndefined();
    expect(mightBeVideo({ name: 'screen.webm', type: '' })).toBe(true);
    expect(mightBeVideo({ name: 'clip', type: 'video/x-matroska' })).toBe(true);
    expect(mightBeVideo({ name: 'clip.mkv', type: '' })).toBe(true);
  });
});
