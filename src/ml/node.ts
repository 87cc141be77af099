import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { decode as decodePng } from 'fast-png';
import exifr from 'exifr';
import jpeg from 'jpeg-js';
import type { AnalyzerFiles } from './photo-checks';
import { orient, type Pixels } from './pixels';

/** Reading photos and Sera's model files in Node (CLI, tests, bench); the extension decodes with the browser. */

/** Largest photo decoded in Node: 100 megapixels, about 400 MB of pixels. */
const MAX_DECODED_MB = 512;

/** JPEG or PNG bytes to pixels, upright; undefined for other formats. */
export async function decodePhoto(bytes: Uint8Array): Promise<Pixels | undefined> {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: MAX_DECODED_MB });
    const orientation = await exifr.orientation(bytes).catch(() => undefined);
    return orient({ width: image.width, height: image.height, channels: 3, data: image.data }, orientation);
  }
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    const image = decodePng(bytes);
    if (image.depth !== 8 || image.channels < 3) return grayOrDeepPng(image);
    return { width: image.width, height: image.height, channels: image.channels as 3 | 4, data: image.data as Uint8Array };
  }
  return undefined;
}

function grayOrDeepPng(image: ReturnType<typeof decodePng>): Pixels {
  const rgb = new Uint8Array(image.width * image.height * 3);
  const shift = image.depth === 16 ? 8 : 0;
  const palette = image.palette;
  for (let i = 0; i < image.width * image.height; i++) {
    const first = image.data[i * image.channels]! >> shift;
    const colour = palette ? palette[first] ?? [0, 0, 0] : image.channels >= 3 ? [first, image.data[i * image.channels + 1]! >> shift, image.data[i * image.channels + 2]! >> shift] : [first, first, first];
    rgb.set(colour.slice(0, 3), i * 3);
  }
  return { width: image.width, height: image.height, channels: 3, data: rgb };
}

const require = createRequire(import.meta.url);
const packageDirectory = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** The analyzer's files from a checkout: models and OCR data under `modelDirectory`, TF.js's wasm from node_modules. */
export function nodeAnalyzerFiles(modelDirectory: string): AnalyzerFiles {
  return {
    readModel: async (name) => new Uint8Array(await readFile(join(modelDirectory, name))),
    wasmDirectory: join(packageDirectory('@tensorflow/tfjs-backend-wasm'), 'dist') + '/',
    ocr: { langPath: modelDirectory },
  };
}
