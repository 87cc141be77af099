import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanImage } from '../../src/photos/clean';
import { jpegLocationLeft } from '../../src/photos/jpeg';
import type { CleanMode } from '../../src/photos/report';
import { exiftoolJson, haveExiftool, jpegPixelData, jpegSegments } from '../helpers/photos';

// Location metadata where a reader that stops at the first scan does not look, but ExifTool -ee
// does: APP1 segments between scans or before EOI, and EXIF after EOI.

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/photos/${name}`));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const APP1 = 0xe1;
const SOS = 0xda;

const GPS_PHOTO = fixture('drone-exif-xmp-gps.jpg');
/** The GPS photo's two APP1 segments: EXIF with a GPS IFD, and XMP with drone-dji:GpsLatitude... */
const gpsSegments = jpegSegments(GPS_PHOTO).segments.filter((segment) => segment.marker === APP1);
const app1s = concat(...gpsSegments.map((segment) => GPS_PHOTO.subarray(segment.start, segment.end)));
const exifApp1 = GPS_PHOTO.subarray(gpsSegments[0]!.start, gpsSegments[0]!.end);

/** The GPS photo (baseline, one scan) with its APP1 segments, which follow each other, moved after the scan data, before EOI. */
function app1BeforeEoi(): Uint8Array {
  const eoi = jpegSegments(GPS_PHOTO).end - 2;
  const [first, last] = [gpsSegments[0]!, gpsSegments.at(-1)!];
  return concat(GPS_PHOTO.subarray(0, first.start), GPS_PHOTO.subarray(last.end, eoi), app1s, GPS_PHOTO.subarray(eoi));
}

/** A progressive JPEG (ImageMagick, 10 scans) with the GPS photo's APP1 segments before its third scan. */
function app1BetweenScans(): Uint8Array {
  const progressive = fixture('progressive-no-metadata.jpg');
  const thirdScan = jpegSegments(progressive).segments.filter((segment) => segment.marker === SOS)[2]!;
  return concat(progressive.subarray(0, thirdScan.start), app1s, progressive.subarray(thirdScan.start));
}

/** A photo without metadata with the GPS photo's EXIF segment appended after EOI. */
function exifAfterEoi(): Uint8Array {
  return concat(fixture('no-metadata.jpg'), exifApp1);
}

const CRAFTED = [
  { name: 'APP1 segments after the scan data, before EOI', craft: app1BeforeEoi, afterEoi: false },
  { name: 'APP1 segments between the scans of a progressive JPEG', craft: app1BetweenScans, afterEoi: false },
  { name: 'an EXIF segment after EOI', craft: exifAfterEoi, afterEoi: true },
];

const dir = mkdtempSync(join(tmpdir(), 'sera-jpeg-scans-'));
let written = 0;
/** ExifTool's report with -ee; bytes after EOI are read as a JPEG of their own, since ExifTool skips them. */
function exiftool(bytes: Uint8Array, { trailer = false } = {}): Record<string, unknown> {
  const file = join(dir, `${written++}.jpg`);
  writeFileSync(file, trailer ? concat(Uint8Array.of(0xff, 0xd8), bytes.subarray(jpegSegments(bytes).end), Uint8Array.of(0xff, 0xd9)) : bytes);
  return exiftoolJson([file], { embedded: true })[0]!;
}
const gpsTags = (report: Record<string, unknown>) => Object.keys(report).filter((key) => /:GPS\w*$|Gps\w*$/.test(key));

describe.each(CRAFTED)('$name', ({ craft, afterEoi }) => {
  it.runIf(haveExiftool)('is a real reproduction: ExifTool reads a position there, the cleaner\'s re-check finds it', () => {
    expect(gpsTags(exiftool(craft(), { trailer: afterEoi })).length).toBeGreaterThan(0);
    expect(jpegLocationLeft(craft())).toMatch(/^an APP1 segment at byte \d+$|^the data after the image$/);
  });

  it.each<CleanMode>(['location', 'all'])('mode "%s" removes it and keeps the pixels', async (mode) => {
    const input = craft();
    const result = await cleanImage(input, mode);
    expect(result).toMatchObject({ cleaned: true, format: 'jpeg' });
    if (!result.cleaned) return;
    if (afterEoi && mode === 'all') expect(result.removed.other).toContain('data after the image (embedded images, previews)');
    else expect(result.removed.gpsTags).toBeGreaterThan(0);
    expect(jpegLocationLeft(result.bytes)).toBeUndefined();
    expect(jpegPixelData(result.bytes).equals(jpegPixelData(input))).toBe(true);
    if (mode === 'location') expect(result.bytes.length).toBe(input.length); // edited in place
    if (!haveExiftool) return;
    expect(gpsTags(exiftool(result.bytes))).toEqual([]);
    if (afterEoi && mode === 'location') {
      const report = exiftool(result.bytes, { trailer: true });
      expect(gpsTags(report)).toEqual([]);
      expect(report['EXIF:IFD0:Model']).toBe('L1D-20c'); // only the GPS IFD went
    }
    if (afterEoi && mode === 'all') expect(result.bytes.length).toBe(jpegSegments(input).end);
  });
});

/**
 * A photo without metadata given XMP that is too big for one segment (as depth maps are): the
 * standard packet names the extension by its GUID, and the extension's chunks hold a position.
 * `splitAt` cuts the extension into two chunks there.
 */
function withExtendedXmp(splitAt: (extension: string) => number): Uint8Array {
  const guid = '0123456789ABCDEF0123456789ABCDEF';
  const rdf = (properties: string) =>
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" ${properties}/></rdf:RDF></x:xmpmeta>`;
  const app1 = (payload: Uint8Array) => concat(Uint8Array.of(0xff, APP1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff), payload);
  const text = (value: string) => new TextEncoder().encode(value);
  const standard = app1(text(`http://ns.adobe.com/xap/1.0/\0${rdf(`xmlns:xmpNote="http://ns.adobe.com/xmp/note/" xmpNote:HasExtendedXMP="${guid}"`)}`));
  const extension = rdf('xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="47,21.25N" exif:GPSLongitude="10,11.48E"');
  const chunk = (from: number, to: number) => {
    const numbers = new DataView(new ArrayBuffer(8));
    numbers.setUint32(0, extension.length);
    numbers.setUint32(4, from);
    return app1(concat(text(`http://ns.adobe.com/xmp/extension/\0${guid}`), new Uint8Array(numbers.buffer), text(extension.slice(from, to))));
  };
  const cut = splitAt(extension);
  const photo = fixture('no-metadata.jpg');
  const app0End = jpegSegments(photo).segments[0]!.end;
  return concat(photo.subarray(0, app0End), standard, chunk(0, cut), chunk(cut, extension.length), photo.subarray(app0End));
}

describe('extended XMP', () => {
  const betweenProperties = (extension: string) => extension.indexOf(' exif:GPSLongitude');
  const insideAProperty = (extension: string) => extension.indexOf('GPSLatitude') + 3;

  it.runIf(haveExiftool)('is a real reproduction: ExifTool joins the chunks and reads the position', () => {
    expect(gpsTags(exiftool(withExtendedXmp(insideAProperty)))).toEqual(expect.arrayContaining(['XMP:XMP-exif:GPSLatitude']));
  });

  it('is cleaned chunk by chunk when no property spans two chunks', async () => {
    const result = await cleanImage(withExtendedXmp(betweenProperties));
    expect(result).toMatchObject({ cleaned: true, removed: { xmpProperties: ['exif:GPSLatitude', 'exif:GPSLongitude'] } });
    if (result.cleaned && haveExiftool) expect(gpsTags(exiftool(result.bytes))).toEqual([]);
  });

  it('is refused in "location" mode when a property spans two chunks, and dropped in "all" mode', async () => {
    expect(await cleanImage(withExtendedXmp(insideAProperty))).toMatchObject({
      cleaned: false,
      reason: 'location metadata is still in the extended XMP after cleaning',
    });
    const all = await cleanImage(withExtendedXmp(insideAProperty), 'all');
    expect(all).toMatchObject({ cleaned: true, removed: { other: expect.arrayContaining(['XMP']) } });
    expect(all.cleaned && jpegLocationLeft(all.bytes)).toBeUndefined();
  });
});

describe('JPEG files the cleaner refuses', () => {
  const firstScan = jpegSegments(GPS_PHOTO).segments.find((segment) => segment.marker === SOS)!;

  it.each([
    ['only a start-of-image marker', Uint8Array.of(0xff, 0xd8)],
    ['headers but no scan (truncated before the image data)', GPS_PHOTO.slice(0, firstScan.start)],
    ['headers and an end-of-image marker but no scan', concat(GPS_PHOTO.subarray(0, firstScan.start), Uint8Array.of(0xff, 0xd9))],
  ])('%s: "could not clean", in both modes', async (_name, bytes) => {
    for (const mode of ['location', 'all'] as const) {
      expect(await cleanImage(bytes, mode)).toMatchObject({ cleaned: false, format: 'jpeg', reason: expect.stringMatching(/no image data/) });
    }
  });

  it('data after EOI with EXIF it cannot edit safely: refused in "location" mode, dropped in "all" mode', async () => {
    const brokenExif = concat(new TextEncoder().encode('Exif\0\0II*\0'), Uint8Array.of(0xff, 0xff, 0, 0)); // IFD0 far outside
    const input = concat(fixture('no-metadata.jpg'), brokenExif);
    expect(await cleanImage(input, 'location')).toMatchObject({ cleaned: false, reason: expect.stringMatching(/cannot be cleaned \(IFD0 lies outside the data\)/) });
    const all = await cleanImage(input, 'all');
    expect(all.cleaned && all.bytes).toEqual(fixture('no-metadata.jpg'));
  });
});
