import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Real camera files beside the repo (see its SOURCES.md); tests over them run when it exists. */
export const CORPUS = '../shared/corpus/images';

export const haveExiftool = spawnSync('exiftool', ['-ver']).status === 0;

export function corpusFiles(): string[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) => readdirSync(join(CORPUS, dir.name)).map((name) => join(CORPUS, dir.name, name)))
    .sort();
}

/**
 * Every tag ExifTool reads, keyed "Family0:Family1:Name", with numeric values; `embedded` adds -ee.
 * `documents` puts the document in the key ("QuickTime:Track2:Doc3:Text", "QuickTime:Keys:Main:Make"):
 * JSON keeps one value a key, so without it only the first of a track's samples is seen.
 */
export function exiftoolJson(files: string[], { embedded = false, documents = false } = {}): Record<string, unknown>[] {
  if (files.length === 0) return [];
  const args = ['-j', documents ? '-G0:1:3' : '-G0:1', '-a', '-n', ...(embedded ? ['-ee'] : []), ...files];
  const result = spawnSync('exiftool', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(result.stdout) as Record<string, unknown>[];
}

export interface JpegSegment {
  readonly marker: number;
  /** From the marker's FF to the end of the segment. */
  readonly start: number;
  readonly end: number;
}

/**
 * The marker segments of a JPEG's main image, scans included, read without the cleaner's code: after
 * each SOS the entropy-coded data runs to the first FF that is not stuffing (FF00) or a restart
 * marker. `end` is just after EOI.
 */
export function jpegSegments(bytes: Uint8Array): { segments: JpegSegment[]; end: number } {
  const segments: JpegSegment[] = [];
  let at = 2;
  while (at < bytes.length && bytes[at + 1] !== 0xd9) {
    const marker = bytes[at + 1]!;
    const end = at + 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!);
    segments.push({ marker, start: at, end });
    at = end;
    if (marker !== 0xda) continue;
    while (at < bytes.length && !(bytes[at] === 0xff && bytes[at + 1] !== 0x00 && (bytes[at + 1]! < 0xd0 || bytes[at + 1]! > 0xd7))) at++;
  }
  return { segments, end: at + 2 };
}

/** What a decoder reads for the pixels: tables, frame and scan headers, entropy-coded data; no APPn or COM. */
export function jpegPixelData(bytes: Uint8Array): Buffer {
  const { segments, end } = jpegSegments(bytes);
  const isMetadata = (marker: number) => (marker >= 0xe0 && marker <= 0xef) || marker === 0xfe;
  const firstScan = segments.find((segment) => segment.marker === 0xda)!.start;
  const parts = segments.filter((segment) => segment.start < firstScan && !isMetadata(segment.marker)).map((segment) => bytes.subarray(segment.start, segment.end));
  let from = firstScan;
  for (const segment of segments) {
    if (segment.start < firstScan || !isMetadata(segment.marker)) continue;
    parts.push(bytes.subarray(from, segment.start));
    from = segment.end;
  }
  parts.push(bytes.subarray(from, end));
  return Buffer.concat(parts);
}
