import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanImage } from '../../src/photos/clean';

const CORPUS = '../shared/corpus/images/tiff';
const exiftool = spawnSync('exiftool', ['-ver']).status === 0;

function exif(file: string): Record<string, unknown> {
  const out = spawnSync('exiftool', ['-j', '-n', '-G1', '-a', '-gps:all', '-Orientation', '-StripOffsets', '-StripByteCounts', '-TileOffsets', '-TileByteCounts', file], {
    encoding: 'utf8',
  }).stdout;
  return (JSON.parse(out) as Record<string, unknown>[])[0]!;
}

/** [offset, length] of every strip or tile of IFD0, as ExifTool reads them. */
function imageData(report: Record<string, unknown>): [number, number][] {
  const list = (key: string) => String(report[`IFD0:${key}`] ?? '').split(/\s+/).filter(Boolean).map(Number);
  const offsets = [...list('StripOffsets'), ...list('TileOffsets')];
  const counts = [...list('StripByteCounts'), ...list('TileByteCounts')];
  return offsets.map((offset, i) => [offset, counts[i] ?? 0]);
}

describe.runIf(existsSync(CORPUS) && exiftool)('TIFF and DNG location removal over the corpus', () => {
  it.each(readdirSync(CORPUS))('%s: no GPS for ExifTool, Orientation and image data unchanged', async (name) => {
    const source = join(CORPUS, name);
    const input = new Uint8Array(readFileSync(source));
    const result = await cleanImage(input);
    expect(result.cleaned).toBe(true);
    if (!result.cleaned) return;
    const out = join(mkdtempSync(join(tmpdir(), 'sera-tiff-')), name);
    writeFileSync(out, result.bytes);
    const [before, after] = [exif(source), exif(out)];
    expect(Object.keys(after).filter((key) => key.startsWith('GPS:'))).toEqual([]);
    expect(after['IFD0:Orientation']).toEqual(before['IFD0:Orientation']);
    expect(result.bytes.length).toBe(input.length);
    for (const [offset, length] of imageData(before)) {
      expect(Buffer.from(result.bytes.subarray(offset, offset + length)).equals(Buffer.from(input.subarray(offset, offset + length)))).toBe(true);
    }
  });
});
