import { mkdtempSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobSource, patchedBlob } from '../../src/videos/blob';
import { cleanVideo, type VideoCleanResult } from '../../src/videos/clean';
import { detectVideoFormat, mightBeVideo } from '../../src/videos/format';
import { fileSource, writePatchedCopy } from '../../src/videos/node-file';
import { applyPatches, memorySource, type ByteSource } from '../../src/videos/source';
import { exiftoolJson, haveExiftool } from '../helpers/photos';
import { box, changedMediaBytes, fullBox, haveFfmpeg, mediaDataHash, placesLeft, streamHashes, text, VIDEO_FIXTURES, zeros } from './helpers';

// ExifTool is the judge (.ci/run installs it); FFmpeg, where present, confirms the samples it demuxes.

/**
 * `telemetry`: positions lie in samples of a telemetry or subtitle track, which are blanked in place.
 * `newerExiftool`: ExifTool 12.57 (Debian 12) predates the format; 13.x reads it (checked by hand).
 */
const EXPECTED: Record<string, { format: string; latitude?: number; device?: string; telemetry?: boolean; newerExiftool?: boolean }> = {
  'iphone-keys-iso6709.mov': { format: 'mov', latitude: -1.2864, device: 'Apple iPhone 12' },
  'android-udta-xyz.mp4': { format: 'mp4', latitude: 60.4518 },
  'android9-phone-recording.mp4': { format: 'mp4', latitude: -15.8355 },
  'iphone5-recording.mov': { format: 'mov', latitude: 37.7899, device: 'Apple iPhone 5' },
  'remuxed-loci-recording.mp4': { format: 'mp4', latitude: 28.6513 },
  '3gp-xyz-loci.3gp': { format: '3gp', latitude: -22.9519 },
  'm4v-keys-udta-gps.m4v': { format: 'm4v', latitude: 60.1699 },
  'mp4-xmp-uuid-gps.mp4': { format: 'mp4', latitude: -33.8568 },
  'mov-xmp-keys-gps.mov': { format: 'mov', latitude: 35.6586 },
  'gopro-gpmf-gps.mp4': { format: 'mp4', telemetry: true },
  'gopro-karma-glpi.mp4': { format: 'mp4', telemetry: true },
  'gopro-hero11-gps9.mp4': { format: 'mp4', telemetry: true },
  'camm-gps.mp4': { format: 'mp4', latitude: 60.1699, telemetry: true },
  'dji-subtitles-gps.mp4': { format: 'mp4', latitude: 60.1699, telemetry: true },
  'dji-mavic2-captions.mp4': { format: 'mp4', latitude: 31.452012, telemetry: true },
  'dji-p4rtk-captions.mp4': { format: 'mp4', latitude: -34.237922, telemetry: true },
  'dji-mavicpro-captions.mp4': { format: 'mp4', latitude: -20.2532, telemetry: true },
  'dji-djmd-gps.mp4': { format: 'mp4', latitude: 60.1699, telemetry: true, newerExiftool: true },
  'sony-rtmd-gps.mp4': { format: 'mp4', latitude: 60.1699, telemetry: true },
};

async function cleanFile(path: string, mode: 'location' | 'all' = 'location'): Promise<VideoCleanResult> {
  const handle = await open(path);
  try {
    return await cleanVideo(await fileSource(handle), mode);
  } finally {
    await handle.close();
  }
}


describe('cleanVideo on phone videos', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sera-videos-'));
  const fixtures = Object.keys(EXPECTED).map((name) => `${VIDEO_FIXTURES}/${name}`);

  for (const mode of ['location', 'all'] as const) {
    it(`removes every location ExifTool reads and keeps every sample (${mode} mode)`, async () => {
      const outputs: string[] = [];
      for (const input of fixtures) {
        const expected = EXPECTED[basename(input)]!;
        const result = await cleanFile(input, mode);
        expect(result, input).toMatchObject({ cleaned: true, format: expected.format });
        if (!result.cleaned) continue;
        if (expected.latitude !== undefined) expect(result.found.position?.latitude, input).toBeCloseTo(expected.latitude, 3);
        if (expected.device) expect(result.found.device).toBe(expected.device);
        expect(result.removed.gpsTags + result.removed.xmpProperties.length, input).toBeGreaterThan(0);
        const output = join(dir, `${mode}-${basename(input)}`);
        await writePatchedCopy(input, output, result.patches);
        outputs.push(output);

        const before = new Uint8Array(readFileSync(input));
        const after = new Uint8Array(readFileSync(output));
        expect(after.length, input).toBe(before.length);
        const gpmf = gpmfSample(before);
        if (!expected.telemetry) {
          expect(mediaDataHash(after), input).toBe(mediaDataHash(before));
        } else if (gpmf) {
          // Only the telemetry samples change: their position entries are blanked.
          expect(changedMediaBytes(before, after).filter((at) => at < gpmf.start || at >= gpmf.end), input).toEqual([]);
        } else {
          // Blanking writes zeros over positions (0x80 … 0x00 for a protobuf varint), spaces over subtitle text, nothing else.
          const changed = changedMediaBytes(before, after);
          expect(changed.length, input).toBeGreaterThan(0);
          expect(changed.filter((at) => after[at] !== 0 && after[at] !== 0x20 && after[at] !== 0x80), input).toEqual([]);
        }
        // The pictures (and sound) as FFmpeg demuxes them are the same.
        if (haveFfmpeg) expect(streamHashes(output, expected.telemetry ? 'v' : undefined), input).toBe(streamHashes(input, expected.telemetry ? 'v' : undefined));
        // Cleaning again finds nothing: the first pass left no location behind.
        expect(await cleanVideo(memorySource(after), mode), input).toMatchObject({ cleaned: true, patches: [] });
      }
      if (!haveExiftool) return;
      const before = exiftoolJson(fixtures, { embedded: true, documents: true });
      for (const report of before) {
        const name = basename(String(report['SourceFile']));
        if (!EXPECTED[name]!.newerExiftool) expect(placesLeft(report), name).not.toEqual([]);
      }
      for (const report of exiftoolJson(outputs, { embedded: true, documents: true })) {
        const file = String(report['SourceFile']);
        expect(placesLeft(report), file).toEqual([]);
        expect(Object.keys(report).filter((key) => /^(?:QuickTime|ExifTool):(?:\w+:)*(?:Warning|Error)$/.test(key)), file).toEqual([]);
        if (mode === 'all') expect(Object.keys(report).filter((key) => /^(?:QuickTime:(?:Keys|UserData|ItemList)|XMP):/.test(key)), file).toEqual([]);
      }
    });
  }

  it('gives the browser a Blob of the original slices and the patched bytes, equal to the Node copy', async () => {
    const input = `${VIDEO_FIXTURES}/iphone-keys-iso6709.mov`;
    const original = new Blob([readFileSync(input)], { type: 'video/quicktime' });
    const result = await cleanVideo(blobSource(original));
    expect(result.cleaned).toBe(true);
    if (!result.cleaned) return;
    const cleaned = patchedBlob(original, result.patches);
    expect(cleaned.type).toBe('video/quicktime');
    expect(new Uint8Array(await cleaned.arrayBuffer())).toEqual(applyPatches(new Uint8Array(readFileSync(input)), result.patches));
  });

  it('passes videos without location through unchanged, and removing all metadata keeps their samples', async () => {
    // Real videos from other muxers (SOURCES.md) beside the one made here.
    const inputs = ['no-location.mp4', 'ffmpeg-chapter-track.mp4', 'quicktime-mpeg4-export.mp4', 'x-vireo-transcode.mp4'].map((name) => `${VIDEO_FIXTURES}/${name}`);
    const outputs: string[] = [];
    for (const input of inputs) {
      const kept = await cleanFile(input);
      expect(kept, input).toMatchObject({ cleaned: true, format: 'mp4', patches: [] });
      expect(kept.cleaned && kept.found, input).toEqual({});
      const all = await cleanFile(input, 'all');
      expect(all.cleaned, input).toBe(true);
      if (!all.cleaned) continue;
      const output = join(dir, `all-${basename(input)}`);
      await writePatchedCopy(input, output, all.patches);
      outputs.push(output);
      expect(mediaDataHash(readFileSync(output)), input).toBe(mediaDataHash(readFileSync(input)));
      if (haveFfmpeg) expect(streamHashes(output), input).toBe(streamHashes(input));
    }
    if (!haveExiftool) return;
    for (const report of exiftoolJson(outputs, { embedded: true, documents: true })) {
      expect(Object.keys(report).filter((key) => /^(?:QuickTime:(?:Keys|UserData|ItemList)|XMP):/.test(key)), String(report['SourceFile'])).toEqual([]);
    }
  });
});

describe('cleanVideo on drone user data', () => {
  it("removes DJI's ©xyz and drone-dji XMP, keeps its flight attitude and binary tags", async () => {
    const xmp = text(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:drone-dji="http://www.dji.com/drone-dji/1.0/" ' +
        'drone-dji:GpsLatitude="+60.169912" drone-dji:GpsLongtitude="+24.938414" drone-dji:AbsoluteAltitude="+16.73" drone-dji:FlightYawDegree="+12.30"/></rdf:RDF></x:xmpmeta>',
    );
    const attitude = (type: string, value: string) => box(type, Uint8Array.of(0, value.length, 0x15, 0xc7), text(value));
    const userData = box('udta', xyz('+60.1699+024.9384/'), attitude('\xa9fpt', '-1.50'), attitude('\xa9fyw', '12.30'), box('\xa9dji', Uint8Array.of(1, 2, 3, 4)), box('XMP_', xmp));
    const file = concat(box('ftyp', text('mp42'), zeros(4), text('isommp42')), moov(userData), box('mdat', zeros(16)));
    const result = await cleanVideo(memorySource(file));
    expect(result).toMatchObject({ cleaned: true, found: { position: { latitude: 60.1699, longitude: 24.9384 } }, removed: { gpsTags: 1, xmpProperties: ['drone-dji:GpsLatitude', 'drone-dji:GpsLongtitude', 'drone-dji:AbsoluteAltitude'] } });
    if (!result.cleaned) return;
    const after = Buffer.from(applyPatches(file, result.patches));
    for (const kept of ['\xa9fpt\0\x05\x15\xc7-1.50', 'FlightYawDegree="+12.30"', '\xa9dji\x01\x02\x03\x04']) expect(after.includes(kept, 0, 'latin1'), kept).toBe(true);
    for (const gone of ['+60.1699', '+24.938414', 'GpsLatitude']) expect(after.includes(gone, 0, 'latin1'), gone).toBe(false);
  });
});

describe('cleanVideo on 3GPP location boxes', () => {
  it('reports the position of a loci box whose place name is UTF-16', async () => {
    const fixed = (degrees: number) => {
      const out = new Uint8Array(4);
      new DataView(out.buffer).setInt32(0, Math.round(degrees * 65536));
      return out;
    };
    const turku = Uint8Array.of(0xfe, 0xff, 0, 0x54, 0, 0x75, 0, 0x72, 0, 0x6b, 0, 0x75, 0, 0);
    // Language, name, role, longitude, latitude, altitude, body, notes (TS 26.244).
    const loci = fullBox('loci', 0, Uint8Array.of(0x15, 0xc7), turku, zeros(1), fixed(22.2666), fixed(60.4518), fixed(12), text('earth\0'), zeros(1));
    const file = concat(box('ftyp', text('3gp6'), zeros(4), text('isom3gp6')), moov(box('udta', loci)), box('mdat', zeros(16)));
    const result = await cleanVideo(memorySource(file));
    expect(result).toMatchObject({ cleaned: true, removed: { gpsTags: 1 } });
    if (!result.cleaned) return;
    expect(result.found.position?.latitude).toBeCloseTo(60.4518, 4);
    expect(result.found.position?.longitude).toBeCloseTo(22.2666, 4);
  });
});

describe('cleanVideo streams', () => {
  it('reads box headers and metadata, never the media data', async () => {
    const media = zeros(8 * 1024 * 1024);
    const file = concat(box('ftyp', text('isom'), zeros(4), text('isommp41')), box('mdat', media), moov(box('udta', xyz('+60.1699+024.9384/'))));
    const reads: [number, number][] = [];
    const source: ByteSource = { size: file.length, read: async (start, end) => (reads.push([start, end]), file.subarray(start, end)) };
    const result = await cleanVideo(source);
    expect(result).toMatchObject({ cleaned: true, found: { position: { latitude: 60.1699, longitude: 24.9384 } } });
    const read = reads.reduce((sum, [start, end]) => sum + end - start, 0);
    expect(read).toBeLessThan(file.length - media.length + 200);
  });
});

describe('cleanVideo refuses what it cannot clean safely', () => {
  const ftyp = box('ftyp', text('mp42'), zeros(4), text('isommp42'));
  const track = (handler: string, entry: Uint8Array) =>
    box('trak', box('mdia', box('hdlr', zeros(8), text(handler), zeros(12), text('\0')), box('minf', box('stbl', box('stsd', zeros(4), Uint8Array.of(0, 0, 0, 1), entry)))));

  it.each([
    ['telemetry track has no sample table', track('meta', box('gpmd', zeros(8)))],
    ["'sbtl' track ('dfxp' samples)", track('sbtl', box('dfxp', zeros(8)))],
    ['a telemetry track has no sample table', track('camm', box('camm', zeros(8)))],
    ['a telemetry track has no sample table', track('meta', box('mebx', zeros(8), box('keys', box('\0\0\0\x01', box('keyd', text('mdtacom.apple.quicktime.location.ISO6709'))))))],
    ['timed metadata key has no declaration', track('meta', box('mebx', zeros(8), box('keys', box('\0\0\0\x01', box('dtyp', zeros(8))))))],
  ])('a track of %s', async (reason, trak) => {
    const result = await cleanVideo(memorySource(concat(ftyp, moov(trak), box('mdat', zeros(16)))));
    expect(result).toMatchObject({ cleaned: false, format: 'mp4', reason: expect.stringContaining(reason) });
  });

  it('keeps Apple timed metadata without location (detected faces)', async () => {
    const faces = track('meta', box('mebx', zeros(8), box('keys', box('\0\0\0\x01', box('keyd', text('mdtacom.apple.quicktime.detected-face'))))));
    expect(await cleanVideo(memorySource(concat(ftyp, moov(faces), box('mdat', zeros(16)))))).toMatchObject({ cleaned: true });
  });

  it('refuses a position it cannot reach instead of passing it', async () => {
    // An unknown box the walker does not enter: the raw re-check still sees the ISO 6709 text.
    const hidden = moov(box('abcd', xyz('+60.1699+024.9384/')));
    expect(await cleanVideo(memorySource(concat(ftyp, hidden)))).toMatchObject({ cleaned: false, reason: expect.stringMatching(/ISO 6709 position is still in its moov box/) });
  });

  it('does not mistake 8 MB of binary sample tables for positions', async () => {
    let seed = 20261203;
    const table = new Uint8Array(8 * 1024 * 1024).map(() => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24));
    expect(await cleanVideo(memorySource(concat(ftyp, moov(box('stsz', table)), box('mdat', zeros(16)))))).toMatchObject({ cleaned: true, patches: [] });
  });

  it('refuses damaged and unknown input instead of throwing', async () => {
    const iphone = new Uint8Array(readFileSync(`${VIDEO_FIXTURES}/iphone-keys-iso6709.mov`));
    expect(await cleanVideo(memorySource(iphone.subarray(0, iphone.length - 100)))).toMatchObject({ cleaned: false, format: 'mov', reason: expect.stringMatching(/cannot be cleaned/) });
    expect(await cleanVideo(memorySource(concat(ftyp, box('mdat', zeros(8)))))).toMatchObject({ cleaned: false, reason: expect.stringMatching(/no movie box/) });
    expect(await cleanVideo(memorySource(text('hello')))).toMatchObject({ cleaned: false, reason: 'not a recognised video format' });
    expect(await cleanVideo(memorySource(new Uint8Array()))).toMatchObject({ cleaned: false });
  });
});

describe('video formats', () => {
  it('are told by their first box, and HEIF images are not videos', () => {
    expect(detectVideoFormat(text('\0\0\0\x14ftypqt  \0\0\0\0qt  '))).toBe('mov');
    expect(detectVideoFormat(text('\0\0\0\x18ftyp3gp5\0\0\0\x003gp5'))).toBe('3gp');
    expect(detectVideoFormat(text('\0\0\0\x18ftypM4V \0\0\0\0M4V isom'))).toBe('m4v');
    expect(detectVideoFormat(text('\0\0\0\x18ftypisom\0\0\0\0isommp41'))).toBe('mp4');
    expect(detectVideoFormat(text('\0\0\0\x08wide\0\0\0\x10mdat'))).toBe('mov');
    expect(detectVideoFormat(text('\0\0\0\x18ftypheic\0\0\0\0mif1heic'))).toBeUndefined();
    expect(mightBeVideo({ name: 'IMG_0001.MOV', type: '' })).toBe(true);
    expect(mightBeVideo({ name: 'clip', type: 'video/mp4' })).toBe(true);
    expect(mightBeVideo({ name: 'photo.jpg', type: 'image/jpeg' })).toBe(false);
  });
});

/** Where the fixture's GPMF samples lie: a run of DEVC entries (one or more a sample), each saying how long it is. */
function gpmfSample(bytes: Uint8Array): { start: number; end: number } | undefined {
  const start = Buffer.from(bytes).indexOf('DEVC\0\x01', 0, 'latin1');
  if (start < 0) return undefined;
  let end = start;
  while (Buffer.from(bytes).toString('latin1', end, end + 6) === 'DEVC\0\x01') end += 8 + ((new DataView(bytes.buffer, bytes.byteOffset).getUint16(end + 6) + 3) & ~3);
  return { start, end };
}

/** A QuickTime `©xyz` atom: 16-bit length, 16-bit language, ISO 6709 text. */
function xyz(iso6709: string): Uint8Array {
  return box('\xa9xyz', Uint8Array.of(0, iso6709.length, 0x15, 0xc7), text(iso6709));
}

function moov(...children: Uint8Array[]): Uint8Array {
  return box('moov', box('mvhd', zeros(100)), ...children);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}
