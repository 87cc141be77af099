import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanVideo } from '../../src/videos/clean';
import { applyPatches, memorySource } from '../../src/videos/source';
import { exiftoolJson, haveExiftool } from '../helpers/photos';
import { box, cea608, haveFfmpeg, placesLeft, streamHashes, text, timedMetadataEntry, timedMetadataSample, VIDEO_FIXTURES, withTrack, zeros } from './helpers';

// Tracks whose samples may spell out a position: Apple timed metadata, WebVTT, TTML and closed
// captions. Made here: FFmpeg where it writes the format (TTML as stpp, CEA-608 from an SCC file),
// boxes written by the builders in helpers.ts where it does not (mebx, wvtt, c708).

const dir = mkdtempSync(join(tmpdir(), 'sera-tracks-'));
const fixture = (name: string) => new Uint8Array(readFileSync(`${VIDEO_FIXTURES}/${name}`));

/** Cleans `bytes`, expecting success; the cleaned copy, also written to a file for ExifTool and FFmpeg. */
async function cleaned(name: string, bytes: Uint8Array) {
  const result = await cleanVideo(memorySource(bytes));
  expect(result, name).toMatchObject({ cleaned: true });
  if (!result.cleaned) throw new Error(result.reason);
  const after = applyPatches(bytes, result.patches);
  const [input, output] = [join(dir, `in-${name}`), join(dir, `out-${name}`)];
  writeFileSync(input, bytes);
  writeFileSync(output, after);
  expect(await cleanVideo(memorySource(after)), name).toMatchObject({ cleaned: true, patches: [] });
  return { result, after, input, output };
}

/** Where `needle` (Latin-1) lies in `bytes`. */
const indexOf = (bytes: Uint8Array, needle: string, from = 0) => Buffer.from(bytes).indexOf(needle, from, 'latin1');
const has = (bytes: Uint8Array, needle: string) => indexOf(bytes, needle) >= 0;

describe('Apple timed metadata (mebx)', () => {
  const location = timedMetadataEntry('com.apple.quicktime.location.ISO6709', 'com.apple.quicktime.video-orientation', 'com.apple.quicktime.location.name');
  const locationSamples = [0, 1, 2].map((i) => timedMetadataSample([1, `+60.16${90 + i}+024.9384+012.000/`], [2, 'portrait'], [3, 'Kauppatori']));
  const livePhoto = timedMetadataEntry('com.apple.quicktime.still-image-time', 'com.apple.quicktime.detected-face');
  const livePhotoSamples = [timedMetadataSample([1, '\xff'], [2, 'face 0.25 0.5 0.125 0.125'])];
  const iphone = () => withTrack(withTrack(fixture('iphone-keys-iso6709.mov'), 'meta', location, locationSamples), 'meta', livePhoto, livePhotoSamples);

  it('blanks the location values of every sample and the keys that name them; other keys and tracks stay', async () => {
    const before = iphone();
    const { result, after, input, output } = await cleaned('iphone-mebx.mov', before);
    expect(result.found.position?.latitude).toBeCloseTo(-1.2864, 4); // the movie's own keys come first
    expect(result.removed.gpsTags).toBeGreaterThanOrEqual(6); // two values in each of three samples
    expect(after.length).toBe(before.length);
    for (const gone of ['+60.169', 'Kauppatori', 'location.ISO6709', 'location.name']) expect(has(after, gone), gone).toBe(false);
    expect(Buffer.from(after).toString('latin1').split('portrait').length - 1).toBe(3);
    for (const sample of livePhotoSamples) expect(has(after, Buffer.from(sample).toString('latin1'))).toBe(true);
    if (haveFfmpeg) expect(streamHashes(output, 'v')).toBe(streamHashes(input, 'v'));
    if (!haveExiftool) return;
    const [original, clean] = exiftoolJson([input, output], { embedded: true, documents: true });
    expect(placesLeft(original!).filter((tag) => /:Doc\d+:GPSCoordinates:/.test(tag))).toHaveLength(3);
    expect(placesLeft(clean!)).toEqual([]);
    expect(Object.entries(clean!).filter(([key, value]) => /:VideoOrientation$/.test(key) && /portrait/.test(String(value))).length).toBeGreaterThan(0);
  });

  it('passes a track without location keys untouched', async () => {
    const bytes = withTrack(fixture('no-location.mp4'), 'meta', livePhoto, livePhotoSamples);
    expect(await cleanVideo(memorySource(bytes))).toMatchObject({ cleaned: true, patches: [] });
  });

  it('refuses a location sample whose boxes are broken', async () => {
    const broken = timedMetadataSample([1, '+60.1699+024.9384/']);
    new DataView(broken.buffer).setUint32(0, broken.length + 4);
    const result = await cleanVideo(memorySource(withTrack(fixture('no-location.mp4'), 'meta', location, [broken])));
    expect(result).toMatchObject({ cleaned: false, reason: expect.stringMatching(/runs past its parent/) });
  });
});

describe('subtitle and caption tracks', () => {
  it('WebVTT in MP4 (wvtt): positions in cue text are blanked, the rest of the cue stays', async () => {
    const cue = (value: string) => box('vttc', box('iden', text('1')), box('payl', text(value)));
    const entry = box('wvtt', zeros(6), Uint8Array.of(0, 1), box('vttC', text('WEBVTT')));
    const bytes = withTrack(fixture('no-location.mp4'), 'text', entry, [cue('Filmed at +60.1699+024.9384/ today'), box('vtte'), cue('GPS (24.9384, 60.1699, 18)')]);
    const { result, after, output } = await cleaned('webvtt.mp4', bytes);
    expect(result.found.position).toEqual({ latitude: 60.1699, longitude: 24.9384 });
    for (const kept of ['Filmed at ', ' today', 'GPS (', 'vtte']) expect(has(after, kept), kept).toBe(true);
    for (const gone of ['60.1699', '24.9384']) expect(has(after, gone), gone).toBe(false);
    if (haveExiftool) expect(placesLeft(exiftoolJson([output], { embedded: true, documents: true })[0]!)).toEqual([]);
  });

  it.runIf(haveFfmpeg)('TTML in MP4 (stpp, as FFmpeg writes -c:s ttml): positions are blanked, the XML stays whole', async () => {
    const subtitles = join(dir, 'places.srt');
    writeFileSync(subtitles, '1\n00:00:00,000 --> 00:00:00,500\nFilmed at +60.1699+024.9384/ today\n\n2\n00:00:00,600 --> 00:00:00,900\n[latitude: 60.169912] [longitude: 24.938414]\n');
    const made = join(dir, 'ttml.mp4');
    expect(spawnSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', `${VIDEO_FIXTURES}/no-location.mp4`, '-i', subtitles, '-map', '0', '-map', '1', '-c', 'copy', '-c:s', 'ttml', made]).status).toBe(0);
    const { output } = await cleaned('ttml.mp4', new Uint8Array(readFileSync(made)));
    const xml = spawnSync('ffmpeg', ['-loglevel', 'error', '-i', output, '-map', '0:1', '-c', 'copy', '-f', 'data', '-'], { encoding: 'latin1' }).stdout;
    expect(xml).toMatch(/Filmed at\s+\/ today/);
    expect(xml).toContain('[latitude: ');
    expect(xml).not.toMatch(/60\.1699|24\.938/);
    expect(xml.trim().endsWith('</tt>')).toBe(true);
    expect(streamHashes(output, 'v')).toBe(streamHashes(made, 'v'));
  });

  it.runIf(haveFfmpeg)('CEA-608 (c608, as FFmpeg muxes an SCC file): a position spelled out over many samples is blanked', async () => {
    const hex = (bytes: number[]) => bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('').match(/.{4}/g)!.join(' ');
    const pairs = (value: string) => hex(cea608(value.length % 2 ? `${value}\0` : value));
    const twice = (code: string) => `${code} ${code}`;
    const [eraseNonDisplayed, resumeLoading, row15, endOfCaption, backspace, eraseDisplayed] = ['94ae', '9420', '9470', '942f', '94a1', '942c'];
    // The second caption types "24.93X", takes the X back with a backspace, and goes on.
    const caption = (...parts: string[]) => [twice(resumeLoading), twice(eraseNonDisplayed), twice(row15), ...parts, twice(endOfCaption)].join(' ');
    const scc = ['Scenarist_SCC V1.0', '', `00:00:00:00\t${caption(pairs('AT 60.1699 24.9384 NOW'))}`, '', `00:00:00:20\t${caption(pairs('GPS (24.93X'), twice(backspace), pairs('84, 60.1699) OK'))}`, '', `00:00:01:10\t${twice(eraseDisplayed)}`, ''];
    const sccFile = join(dir, 'captions.scc');
    writeFileSync(sccFile, scc.join('\n'));
    const made = join(dir, 'c608.mov');
    expect(spawnSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', `${VIDEO_FIXTURES}/no-location.mp4`, '-i', sccFile, '-map', '0', '-map', '1', '-c', 'copy', '-f', 'mov', made]).status).toBe(0);
    const decoded = (file: string) => spawnSync('ffmpeg', ['-loglevel', 'error', '-i', file, '-map', '0:1', '-f', 'srt', '-'], { encoding: 'utf8' }).stdout;
    // FFmpeg 5.1's decoder shows the X a backspace takes back ("24.93X84"); the cleaner reads as the standard says.
    expect(decoded(made)).toMatch(/GPS \(24\.93X?84, 60\.1699\) OK/);
    const { result, output } = await cleaned('c608.mov', new Uint8Array(readFileSync(made)));
    expect(result.found.position).toEqual({ latitude: 60.1699, longitude: 24.9384 });
    const after = decoded(output);
    expect(after).toMatch(/AT\s+NOW/);
    expect(after).toMatch(/GPS \(\s*X?\s*,\s*\) OK/);
    expect(after).not.toMatch(/\d\.\d{2}/);
    expect(streamHashes(output, 'v')).toBe(streamHashes(made, 'v'));
  });

  it('CEA-708 (c708): a DTVCC caption split over two samples is blanked, command parameters are not read as text', async () => {
    // Service 1: DefineWindow0 (0x98 and six parameters, printable here on purpose), then the text.
    const service = [0x98, 0x31, 0x2e, 0x32, 0x33, 0x34, 0x35, ...Buffer.from('GPS (24.9384, 60.1699)')];
    const packetData = [(1 << 5) | service.length, ...service];
    if (packetData.length % 2 === 0) packetData.push(0); // a null service block pads the packet to an odd length
    const packet = [((packetData.length + 1) / 2) & 0x3f, ...packetData];
    const triplets = Array.from({ length: packet.length / 2 }, (_, i) => [i === 0 ? 0xff : 0xfe, packet[2 * i]!, packet[2 * i + 1]!]);
    const cdp = (part: number[][]) => {
      const data = [0x72, 0xe0 | part.length, ...part.flat()];
      const body = [0x96, 0x69, 7 + data.length + 4, 0x4f, 0x43, 0, 1, ...data, 0x74, 0, 1, 0];
      return box('ccdp', Uint8Array.from(body));
    };
    const half = Math.ceil(triplets.length / 2);
    const samples = [cdp(triplets.slice(0, half)), cdp(triplets.slice(half))];
    const bytes = withTrack(fixture('no-location.mp4'), 'clcp', box('c708', zeros(6), Uint8Array.of(0, 1)), samples);
    const { result, after } = await cleaned('c708.mp4', bytes);
    expect(result.found.position).toEqual({ latitude: 60.1699, longitude: 24.9384 });
    // The packet as the samples now carry it: the byte pairs of the triplets, in order.
    const carried = (file: Uint8Array) => {
      let pairs = '';
      for (let at = indexOf(file, 'ccdp'); at >= 0; at = indexOf(file, 'ccdp', at + 4)) {
        const count = file[at + 4 + 8]! & 0x1f;
        for (let i = 0; i < count; i++) pairs += Buffer.from(file.subarray(at + 4 + 9 + i * 3 + 1, at + 4 + 9 + i * 3 + 3)).toString('latin1');
      }
      return pairs;
    };
    expect(carried(bytes)).toContain('GPS (24.9384, 60.1699)');
    expect(carried(after)).toContain('\x981.2345GPS (       ,        )'); // DefineWindow's parameters stay
    expect(after.length).toBe(bytes.length);
  });
});

describe('damaged files', () => {
  it('cleans a video cut short in its media data (an interrupted copy) when its metadata is whole', async () => {
    const whole = fixture('3gp-xyz-loci.3gp'); // moov first, as a phone that streams writes it
    const cut = whole.subarray(0, whole.length - 3000);
    const { result, after, output } = await cleaned('cut.3gp', cut);
    expect(result.found.position?.latitude).toBeCloseTo(-22.9519, 4);
    expect(after.length).toBe(cut.length);
    expect(Buffer.from(after).subarray(-2000)).toEqual(Buffer.from(cut).subarray(-2000));
    if (haveExiftool) expect(placesLeft(exiftoolJson([output])[0]!)).toEqual([]);
  });

  it('refuses a video whose metadata is cut', async () => {
    const iphone = fixture('iphone-keys-iso6709.mov'); // moov last
    expect(await cleanVideo(memorySource(iphone.subarray(0, iphone.length - 100)))).toMatchObject({ cleaned: false, reason: expect.stringMatching(/moov box at byte \d+ runs past/) });
    expect(await cleanVideo(memorySource(iphone.subarray(0, 5000)))).toMatchObject({ cleaned: false, reason: expect.stringMatching(/no movie box/) });
  });

  it('keeps bytes appended after the last box, unless they hold a location', async () => {
    const android = fixture('android-udta-xyz.mp4');
    const withJunk = (junk: Uint8Array) => new Uint8Array(Buffer.concat([android, junk]));
    let seed = 7;
    const noise = new Uint8Array(4096).map(() => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24) & 0x7f); // no box type of four printable characters at its start
    noise[4] = 0;
    for (const [name, junk] of [['zeros', zeros(1000)], ['noise', noise]] as const) {
      const { after, output } = await cleaned(`junk-${name}.mp4`, withJunk(junk));
      expect(Buffer.from(after).subarray(android.length)).toEqual(Buffer.from(junk));
      if (haveExiftool) expect(placesLeft(exiftoolJson([output])[0]!), name).toEqual([]);
    }
    const located = withJunk(new Uint8Array(Buffer.concat([zeros(8), text('+60.1699+024.9384/')])));
    expect(await cleanVideo(memorySource(located))).toMatchObject({ cleaned: false, reason: expect.stringMatching(/ISO 6709 position is in the bytes after its last box/) });
  });
});

describe('GoPro file-recovery track (fdsc)', () => {
  // HERO5 and later write "GoPro SOS" beside the GPMF track: firmware, serial numbers and settings
  // at fixed offsets (ExifTool's GoPro.pm), no position. It must not get a GoPro video refused.
  const sos = new Uint8Array(Buffer.concat([zeros(8), text('HD6.01.01.60.00'), text('C3221324520151  '), zeros(64)]));
  const entry = box('fdsc', zeros(6), Uint8Array.of(0, 1));

  it('is kept as it is while the GPMF positions beside it are blanked', async () => {
    const bytes = withTrack(fixture('gopro-gpmf-gps.mp4'), 'meta', entry, [sos, sos]);
    const { after, output } = await cleaned('gopro-sos.mp4', bytes);
    expect(indexOf(after, 'HD6.01.01.60.00C3221324520151')).toBe(indexOf(bytes, 'HD6.01.01.60.00C3221324520151'));
    if (haveExiftool) expect(placesLeft(exiftoolJson([output], { embedded: true, documents: true })[0]!)).toEqual([]);
  });

  it('does not make an unknown track format acceptable: that still refuses the file', async () => {
    const result = await cleanVideo(memorySource(withTrack(fixture('no-location.mp4'), 'meta', box('fdsx', zeros(6), Uint8Array.of(0, 1)), [sos])));
    expect(result).toMatchObject({ cleaned: false, reason: expect.stringMatching(/'fdsx' samples/) });
  });
});
