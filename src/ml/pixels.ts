import * as tf from '@tensorflow/tfjs-core';

/** Decoded image pixels, row by row: RGB (3 channels) or RGBA (4, alpha ignored). */
export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly channels: 3 | 4;
  readonly data: Uint8Array | Uint8ClampedArray;
}

/** A float32 [height, width, 3] tensor of 0-255 values (alpha dropped); call inside tf.tidy. */
export function rgbTensor(pixels: Pixels): tf.Tensor3D {
  const image = tf.tensor3d(Int32Array.from(pixels.data), [pixels.height, pixels.width, pixels.channels], 'int32');
  return tf.cast(pixels.channels === 3 ? image : tf.slice(image, [0, 0, 0], [-1, -1, 3]), 'float32');
}

/** Megapixels, for time budgets and reports. */
export function megapixels(pixels: Pick<Pixels, 'width' | 'height'>): number {
  return (pixels.width * pixels.height) / 1e6;
}

/**
 * An RGB copy whose longer side is at most `maxSide`, each output pixel the average of the input
 * pixels it covers (a box filter: no aliasing of fine text, and one pass over the input).
 */
export function downscale(pixels: Pixels, maxSide: number): Pixels {
  const scale = Math.min(1, maxSide / Math.max(pixels.width, pixels.height));
  const width = Math.max(1, Math.round(pixels.width * scale));
  const height = Math.max(1, Math.round(pixels.height * scale));
  const { channels, data } = pixels;
  if (scale === 1 && channels === 3) return pixels;
  const sums = new Float64Array(width * 3);
  const counts = new Uint32Array(width);
  const columnOf = new Uint32Array(pixels.width);
  for (let x = 0; x < pixels.width; x++) columnOf[x] = Math.min(width - 1, Math.floor(x * scale));
  const out = new Uint8Array(width * height * 3);
  let outRow = 0;
  const flush = (row: number) => {
    for (let x = 0; x < width; x++) {
      const count = counts[x]! || 1;
      out[(row * width + x) * 3] = sums[x * 3]! / count;
      out[(row * width + x) * 3 + 1] = sums[x * 3 + 1]! / count;
      out[(row * width + x) * 3 + 2] = sums[x * 3 + 2]! / count;
    }
    sums.fill(0);
    counts.fill(0);
  };
  for (let y = 0; y < pixels.height; y++) {
    const row = Math.min(height - 1, Math.floor(y * scale));
    if (row !== outRow) {
      flush(outRow);
      outRow = row;
    }
    let offset = y * pixels.width * channels;
    for (let x = 0; x < pixels.width; x++, offset += channels) {
      const column = columnOf[x]!;
      sums[column * 3] = sums[column * 3]! + data[offset]!;
      sums[column * 3 + 1] = sums[column * 3 + 1]! + data[offset + 1]!;
      sums[column * 3 + 2] = sums[column * 3 + 2]! + data[offset + 2]!;
      counts[column]!++;
    }
  }
  flush(outRow);
  return { width, height, channels: 3, data: out };
}

/** A binary PGM (P5) of the luminance: the smallest input Tesseract reads without decoding work. */
export function toPgm(pixels: Pixels): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${pixels.width} ${pixels.height}\n255\n`);
  const out = new Uint8Array(header.length + pixels.width * pixels.height);
  out.set(header);
  const { channels, data } = pixels;
  for (let i = 0, o = header.length; i < pixels.width * pixels.height; i++, o++) {
    const offset = i * channels;
    out[o] = (data[offset]! * 77 + data[offset + 1]! * 150 + data[offset + 2]! * 29) >> 8;
  }
  return out;
}

/**
 * The pixels as the photo is meant to be seen, for EXIF orientations 2-8 (1 or unknown: as stored).
 * Browsers apply it when decoding; Node decoders do not.
 */
export function orient(pixels: Pixels, orientation: number | undefined): Pixels {
  if (!orientation || orientation < 2 || orientation > 8) return pixels;
  const { width, height, channels, data } = pixels;
  const swaps = orientation >= 5;
  const outWidth = swaps ? height : width;
  const outHeight = swaps ? width : height;
  const out = new Uint8Array(outWidth * outHeight * 3);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      // The stored pixel that lands at (x, y) once shown.
      const [sx, sy] = ORIENTATION_SOURCE[orientation]!(x, y, width, height);
      const from = (sy * width + sx) * channels;
      const to = (y * outWidth + x) * 3;
      out[to] = data[from]!;
      out[to + 1] = data[from + 1]!;
      out[to + 2] = data[from + 2]!;
    }
  }
  return { width: outWidth, height: outHeight, channels: 3, data: out };
}

const ORIENTATION_SOURCE: Record<number, (x: number, y: number, width: number, height: number) => [number, number]> = {
  2: (x, y, w) => [w - 1 - x, y],
  3: (x, y, w, h) => [w - 1 - x, h - 1 - y],
  4: (x, y, _w, h) => [x, h - 1 - y],
  5: (x, y) => [y, x],
  6: (x, y, _w, h) => [y, h - 1 - x],
  7: (x, y, w, h) => [w - 1 - y, h - 1 - x],
  8: (x, y, w) => [w - 1 - y, x],
};
