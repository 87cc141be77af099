import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { cleanImage } from '../../src/photos/clean';
import { exiftoolJson, haveExiftool } from '../helpers/photos';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/photos/${name}`));

/** One GPS-bearing fixture per format, with the position its camera (or ExifTool) wrote. */
const FIXTURES = [
  { name: 'drone-exif-xmp-gps.jpg', format: 'jpeg', latitude: 47.354, longitude: 10.191 },
  { name: 'png-exif-xmp-gps.png', format: 'png', latitude: 50.2996, longitude: 14.8203 },
  { name: 'png-raw-profile-xmp-gps.png', format: 'png', latitude: 48.8584, longitude: 2.2945 },
  { name: 'webp-exif-gps.webp', format: 'webp', latitude: 45.5007, longitude: 9.1103 },
  { name: 'heic-exif-gps.heic', format: 'heif', latitude: 47.2071, longitude: 106.2431 },
  { name: 'avif-exif-gps.avif', format: 'avif', latitude: -33.8568, longitude: 151.2153 },
  { name: 'tiff-exif-xmp-gps.tif', format: 'tiff', latitude: 50.8626, longitude: 4.6725 },
] as const;

const LOCATION_KEY = /:(?:GPS\w*|\w*Latitude|\w*Longitude|City|State|Country)$/;
const IDENTIFYING_KEY = /^(?:MakerNotes|IPTC|Photoshop):|:(?:Make|Model|\w*SerialNumber|DateTimeOriginal|CreateDate|ThumbnailImage)$/;

describe.each(FIXTURES)('$name', ({ name, format, latitude, longitude }) => {
  it('reports the position it found and removes it', async () => {
    const result = await cleanImage(fixture(name));
    expect(result).toMatchObject({ cleaned: true, format });
    if (!result.cleaned) return;
    expect(result.found.position?.latitude).toBeCloseTo(latitude, 3);
    expect(result.found.position?.longitude).toBeCloseTo(longitude, 3);
    expect(result.removed.gpsTags + result.removed.xmpProperties.length).toBeGreaterThan(0);
    expect(result.removed.other).toEqual([]); // location mode keeps everything else
    await expect(exifr.gps(result.bytes).catch(() => undefined)).resolves.toBeUndefined();
    // Cleaning again finds nothing: the first pass left no position anywhere.
    const again = await cleanImage(result.bytes);
    expect(again).toMatchObject({ cleaned: true, found: expect.not.objectContaining({ position: expect.anything() }) });
  });

  it.runIf(haveExiftool)('leaves ExifTool no location ("location") and nothing identifying ("all")', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sera-format-'));
    const files = [];
    for (const mode of ['location', 'all'] as const) {
      const result = await cleanImage(fixture(name), mode);
      expect(result.cleaned).toBe(true);
      if (!result.cleaned) return;
      files.push(join(dir, `${mode}-${name}`));
      writeFileSync(files.at(-1)!, result.bytes);
    }
    const [location, all] = exiftoolJson(files);
    const warnings = (report: Record<string, unknown>) => String(report['ExifTool:ExifTool:Warning'] ?? '');
    for (const report of [location!, all!]) {
      expect(Object.keys(report).filter((key) => LOCATION_KEY.test(key))).toEqual([]);
      expect(warnings(report)).not.toMatch(/CRC|corrupt|bad|invalid/i);
    }
    expect(Object.keys(location!).filter((key) => IDENTIFYING_KEY.test(key)).length).toBeGreaterThan(0);
    expect(Object.keys(all!).filter((key) => IDENTIFYING_KEY.test(key))).toEqual([]);
  });
});

describe('the report', () => {
  it('names the device and the time the camera wrote, in its own local time', async () => {
    const result = await cleanImage(fixture('webp-exif-gps.webp'));
    expect(result.found).toEqual({ position: expect.any(Object), device: 'HTC Desire', taken: '2011-05-06 09:59:48' });
  });

  it('lists what "all" mode removed besides the location', async () => {
    const result = await cleanImage(fixture('png-exif-xmp-gps.png'), 'all');
    expect(result.cleaned && result.removed.other).toEqual(expect.arrayContaining(['EXIF', 'XMP', 'modification time']));
  });

  it('re-encodes a compressed ImageMagick raw profile it edited, with a valid CRC', async () => {
    const input = fixture('png-raw-profile-xmp-gps.png');
    const result = await cleanImage(input);
    expect(result.cleaned && result.removed.xmpProperties).toEqual(expect.arrayContaining(['exif:GPSLatitude', 'exif:GPSLongitude']));
    if (!result.cleaned || !haveExiftool) return;
    const out = join(mkdtempSync(join(tmpdir(), 'sera-png-')), 'clean.png');
    writeFileSync(out, result.bytes);
    expect(spawnSync('exiftool', ['-warning', '-s3', out], { encoding: 'utf8' }).stdout).toBe('');
  });
});
