import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../bench/stats';
import { nothingRemoved } from '../../src/photos/report';
import { MalformedVideo } from '../../src/videos/boxes';
import { blankCammPositions } from '../../src/videos/camm';
import { cleanVideo } from '../../src/videos/clean';
import { blankDjiPositions } from '../../src/videos/dji';
import { cleanMetadataBox, type Findings } from '../../src/videos/metadata';
import { blankRtmdPositions } from '../../src/videos/sony';
import { blankSubtitlePositions, blankWebVttPositions } from '../../src/videos/subtitles';
import { blankTimedMetadata } from '../../src/videos/timed-metadata';
import { applyPatches, memorySource } from '../../src/videos/source';
import { exiftoolJson, haveExiftool } from '../helpers/photos';
import { box, placesLeft, text, timedMetadataEntry, timedMetadataSample, VIDEO_FIXTURES, videoFixtures, withTrack, zeros } from './helpers';

const webVttCue = (value: string) => box('vttc', box('payl', text(value)));

const BUDGET_MS = 8_000;
const SLOW_MS = 2_000;
/** Cleaned outputs handed to ExifTool in one batch at the end (one process, not one per run). */
const JUDGED = 40;

/**
 * Where a video's structure and metadata live: [start, end) of every top-level box but mdat, or in
 * WebM and Matroska what lies before the first Cluster and from the last Tags on.
 */
function metadataRanges(bytes: Uint8Array): [number, number][] {
  const buffer = Buffer.from(bytes);
  if (buffer.readUInt32BE(0) === 0x1a45dfa3) {
    const firstCluster = buffer.indexOf(Buffer.from([0x1f, 0x43, 0xb6, 0x75]));
    const lastTags = buffer.lastIndexOf(Buffer.from([0x12, 0x54, 0xc3, 0x67]));
    return [[0, firstCluster < 0 ? bytes.length : firstCluster], ...(lastTags > firstCluster ? [[lastTags, bytes.length] as [number, number]] : [])];
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ranges: [number, number][] = [];
  for (let at = 0; at + 8 <= bytes.length; ) {
    const size = view.getUint32(at);
    if (String.fromCharCode(...bytes.subarray(at + 4, at + 8)) !== 'mdat') ranges.push([at, at + size]);
    at += size;
  }
  return ranges;
}

type Mutation = (bytes: Uint8Array, ranges: [number, number][], next: () => number) => Uint8Array;

/** Mostly the metadata boxes; one time in four anywhere, so telemetry samples in the media data too. */
const offsetIn = (bytes: Uint8Array, ranges: [number, number][], next: () => number) => {
  const [start, end] = next() < 0.25 ? [0, bytes.length] : ranges[Math.floor(next() * ranges.length)]!;
  return start + Math.floor(next() * (end - start));
};

const MUTATIONS: Record<string, Mutation> = {
  'bit flips': (bytes, ranges, next) => {
    const out = bytes.slice();
    for (let i = 0; i < 1 + next() * 8; i++) out[offsetIn(out, ranges, next)]! ^= 1 << Math.floor(next() * 8);
    return out;
  },
  truncation: (bytes, _ranges, next) => bytes.slice(0, Math.floor(next() * bytes.length)),
  'length fields': (bytes, ranges, next) => {
    const out = bytes.slice();
    const values = [0, 1, 7, 8, 0xff, 0xffff, 0x7fffffff, 0xffffffff, out.length, Math.floor(next() * 2 ** 32)];
    new DataView(out.buffer).setUint32(Math.min(offsetIn(out, ranges, next), out.length - 4), values[Math.floor(next() * values.length)]!);
    return out;
  },
};

/**
 * Positions as text, found without the cleaner's code: ISO 6709 strings and XMP GPS properties.
 * Positions in telemetry and subtitle samples lie in the media data, where damage can leave bytes
 * that no track points to any more (no reader shows them, and the cleaner does not read media
 * data): ExifTool, reading the tracks as players do, judges those.
 */
const POSITION_TEXT = /[+-]\d{2}(?:\.\d+)?[+-]\d{3}(?:\.\d+)?[^\n]{0,12}\/|[:\s]GPS(?:Latitude|Longitude)\b/;

describe('fuzzing the video cleaner with damaged files', () => {
  const built: Record<string, Uint8Array> = {
    'built iPhone MOV with a mebx location track': withTrack(new Uint8Array(readFileSync(`${VIDEO_FIXTURES}/iphone-keys-iso6709.mov`)), 'meta', timedMetadataEntry('com.apple.quicktime.location.ISO6709', 'com.apple.quicktime.video-orientation'), [0, 1].map((i) => timedMetadataSample([1, `+60.16${90 + i}+024.9384+012.000/`], [2, 'portrait']))),
    'built MP4 with a wvtt track': withTrack(new Uint8Array(readFileSync(`${VIDEO_FIXTURES}/no-location.mp4`)), 'text', box('wvtt', zeros(6), Uint8Array.of(0, 1)), [webVttCue('GPS (24.9384, 60.1699, 18)'), box('vtte')]),
  };
  const seeds = [...videoFixtures().map((file) => ({ file, bytes: new Uint8Array(readFileSync(file)) })), ...Object.entries(built).map(([file, bytes]) => ({ file, bytes }))].map((seed) => ({ ...seed, ranges: metadataRanges(seed.bytes) }));

  it(`never throws, never hangs and never passes a readable position (${BUDGET_MS / 1000} s budget)`, async () => {
    const next = seededRandom(20261203);
    const dir = mkdtempSync(join(tmpdir(), 'sera-video-fuzz-'));
    const started = performance.now();
    const failures: string[] = [];
    const judged: string[] = [];
    let runs = 0;
    let cleaned = 0;
    while (performance.now() - started < BUDGET_MS) {
      const seed = seeds[Math.floor(next() * seeds.length)]!;
      const [name, mutate] = Object.entries(MUTATIONS)[Math.floor(next() * 3)]!;
      const input = mutate(seed.bytes, seed.ranges, next);
      const mode = next() < 0.5 ? 'location' : 'all';
      const callStarted = performance.now();
      const result = await cleanVideo(memorySource(input), mode);
      const took = performance.now() - callStarted;
      runs++;
      const where = `${seed.file} (${name}, ${mode}, run ${runs})`;
      if (took > SLOW_MS) failures.push(`${where}: took ${Math.round(took)} ms`);
      if (!result.cleaned) {
        if (/unexpected/.test(result.reason)) failures.push(`${where}: ${result.reason}`);
        continue;
      }
      cleaned++;
      const output = applyPatches(input, result.patches);
      if (POSITION_TEXT.test(Buffer.from(output).toString('latin1'))) failures.push(`${where}: a position is still in the bytes`);
      if (judged.length < JUDGED) {
        const file = join(dir, `run-${runs}-${seed.file.split('/').pop()}`);
        writeFileSync(file, output);
        judged.push(file);
      }
    }
    if (haveExiftool) {
      for (const report of exiftoolJson(judged, { embedded: true, documents: true })) {
        const tags = placesLeft(report);
        if (tags.length > 0) failures.push(`${String(report['SourceFile'])}: ExifTool reads ${tags.join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
    expect(runs).toBeGreaterThan(50);
    expect(cleaned).toBeGreaterThan(0);
  }, BUDGET_MS + 60_000);
});

describe('fuzzing the telemetry and subtitle blankers with damaged samples', () => {
  const blankers = {
    subtitles: blankSubtitlePositions,
    camm: blankCammPositions,
    dji: blankDjiPositions,
    sony: blankRtmdPositions,
    webvtt: blankWebVttPositions,
    mebx: (sample: Uint8Array) => blankTimedMetadata(sample, new Set([2]), () => {}),
  };
  /** Real samples to damage: the first few of each telemetry fixture's tracks, found by the cleaner's own sample tables. */
  const samples = (file: string) => {
    const bytes = new Uint8Array(readFileSync(`${VIDEO_FIXTURES}/${file}`));
    const found: Findings = { removed: nothingRemoved(), found: {}, problems: [], telemetry: [] };
    cleanMetadataBox(bytes.slice(), 'location', found);
    return found.telemetry.flatMap((track) => track.samples.map((sample) => bytes.slice(sample.offset, sample.offset + sample.size)));
  };
  const seeds: Record<keyof typeof blankers, Uint8Array[]> = {
    subtitles: ['dji-subtitles-gps.mp4', 'dji-mavic2-captions.mp4', 'dji-p4rtk-captions.mp4', 'dji-mavicpro-captions.mp4'].flatMap(samples),
    camm: samples('camm-gps.mp4'),
    dji: samples('dji-djmd-gps.mp4'),
    sony: samples('sony-rtmd-gps.mp4'),
    webvtt: [webVttCue('GPS (24.9384, 60.1699, 18)'), new Uint8Array(Buffer.concat([webVttCue('[latitude: 60.169912] [longitude: 24.938414]'), box('vtta', text('+60.1699+024.9384/'))]))],
    mebx: [timedMetadataSample([1, '+60.1699+024.9384+012.000/'], [2, 'portrait'], [1, '+60.1700+024.9384/'])],
  };

  it('only ever refuse (MalformedVideo), keep the sample size, and leave nothing for a second pass', () => {
    const next = seededRandom(20261204);
    const failures: string[] = [];
    for (let run = 0; run < 20_000; run++) {
      const kind = (Object.keys(blankers) as (keyof typeof blankers)[])[Math.floor(next() * Object.keys(blankers).length)]!;
      const seed = seeds[kind][Math.floor(next() * seeds[kind].length)]!;
      const sample = next() < 0.2 ? seed.slice(0, Math.floor(next() * seed.length)) : seed.slice();
      for (let i = 0; i < 1 + next() * 6; i++) sample[Math.floor(next() * sample.length)]! ^= 1 << Math.floor(next() * 8);
      try {
        blankers[kind](sample, () => {});
        if (blankers[kind](sample.slice(), () => {}) > 0) failures.push(`${kind} run ${run}: a second pass found a position`);
      } catch (error) {
        if (!(error instanceof MalformedVideo)) failures.push(`${kind} run ${run}: ${String(error)}`);
      }
      if (sample.length > seed.length) failures.push(`${kind} run ${run}: the sample grew`);
    }
    expect(failures).toEqual([]);
  });
});
