import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanImage, type CleanResult } from '../../src/photos/clean';
import { heifMetadataItems } from '../../src/photos/heif';
import type { CleanMode } from '../../src/photos/report';
import { CORPUS, corpusFiles, exiftoolJson, haveExiftool } from '../helpers/photos';

// ExifTool is the independent judge; .ci/run installs it (Debian: libimage-exiftool-perl).

type Report = Record<string, unknown>;

const LOCATION_TAG = /:(?:GPS\w*|Gps\w*|\w*Latitude|\w*Longitude|AbsoluteAltitude|RelativeAltitude|City|State|Country|CountryCode|Sub-location|Province-State|Country-PrimaryLocation\w*|Location\w*|ContentLocation\w*)$/;
/** What "all" mode removes, by ExifTool tag name (family 0 and 1 groups in front). */
const IDENTIFYING_TAG = /:(?:Make|Model|\w*SerialNumber|OwnerName|CameraOwnerName|Artist|Copyright|Software|HostComputer|DateTimeOriginal|CreateDate|ModifyDate|DateCreated|ThumbnailImage|Comment|UserComment|ImageUniqueID)$/;
const IDENTIFYING_GROUP = /^(?:MakerNotes|XMP|IPTC|Photoshop):(?!XMP-tiff:Orientation$)/;

const orientation = (report: Report | undefined) => report?.['EXIF:IFD0:Orientation'] ?? report?.['XMP:XMP-tiff:Orientation'] ?? 1;
const hasIcc = (report: Report | undefined) => Object.keys(report ?? {}).some((key) => key.startsWith('ICC_Profile:'));

/** The image data a cleaner must never change, per format, read without the cleaner's code. */
function imageData(bytes: Uint8Array, format: string): Buffer {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  const parts: Uint8Array[] = [];
  if (format === 'png') {
    for (let at = 8; at + 12 <= bytes.length; at += 12 + view.getUint32(at)) {
      if (/^(?:IHDR|PLTE|IDAT|tRNS)$/.test(ascii(at + 4, at + 8))) parts.push(bytes.subarray(at, at + 12 + view.getUint32(at)));
    }
  } else if (format === 'webp') {
    for (let at = 12; at + 8 <= bytes.length; ) {
      const size = view.getUint32(at + 4, true);
      if (/^(?:VP8 |VP8L|ALPH|ANIM|ANMF)$/.test(ascii(at, at + 4))) parts.push(bytes.subarray(at, at + 8 + size));
      at += 8 + size + (size & 1);
    }
  } else if (format === 'jpeg') {
    // From the first scan to the end of the main image: the entropy-coded data.
    let at = 2;
    while (at + 4 <= bytes.length && bytes[at + 1] !== 0xda) at += 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!);
    let end = at + 2;
    while (end + 1 < bytes.length && !(bytes[end] === 0xff && bytes[end + 1] === 0xd9)) end++;
    parts.push(bytes.subarray(at, end + 2));
  }
  return Buffer.concat(parts);
}

/** [offset, length] of every strip and tile, in every IFD, as ExifTool reads them. */
function tiffImageRanges(report: Report): [number, number][] {
  const ranges: [number, number][] = [];
  for (const [key, value] of Object.entries(report)) {
    const match = /^(.*):(Strip|Tile)Offsets$/.exec(key);
    if (!match) continue;
    const numbers = (text: unknown) => String(text ?? '').split(/\s+/).filter(Boolean).map(Number);
    const counts = numbers(report[`${match[1]}:${match[2]}ByteCounts`]);
    numbers(value).forEach((offset, i) => ranges.push([offset, counts[i] ?? 0]));
  }
  return ranges;
}

function expectImageDataUnchanged(input: Uint8Array, output: Uint8Array, format: string, before: Report, name: string): void {
  if (format === 'heif' || format === 'avif' || format === 'tiff') {
    // Cleaned in place: only metadata bytes may differ.
    expect(output.length, name).toBe(input.length);
    if (format === 'tiff') {
      for (const [offset, length] of tiffImageRanges(before)) {
        expect(Buffer.compare(output.subarray(offset, offset + length), input.subarray(offset, offset + length)), name).toBe(0);
      }
    } else {
      const items = heifMetadataItems(input);
      for (let i = 0; i < input.length; i++) {
        if (input[i] !== output[i]) expect(items.some((item) => i >= item.start && i < item.end), `${name} byte ${i}`).toBe(true);
      }
    }
    return;
  }
  expect(imageData(output, format).equals(imageData(input, format)), name).toBe(true);
}

/** Why the corpus cannot be judged here, and how to get what is missing. */
const unavailable = !existsSync(CORPUS)
  ? `the photo corpus is not at ${CORPUS}: it is the project's shared folder beside this checkout (CI has it); ` +
    'elsewhere put real camera files in one folder per format there (jpeg/, heic/, png/, …); ' +
    'test/fixtures/photos/SOURCES.md names the public repositories they come from'
  : !haveExiftool
    ? 'ExifTool, the judge, is missing (Debian: apt-get install libimage-exiftool-perl)'
    : undefined;

if (unavailable) it('every corpus file, judged by ExifTool', (context) => context.skip(unavailable));

describe.runIf(!unavailable)('every corpus file, judged by ExifTool', () => {
  // Collected even when skipped: read the corpus only if it is there.
  const files = unavailable ? [] : corpusFiles();
  const before = new Map(exiftoolJson(files).map((report) => [String(report.SourceFile), report]));

  describe.each<CleanMode>(['location', 'all'])('mode "%s"', (mode) => {
    const dir = mkdtempSync(join(tmpdir(), `sera-corpus-${mode}-`));
    const results = new Map<string, CleanResult>();
    const outputs = new Map<string, string>();

    it('cleans every file except deliberately broken ones, which it reports with a reason', async () => {
      for (const [i, file] of files.entries()) {
        const result = await cleanImage(new Uint8Array(readFileSync(file)), mode);
        results.set(file, result);
        if (result.cleaned) {
          const out = join(dir, String(i), basename(file));
          mkdirSync(join(dir, String(i)));
          writeFileSync(out, result.bytes);
          outputs.set(file, out);
        } else {
          expect(result.reason).toMatch(/\w/);
        }
      }
      const refused = files.filter((file) => !results.get(file)!.cleaned).map((file) => basename(file));
      expect(refused.every((name) => /poc|truncated/.test(name)), refused.join(', ')).toBe(true);
      expect(outputs.size).toBeGreaterThanOrEqual(files.length - 2);
    });

    it('leaves no location, keeps Orientation and the colour profile, and keeps image data byte-identical', () => {
      const after = new Map(exiftoolJson([...outputs.values()]).map((report) => [String(report.SourceFile), report]));
      for (const [file, out] of outputs) {
        const result = results.get(file)!;
        if (!result.cleaned) continue;
        const report = after.get(out)!;
        const name = basename(file);
        expect(Object.keys(report).filter((key) => LOCATION_TAG.test(key)), name).toEqual([]);
        expect(orientation(report), name).toEqual(orientation(before.get(file)));
        expect(hasIcc(report), name).toBe(hasIcc(before.get(file)));
        expectImageDataUnchanged(new Uint8Array(readFileSync(file)), result.bytes, result.format, before.get(file)!, name);
        if (mode === 'all') {
          const identifying = Object.keys(report).filter((key) => IDENTIFYING_TAG.test(key) || IDENTIFYING_GROUP.test(key));
          expect(identifying, name).toEqual([]);
        }
      }
    });
  });
});
