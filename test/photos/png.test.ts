import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { cleanImage } from '../../src/photos/clean';

const CORPUS = '../shared/corpus/images';
const read = (path: string) => new Uint8Array(readFileSync(join(CORPUS, path)));

/** The concatenated IDAT data: the pixels, which must never change. */
function idat(bytes: Uint8Array): Buffer {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = view.getUint32(at);
    if (String.fromCharCode(...bytes.subarray(at + 4, at + 8)) === 'IDAT') parts.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return Buffer.concat(parts);
}

describe.runIf(existsSync(CORPUS))('PNG location removal', () => {
  it('removes the eXIf GPS IFD, keeps IDAT and leaves valid chunk CRCs', async () => {
    const input = read('png/png_with_exif_and_gps.png');
    const result = await cleanImage(input);
    expect(result.cleaned).toBe(true);
    if (!result.cleaned) return;
    expect(result.found.position?.latitude).toBeCloseTo(50.2996, 3);
    expect(result.removed.gpsTags).toBe(11);
    expect(await exifr.gps(result.bytes)).toBeUndefined();
    expect(idat(result.bytes)).toEqual(idat(input));
    if (spawnSync('exiftool', ['-ver']).status === 0) {
      const out = join(mkdtempSync(join(tmpdir(), 'sera-png-')), 'clean.png');
      writeFileSync(out, result.bytes);
      const report = spawnSync('exiftool', ['-G1', '-a', '-s', '-gps:all', '-warning', '-Orientation', out], { encoding: 'utf8' }).stdout;
      expect(report).not.toMatch(/GPS|CRC/i);
      expect(report).toMatch(/Orientation\s+: Horizontal \(normal\)/);
    }
  });

  it('refuses, with a reason, PNGs whose metadata it cannot edit yet', async () => {
    const result = await cleanImage(read('synthetic/synthetic_png_xmp_gps.png'));
    expect(result).toMatchObject({ cleaned: false, format: 'png', reason: expect.stringMatching(/Raw profile type/) });
  });
});
