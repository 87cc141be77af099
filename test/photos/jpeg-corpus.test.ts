import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeJpegLocation } from '../../src/photos/jpeg';
import { nothingRemoved } from '../../src/photos/report';
import { MalformedImage } from '../../src/photos/tiff';

// ExifTool is the independent judge; .ci/run installs it (Debian: libimage-exiftool-perl).
const CORPUS = '../shared/corpus/images';
const haveCorpus = existsSync(CORPUS);
const exiftool = spawnSync('exiftool', ['-ver']).status === 0;

const LOCATION_TAG = /^(?:GPS|XMP-exif:GPS|XMP-drone-dji:(?:Gps|AbsoluteAltitude|RelativeAltitude)|XMP-photoshop:(?:City|State|Country)|XMP-iptcCore:(?:Location|CountryCode)|XMP-iptcExt:Location|IPTC:(?:City|Sub-location|Province-State|Country-PrimaryLocation|ContentLocation))/i;

function judge(files: string[]): Record<string, unknown>[] {
  const result = spawnSync('exiftool', ['-j', '-G1', '-a', '-n', '-gps:all', '-xmp:all', '-iptc:all', '-Orientation', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(result.stdout) as Record<string, unknown>[];
}

/** Byte ranges of the metadata segments (APPn and COM) of a JPEG and the images embedded in it. */
function metadataRanges(bytes: Uint8Array): [number, number][] {
  const ranges: [number, number][] = [];
  for (let soi = 0; soi + 2 < bytes.length; soi++) {
    if (bytes[soi] !== 0xff || bytes[soi + 1] !== 0xd8 || bytes[soi + 2] !== 0xff) continue;
    for (let at = soi + 2; at + 4 <= bytes.length && bytes[at] === 0xff; ) {
      const marker = bytes[at + 1]!;
      const end = at + 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!);
      if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) ranges.push([at + 4, end]);
      if (marker === 0xda) break;
      at = end;
    }
  }
  return ranges;
}

describe.runIf(haveCorpus && exiftool)('JPEG location removal over the corpus, judged by ExifTool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sera-jpeg-'));
  const sources = [
    ...readdirSync(join(CORPUS, 'jpeg')).map((name) => join(CORPUS, 'jpeg', name)),
    ...readdirSync(join(CORPUS, 'synthetic')).filter((name) => name.endsWith('.jpg')).map((name) => join(CORPUS, 'synthetic', name)),
  ];
  const cleaned: string[] = [];
  const refused: string[] = [];
  for (const source of sources) {
    const original = new Uint8Array(readFileSync(source));
    const bytes = original.slice();
    try {
      removeJpegLocation(bytes, nothingRemoved());
    } catch (error) {
      if (!(error instanceof MalformedImage)) throw error;
      refused.push(basename(source));
      continue;
    }
    const out = join(dir, basename(source));
    writeFileSync(out, bytes);
    cleaned.push(out);
    it(`${basename(source)}: only metadata bytes change`, () => {
      expect(bytes.length).toBe(original.length);
      const ranges = metadataRanges(original);
      for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] !== original[i]) expect(ranges.some(([from, to]) => i >= from && i < to)).toBe(true);
      }
    });
  }

  it('cleans nearly every file and refuses only malformed ones', () => {
    expect(cleaned.length).toBeGreaterThanOrEqual(sources.length - 2);
    expect(refused.every((name) => /truncated|broken|608/.test(name))).toBe(true);
  });

  it('leaves no GPS or place-name tag that ExifTool can see, and Orientation unchanged', () => {
    const after = judge(cleaned);
    const before = new Map(judge(cleaned.map((out) => sources.find((s) => basename(s) === basename(out))!)).map((r) => [basename(String(r.SourceFile)), r]));
    for (const report of after) {
      const name = basename(String(report.SourceFile));
      expect(Object.keys(report).filter((key) => LOCATION_TAG.test(key)), name).toEqual([]);
      const orientation = (r: Record<string, unknown> | undefined) => r?.['IFD0:Orientation'] ?? r?.['XMP-tiff:Orientation'];
      expect(orientation(report), name).toEqual(orientation(before.get(name)));
    }
  });
});
