/**
 * Trains the work-talk and hostile-tone models (issue #12) on the training part of data/text/ and
 * writes their weights to src/ml/models/work-talk.ts and hostile-tone.ts. `npm run train`.
 *
 * Each model is a logistic regression over the featuriser's hashed features, fitted with Adam in
 * plain TypeScript: deterministic (a seeded order, no threads), seconds on one core. Held-out lines
 * are never read here: `npm run eval` measures on them. The operating point is chosen by five-fold
 * cross-validation on the training part, then folded into the bias so that the model's default
 * threshold (work 0.5, hostile 0.7) is that point.
 */
import { writeFileSync } from 'node:fs';
import { FEATURE_BUCKETS, TextFeaturiser } from '../src/ml/text-features';
import type { TextModelWeights } from '../src/ml/text-models';
import { labelOf, TEXT_LANGUAGES, TEXT_TASKS, type LabelledSentence, type TextTask } from '../src/ml/text-truth';
import { seededRandom } from '../test/bench/stats';
import { readTruth, repositoryRoot } from './text-truth-files';

const SEED = 12;
const EPOCHS = 30;
const BATCH = 32;
const LEARNING_RATE = 0.02;
const L2 = 1e-4;
const FOLDS = 5;
/**
 * The default thresholds. Hostile tone starts at 0.7, the lowest an admin may set
 * (MIN_TONE_THRESHOLD): no sentence of the protected-speech lint (src/packs/protected-speech.ts)
 * may reach it.
 */
const THRESHOLDS: Record<TextTask, number> = { work: 0.5, hostile: 0.7 };
/** Hostile tone warns about a person's words: in cross-validation, at least this share of what it flags must be hostile, in every language. */
const HOSTILE_PRECISION = 0.95;
const OUTPUT_FILES: Record<TextTask, string> = { work: 'work-talk', hostile: 'hostile-tone' };

interface Example {
  readonly indices: Int32Array;
  readonly values: Float32Array;
  readonly label: number;
}

interface Linear {
  readonly weights: Float32Array;
  readonly bias: number;
}

function logit(probability: number): number {
  return Math.log(probability / (1 - probability));
}

function score(model: Linear, example: Example): number {
  let sum = model.bias;
  for (let k = 0; k < example.indices.length; k++) sum += example.values[k]! * model.weights[example.indices[k]!]!;
  return 1 / (1 + Math.exp(-sum));
}

/** Logistic regression with Adam; only the weights a batch touches move (and decay), so an epoch costs what its features cost. */
function fit(examples: readonly Example[]): Linear {
  const random = seededRandom(SEED);
  const weights = new Float32Array(FEATURE_BUCKETS);
  const gradient = new Float32Array(FEATURE_BUCKETS);
  const moment = new Float32Array(FEATURE_BUCKETS);
  const velocity = new Float32Array(FEATURE_BUCKETS);
  const touched: number[] = [];
  const isTouched = new Uint8Array(FEATURE_BUCKETS);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const epsilon = 1e-7;
  let bias = 0;
  let biasMoment = 0;
  let biasVelocity = 0;
  let step = 0;
  const order = examples.map((_, index) => index);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let start = 0; start < order.length; start += BATCH) {
      const end = Math.min(order.length, start + BATCH);
      let biasGradient = 0;
      for (let b = start; b < end; b++) {
        const example = examples[order[b]!]!;
        const error = (score({ weights, bias }, example) - example.label) / (end - start);
        biasGradient += error;
        for (let k = 0; k < example.indices.length; k++) {
          const index = example.indices[k]!;
          if (!isTouched[index]) {
            isTouched[index] = 1;
            touched.push(index);
          }
          gradient[index]! += error * example.values[k]!;
        }
      }
      step++;
      const rate = (LEARNING_RATE * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
      for (const index of touched) {
        const g = gradient[index]! + 2 * L2 * weights[index]!;
        moment[index] = beta1 * moment[index]! + (1 - beta1) * g;
        velocity[index] = beta2 * velocity[index]! + (1 - beta2) * g * g;
        weights[index]! -= (rate * moment[index]!) / (Math.sqrt(velocity[index]!) + epsilon);
        gradient[index] = 0;
        isTouched[index] = 0;
      }
      touched.length = 0;
      biasMoment = beta1 * biasMoment + (1 - beta1) * biasGradient;
      biasVelocity = beta2 * biasVelocity + (1 - beta2) * biasGradient * biasGradient;
      bias -= (rate * biasMoment) / (Math.sqrt(biasVelocity) + epsilon);
    }
  }
  return { weights, bias };
}

/** Which fold a training sentence is validated in: by a hash of its text, as stable as the held-out split. */
function foldOf(text: string): number {
  let hash = 0x9747b28c;
  for (const char of text.normalize('NFC')) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193);
  return (hash >>> 0) % FOLDS;
}

interface LanguageScores {
  precision: number;
  recall: number;
  f1: number;
}

function scoresAt(threshold: number, sentences: readonly LabelledSentence[], task: TextTask, predicted: Float64Array): Record<string, LanguageScores> {
  return Object.fromEntries(TEXT_LANGUAGES.map((language) => {
    let truePositives = 0;
    let flagged = 0;
    let positives = 0;
    sentences.forEach((sentence, index) => {
      if (sentence.language !== language) return;
      const expected = labelOf(sentence, task);
      const positive = predicted[index]! >= threshold;
      if (expected) positives++;
      if (positive) flagged++;
      if (expected && positive) truePositives++;
    });
    const precision = truePositives / (flagged || 1);
    const recall = truePositives / (positives || 1);
    return [language, { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) }];
  }));
}

/**
 * The cross-validated operating point: for work talk the threshold with the best mean F1 over the
 * languages; for hostile tone the one that flags most while precision holds in every language.
 */
function chooseThreshold(task: TextTask, sentences: readonly LabelledSentence[], predicted: Float64Array): { threshold: number; scores: Record<string, LanguageScores> } {
  let best: { threshold: number; scores: Record<string, LanguageScores>; value: number } | undefined;
  for (let step = 5; step <= 95; step++) {
    const threshold = step / 100;
    const scores = scoresAt(threshold, sentences, task, predicted);
    const perLanguage = Object.values(scores);
    const value = task === 'work'
      ? perLanguage.reduce((sum, s) => sum + s.f1, 0) / perLanguage.length
      : perLanguage.every((s) => s.precision >= HOSTILE_PRECISION) ? perLanguage.reduce((sum, s) => sum + s.recall, 0) : -1;
    if (!best || value > best.value) best = { threshold, scores, value };
  }
  if (best!.value < 0) throw new Error(`${task}: no threshold reaches a cross-validated precision of ${HOSTILE_PRECISION} in every language`);
  return best!;
}

function quantise(model: Linear, task: TextTask, threshold: number): TextModelWeights {
  let largest = 0;
  for (const weight of model.weights) largest = Math.max(largest, Math.abs(weight));
  const scale = largest / 127 || 1;
  const quantised = Uint8Array.from(model.weights, (weight) => Math.round(weight / scale) & 0xff);
  const round = (value: number) => Number(value.toPrecision(7));
  return {
    buckets: FEATURE_BUCKETS,
    weights: Buffer.from(quantised).toString('base64'),
    scale: round(scale),
    // The chosen point becomes the default threshold: a score reaches THRESHOLDS[task] where the raw one reached `threshold`.
    bias: round(model.bias + logit(THRESHOLDS[task]) - logit(threshold)),
    threshold: THRESHOLDS[task],
  };
}

function moduleSource(task: TextTask, weights: TextModelWeights, trainedOn: number): string {
  return `// Generated by scripts/train-text-models.ts from data/text/ (${trainedOn} training sentences): do not edit.
import type { TextModelWeights } from '../text-models';

/** The ${OUTPUT_FILES[task]} model. */
const weights: TextModelWeights = ${JSON.stringify(weights)};
export default weights;
`;
}

function main(): void {
  const started = performance.now();
  const training = readTruth().filter((sentence) => !sentence.heldOut);
  const featuriser = new TextFeaturiser();
  const features = training.map((sentence) => {
    const { indices, values, length } = featuriser.featurise(sentence.text);
    return { indices: indices.slice(0, length), values: values.slice(0, length) };
  });
  const folds = training.map((sentence) => foldOf(sentence.text));
  for (const task of TEXT_TASKS) {
    const examples = features.map((feature, index) => ({ ...feature, label: labelOf(training[index]!, task) ? 1 : 0 }));
    const predicted = new Float64Array(training.length);
    for (let fold = 0; fold < FOLDS; fold++) {
      const model = fit(examples.filter((_, index) => folds[index] !== fold));
      examples.forEach((example, index) => {
        if (folds[index] === fold) predicted[index] = score(model, example);
      });
    }
    const { threshold, scores } = chooseThreshold(task, training, predicted);
    const summary = Object.entries(scores).map(([language, s]) => `${language} P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)}`).join(', ');
    console.log(`${task}: cross-validated at ${threshold}: ${summary}`);
    const weights = quantise(fit(examples), task, threshold);
    const file = `${repositoryRoot}src/ml/models/${OUTPUT_FILES[task]}.ts`;
    writeFileSync(file, moduleSource(task, weights, training.length));
    console.log(`wrote ${file}`);
  }
  console.log(`trained on ${training.length} sentences in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main();
