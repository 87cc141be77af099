import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePhoto, nodeAnalyzerFiles } from '../../src/ml/node';
import { PhotoAnalyzer } from '../../src/ml/photo-checks';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { initBackend } from '../../src/ml/backend';
import { downscale, orient } from '../../src/ml/pixels';
import { detectScreens } from '../../src/ml/screens';
import { evaluate, FIXTURES } from './evaluate';

// Floors measured on the 95 labelled photos (test/fixtures/photo-checks/README.md has the numbers);
// each sits at or a little under what was measured so that a regression fails, not noise.
describe('photo checks on the labelled set', () => {
  it('meets the measured precision and recall floors', { timeout: 600_000 }, async () => {
    const scores = await evaluate();
    expect(scores.textRecall).toBeGreaterThanOrEqual(0.95);
    expect(scores.textPrecision).toBe(1);
    for (const language of ['en', 'fi', 'sw']) expect(scores.textRecallByLanguage[language]).toBeGreaterThanOrEqual(0.875);
    // Finnish codenames inflected and written with ä and ö, and Swahili ones, read with the Finnish
    // and Swahili OCR data (13 of 13 measured; English data alone reads Jäätikön as 'Jaatikén').
    expect(scores.textRecallByCodename.Revontulen).toBeGreaterThanOrEqual(0.8);
    expect(scores.textRecallByCodename['Jäätikön']).toBeGreaterThanOrEqual(0.66);
    expect(scores.textRecallByCodename.Zuhura).toBeGreaterThanOrEqual(0.8);
    const finnish = scores.reports.find((entry) => entry.label.file === 'text-fi-jaatikko-small.png')!.report;
    expect(finnish.text).toContain('Jäätikön ensimmäinen pilotti käynnistyy');
    expect(finnish.findings[0]).toMatchObject({ check: 'text', severity: 'block', summary: "In the photo text-fi-jaatikko-small.png: 'Jäätikön' (nordic-codenames)" });
    expect(scores.faceFalsePositives).toEqual([]);
    expect(scores.facePrecision).toBe(1);
    expect(scores.faceRecall).toBeGreaterThanOrEqual(0.75);
    expect(scores.faceCountAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(scores.screenFalsePositives).toEqual([]);
    expect(scores.screenPrecision).toBe(1);
    // 8 of 14 photos with a screen or document in view (6 of 6 screens, 2 of 8 documents); the lecture
    // hall's projection (0.305) and the bookshelf (0.304) sit just above the 0.3 threshold.
    expect(scores.screenRecall).toBeGreaterThanOrEqual(0.5);
    expect(scores.screenRecallByView.screen).toBeGreaterThanOrEqual(0.8);
    expect(scores.screenRecallByView.document).toBeGreaterThanOrEqual(0.12);
    // The phone's box, marked by hand in the 1014×744 photo: boxes map back through the square padding.
    const [phone, ...others] = scores.reports.find((entry) => entry.label.file === 'screen-phone-table.jpg')!.report.screens;
    expect([phone?.kind, others]).toEqual(['cell phone', []]);
    const marked = { x: 115, y: 460, width: 267, height: 220 };
    for (const side of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(phone!.box[side] - marked[side])).toBeLessThan(25);
    const codename = scores.reports.find((entry) => entry.label.file === 'text-en-document.png')!.report.findings[0]!;
    expect(codename).toMatchObject({ check: 'text', severity: 'block', summary: "In the photo text-en-document.png: 'Project Phoenix' (confidential-codenames)", policyRef: '§3.1 Confidential information' });
    const people = scores.reports.find((entry) => entry.label.file === 'faces-collage.jpg')!.report.findings.find((finding) => finding.check === 'people');
    expect(people).toMatchObject({ severity: 'info', summary: '2 people in the photo faces-collage.jpg: do they agree to it being posted?' });
  });
});

describe('PhotoAnalyzer', () => {
  it('reports checks that ran out of time as unfinished instead of waiting', { timeout: 120_000 }, async () => {
    const analyzer = new PhotoAnalyzer(nodeAnalyzerFiles(join(FIXTURES, '../../../public/ml')));
    const pixels = (await decodePhoto(new Uint8Array(readFileSync(join(FIXTURES, 'text-en-document.png')))))!;
    try {
      const report = await analyzer.analyze(pixels, 'a.png', {
        settings: { checks: new Set(['text', 'people']), severity: { people: 'info', screens: 'warn' } },
        checkText: () => [],
        budgetMs: 1,
      });
      // OCR runs in its own worker and is cut off; face detection runs in one synchronous step
      // (about 0.1 s here) and so may finish after the deadline has passed.
      expect(report.unfinished).toContain('text');
      expect(report.findings.filter((finding) => finding.check === 'text')).toEqual([]);
    } finally {
      await analyzer.stop();
    }
  });

  it('lets go of its models on stop and loads them again for the next photo', { timeout: 120_000 }, async () => {
    const analyzer = new PhotoAnalyzer(nodeAnalyzerFiles(join(FIXTURES, '../../../public/ml')));
    const pixels = (await decodePhoto(new Uint8Array(readFileSync(join(FIXTURES, 'face-portrait.jpg')))))!;
    const options = { settings: { checks: new Set(['people'] as const), severity: { people: 'info', screens: 'warn' } as const }, checkText: () => [] };
    try {
      expect((await analyzer.analyze(pixels, 'a.jpg', options)).faces).toBe(1);
      expect(analyzer.loadStatus().people?.state).toBe('ready');
      const tensors = tf.memory().numTensors;
      await analyzer.stop();
      expect(analyzer.loadStatus()).toEqual({});
      // The face model's weights were its tensors.
      expect(tf.memory().numTensors).toBeLessThan(tensors);
      expect((await analyzer.analyze(pixels, 'a.jpg', options)).faces).toBe(1);
      expect(analyzer.loadStatus().people?.state).toBe('ready');
    } finally {
      await analyzer.stop();
    }
  });
});

describe('detectScreens', () => {
  // A stand-in for CenterNet that answers with fixed rows (x1, y1, x2, y2 in its 512-pixel input,
  // score, COCO class) and keeps the input it was given.
  const model = (rows: number[][]) => {
    const seen: { input?: number[][] } = {};
    const fake = {
      execute: (input: tf.Tensor4D) => {
        seen.input = (input.arraySync() as number[][][][])[0]!.map((row) => row.map((pixel) => pixel[0]!));
        return tf.tensor3d([rows]);
      },
    };
    return { model: fake as unknown as GraphModel, seen };
  };
  // 1024 × 512, all white: padded to 1024 × 1024, so one input pixel is two photo pixels.
  const wide = { width: 1024, height: 512, channels: 3 as const, data: new Uint8Array(1024 * 512 * 3).fill(255) };
  const TV = 62;
  const KEYBOARD = 66;
  const BOOK = 73;
  beforeAll(() => initBackend(nodeAnalyzerFiles(join(FIXTURES, '../../../public/ml')).wasmDirectory));

  it('pads the photo to a square instead of stretching it, and maps boxes back into the photo', async () => {
    // The second box reaches into the padding below the photo.
    const { model: detector, seen } = model([
      [100, 50, 200, 100, 0.5, TV],
      [300, 200, 400, 300, 0.4, BOOK],
    ]);
    const screens = await detectScreens(detector, wide);
    expect(seen.input).toHaveLength(512);
    expect([seen.input![100]![100], seen.input![400]![100]]).toEqual([255, 0]);
    expect(screens).toEqual([
      { kind: 'tv', score: 0.5, box: { x: 200, y: 100, width: 200, height: 100 } },
      { kind: 'book', score: expect.closeTo(0.4, 5), box: { x: 600, y: 400, width: 200, height: 112 } },
    ]);
  });

  it('counts a weakly scored monitor only beside a clearly seen keyboard, and never a weak book', async () => {
    const weak = [
      [10, 10, 60, 60, 0.25, TV],
      [100, 100, 160, 160, 0.25, BOOK],
    ];
    expect(await detectScreens(model(weak).model, wide)).toEqual([]);
    const beside = await detectScreens(model([...weak, [10, 80, 60, 100, 0.35, KEYBOARD]]).model, wide);
    expect(beside.map((screen) => screen.kind)).toEqual(['tv']);
    expect(await detectScreens(model([...weak, [10, 80, 60, 100, 0.25, KEYBOARD]]).model, wide)).toEqual([]);
  });
});

describe('pixels', () => {
  const image = { width: 4, height: 2, channels: 3 as const, data: Uint8Array.from({ length: 24 }, (_, i) => i * 10) };

  it('downscales by averaging the covered pixels', () => {
    const half = downscale(image, 2);
    expect([half.width, half.height]).toEqual([2, 1]);
    // Pixels 0, 1, 4 and 5: red channels 0, 30, 120, 150.
    expect(half.data[0]).toBe(75);
  });

  it('turns EXIF orientation 6 (rotated 90° clockwise) upright', () => {
    const upright = orient(image, 6);
    expect([upright.width, upright.height]).toEqual([2, 4]);
    // The first shown pixel is the stored bottom-left one.
    expect(upright.data[0]).toBe(image.data[12]);
  });
});
