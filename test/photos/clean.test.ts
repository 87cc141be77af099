import { readFileSync } from 'node:fs';
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { cleanImage } from '../../src/photos/clean';
import { detectFormat } from '../../src/photos/format';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/photos/${name}`));

describe('cleanImage', () => {
  it('removes EXIF and XMP positions from a JPEG and reports what it found', async () => {
    const input = fixture('drone-exif-xmp-gps.jpg');
    const result = await cleanImage(input);
    expect(result.cleaned).toBe(true);
    if (!result.cleaned) return;
    expect(result.found.position?.latitude).toBeCloseTo(47.354, 3);
    expect(result.found.device).toBe('Hasselblad L1D-20c');
    expect(result.removed.gpsTags).toBeGreaterThan(0);
    expect(result.removed.xmpProperties).toEqual(expect.arrayContaining(['drone-dji:GpsLatitude', 'drone-dji:GpsLongitude']));
    expect(await exifr.gps(result.bytes)).toBeUndefined();
    expect(result.bytes.length).toBe(input.length);
    expect(input).toEqual(fixture('drone-exif-xmp-gps.jpg')); // the caller's bytes are untouched
  });

  it('passes a file without location through unchanged', async () => {
    const input = fixture('no-metadata.jpg');
    const result = await cleanImage(input);
    expect(result).toMatchObject({ cleaned: true, found: {}, removed: { gpsTags: 0, xmpProperties: [], iptcPlaces: [] } });
    expect(result.cleaned && result.bytes).toEqual(input);
  });

  it('fails closed on damaged and unknown input instead of throwing', async () => {
    const truncated = fixture('drone-exif-xmp-gps.jpg').slice(0, 400);
    expect(await cleanImage(truncated)).toMatchObject({ cleaned: false, format: 'jpeg', reason: expect.stringMatching(/cannot be cleaned/) });
    expect(await cleanImage(new TextEncoder().encode('hello'))).toMatchObject({ cleaned: false, reason: 'not a recognised image format' });
    expect(await cleanImage(new Uint8Array())).toMatchObject({ cleaned: false });
  });

  it('recognises every supported container by its magic bytes', () => {
    const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
    expect(detectFormat(bytes('\x89PNG\r\n\x1a\n'))).toBe('png');
    expect(detectFormat(bytes('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(detectFormat(bytes('\0\0\0\x18ftypheic'))).toBe('heif');
    expect(detectFormat(bytes('\0\0\0\x18ftypavif'))).toBe('avif');
    expect(detectFormat(bytes('II*\0'))).toBe('tiff');
    // MP4 and MOV videos share the ftyp box but not the brands: they are not images.
    expect(detectFormat(bytes('\0\0\0\x18ftypisom\0\0\0\0isommp41'))).toBeUndefined();
    expect(detectFormat(bytes('\0\0\0\x14ftypqt  \0\0\0\0qt  '))).toBeUndefined();
  });
});
