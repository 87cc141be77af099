import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanImage } from '../../src/photos/clean';

const CORPUS = '../shared/corpus/images';
const exiftool = spawnSync('exiftool', ['-ver']).status === 0;

/** Everything but the EXIF and XMP chunks: image data and RIFF bookkeeping, which must not change. */
function nonMetadata(bytes: Uint8Array): Buffer {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, 12)];
  for (let at = 12; at + 8 <= bytes.length; ) {
    const type = String.fromCharCode(...bytes.subarray(at, at + 4));
    const size = view.getUint32(at + 4, true);
    const end = Math.min(bytes.length, at + 8 + size + (size & 1));
    kept.push(bytes.subarray(at, type === 'EXIF' || type === 'XMP ' ? at + 8 : end));
    at = end;
  }
  return Buffer.concat(kept);
}

describe.runIf(existsSync(CORPUS) && exiftool)('WebP location removal over the corpus', () => {
  const files = [
    ...readdirSync(join(CORPUS, 'webp')).map((name) => join(CORPUS, 'webp', name)),
    join(CORPUS, 'synthetic', 'synthetic_webp_xmp_gps.webp'),
  ];

  it.each(files)('%s: no GPS left for ExifTool, image data and sizes unchanged (or refused)', async (file) => {
    const input = new Uint8Array(readFileSync(file));
    const result = await cleanImage(input);
    if (!result.cleaned) {
      expect(file).toMatch(/poc/); // only the deliberately broken proof-of-concept files
      return;
    }
    expect(result.bytes.length).toBe(input.length);
    expect(nonMetadata(result.bytes)).toEqual(nonMetadata(input));
    const out = join(mkdtempSync(join(tmpdir(), 'sera-webp-')), 'clean.webp');
    writeFileSync(out, result.bytes);
    const report = spawnSync('exiftool', ['-G1', '-a', '-s', '-gps:all', '-xmp-exif:all', out], { encoding: 'utf8' }).stdout;
    expect(report).not.toMatch(/GPS/);
  });
});
