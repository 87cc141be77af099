import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import ExifTransformer from 'exif-be-gone';
import exifr from 'exifr';
import piexif from 'piexifjs';
import { cleanImage } from '../../src/photos/clean';
import { cleanHeif } from '../../src/photos/heif';
import { cleanJpeg } from '../../src/photos/jpeg';
import { nothingRemoved } from '../../src/photos/report';
import { CORPUS, corpusFiles } from '../helpers/photos';
import { summarize, type Timing } from './stats';

/**
 * Photo benchmark: every GPS-bearing JPEG of the corpus, in memory, cleaned in one process by Sera,
 * exif-be-gone and piexifjs, beside two floors: a plain buffer copy (Sera must copy too, since it
 * never edits the caller's bytes), and a copy plus one pass to every FF byte, the least a cleaner
 * does that finds metadata wherever it sits (between progressive scans, after the image). Then a
 * 12-megapixel JPEG and a HEIC on their own.
 */

type Cleaner = (bytes: Uint8Array) => Uint8Array | Promise<Uint8Array>;

const TWELVE_MEGAPIXELS = 'jpeg/Samsung SM-G935L (Galaxy S7 Edge).jpg';
const HEIC = 'heic/heic-iphone.heic';

function exifBeGone(bytes: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const transformer = new ExifTransformer();
    transformer.on('data', (chunk: Buffer) => chunks.push(chunk));
    transformer.on('end', () => resolve(Buffer.concat(chunks)));
    transformer.on('error', reject);
    transformer.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}

function piexifjs(bytes: Uint8Array): Uint8Array {
  // piexifjs works on "binary strings"; the conversions are part of using it.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return Buffer.from(piexif.remove(text), 'latin1');
}

export const PHOTO_CLEANERS: Record<string, Cleaner> = {
  'buffer copy (floor)': (bytes) => bytes.slice(),
  'copy and marker scan (floor)': (bytes) => {
    const copy = bytes.slice();
    for (let at = copy.indexOf(0xff); at >= 0; ) at = copy.indexOf(0xff, at + 2);
    return copy;
  },
  Sera: (bytes) => cleanJpeg(bytes.slice(), nothingRemoved(), 'location'),
  'Sera, with reading and checking': async (bytes) => {
    const result = await cleanImage(bytes);
    return result.cleaned ? result.bytes : bytes;
  },
  'exif-be-gone': exifBeGone,
  piexifjs,
};

/** Milliseconds per pass over all inputs: the median of `rounds` passes. */
async function timePasses(inputs: readonly Uint8Array[], rounds: number, clean: Cleaner): Promise<Timing> {
  for (const input of inputs) await clean(input); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (const input of inputs) await clean(input);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

interface Outcome {
  readonly positionsLeft: number;
  readonly orientationsLost: number;
  readonly failures: number;
}

async function outcome(inputs: readonly Uint8Array[], clean: Cleaner): Promise<Outcome> {
  let positionsLeft = 0;
  let orientationsLost = 0;
  let failures = 0;
  for (const input of inputs) {
    let output: Uint8Array;
    try {
      output = await clean(input);
    } catch {
      failures++;
      continue;
    }
    const gps = await exifr.gps(output).catch(() => undefined);
    if (gps && Number.isFinite(gps.latitude)) positionsLeft++;
    const before = await exifr.orientation(input).catch(() => undefined);
    const after = await exifr.orientation(output).catch(() => undefined);
    if ((before ?? 1) !== (after ?? 1)) orientationsLost++;
  }
  return { positionsLeft, orientationsLost, failures };
}

export interface PhotoBench {
  readonly files: number;
  readonly megabytes: number;
  readonly jpegSet: Record<string, Timing & Outcome>;
  readonly twelveMegapixel: Record<string, Timing>;
  readonly heic: Record<string, Timing & { positionsLeft: number }>;
}

export async function benchPhotos(log: (line: string) => void): Promise<PhotoBench | undefined> {
  if (!existsSync(CORPUS)) {
    log('photo bench skipped: ../shared/corpus is missing');
    return undefined;
  }
  const jpegs: Uint8Array[] = [];
  for (const file of corpusFiles().filter((name) => /\.jpe?g$/i.test(name))) {
    const bytes = new Uint8Array(readFileSync(file));
    const gps = await exifr.gps(bytes).catch(() => undefined);
    if (gps && Number.isFinite(gps.latitude)) jpegs.push(bytes);
  }
  const megabytes = jpegs.reduce((sum, bytes) => sum + bytes.length, 0) / 1e6;
  log(`JPEG set: ${jpegs.length} GPS-bearing files, ${megabytes.toFixed(1)} MB`);

  const jpegSet: PhotoBench['jpegSet'] = {};
  for (const [name, clean] of Object.entries(PHOTO_CLEANERS)) {
    jpegSet[name] = { ...(await timePasses(jpegs, 15, clean)), ...(await outcome(jpegs, clean)) };
  }

  const big = [new Uint8Array(readFileSync(`${CORPUS}/${TWELVE_MEGAPIXELS}`))];
  const twelveMegapixel: PhotoBench['twelveMegapixel'] = {};
  for (const [name, clean] of Object.entries(PHOTO_CLEANERS)) twelveMegapixel[name] = await timePasses(big, 30, clean);

  const heicBytes = [new Uint8Array(readFileSync(`${CORPUS}/${HEIC}`))];
  const heicCleaners: Record<string, Cleaner> = {
    'buffer copy (floor)': PHOTO_CLEANERS['buffer copy (floor)']!,
    Sera: (bytes) => cleanHeif(bytes.slice(), nothingRemoved(), 'location'),
    'exif-be-gone': exifBeGone,
  };
  const heic: PhotoBench['heic'] = {};
  for (const [name, clean] of Object.entries(heicCleaners)) {
    heic[name] = { ...(await timePasses(heicBytes, 30, clean)), positionsLeft: (await outcome(heicBytes, clean)).positionsLeft };
  }
  log(`12-megapixel JPEG: ${basename(TWELVE_MEGAPIXELS)}; HEIC: ${basename(HEIC)}`);
  return { files: jpegs.length, megabytes, jpegSet, twelveMegapixel, heic };
}
