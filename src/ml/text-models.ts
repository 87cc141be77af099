/**
 * The work-talk and hostile-tone models (issue #12): small networks over hashed n-gram features
 * (text-features.ts), trained by scripts/train-text-models.ts on data/text/. Inference is a plain
 * forward pass over the committed weights: one hidden layer, a few thousand multiply-adds per
 * sentence. The weights load on first use (`loadTextModels`), in the background or the CLI, never
 * in a content script.
 */
import { FEATURE_BUCKETS, TextFeaturiser, type TextFeatures } from './text-features';
import type { Pack } from '../packs/schema';
import { usesTextModels } from '../policy/engine';

/** A trained network as the training script writes it (src/ml/models/*.ts). */
export interface TextModelWeights {
  readonly buckets: number;
  readonly hidden: number;
  /** buckets × hidden int8 weights, row by row, base64; column `h` is scaled by `inputScales[h]`. */
  readonly inputWeights: string;
  readonly inputScales: readonly number[];
  readonly hiddenBias: readonly number[];
  readonly outputWeights: readonly number[];
  readonly outputBias: number;
  /** The score from which a sentence counts as positive unless a rule sets its own threshold. */
  readonly threshold: number;
}

/** One network: features in, probability out. */
export class TextModel {
  readonly threshold: number;
  private readonly inputWeights: Float32Array;
  private readonly hiddenBias: Float32Array;
  private readonly outputWeights: Float32Array;
  private readonly outputBias: number;
  private readonly activations: Float32Array;

  constructor(weights: TextModelWeights) {
    if (weights.buckets !== FEATURE_BUCKETS) throw new Error(`Text model expects ${weights.buckets} feature buckets; the featuriser makes ${FEATURE_BUCKETS}`);
    const hidden = weights.hidden;
    const quantised = Int8Array.from(atob(weights.inputWeights), (char) => (char.charCodeAt(0) << 24) >> 24);
    this.inputWeights = new Float32Array(quantised.length);
    for (let i = 0; i < quantised.length; i++) this.inputWeights[i] = quantised[i]! * weights.inputScales[i % hidden]!;
    this.hiddenBias = Float32Array.from(weights.hiddenBias);
    this.outputWeights = Float32Array.from(weights.outputWeights);
    this.outputBias = weights.outputBias;
    this.activations = new Float32Array(hidden);
    this.threshold = weights.threshold;
  }

  score(features: TextFeatures): number {
    const hidden = this.activations.length;
    this.activations.set(this.hiddenBias);
    for (let k = 0; k < features.length; k++) {
      const row = features.indices[k]! * hidden;
      const value = features.values[k]!;
      for (let h = 0; h < hidden; h++) this.activations[h]! += value * this.inputWeights[row + h]!;
    }
    let logit = this.outputBias;
    for (let h = 0; h < hidden; h++) logit += Math.max(0, this.activations[h]!) * this.outputWeights[h]!;
    return 1 / (1 + Math.exp(-logit));
  }
}

/** A sentence of a draft (UTF-16 offsets, trimmed) with both models' scores, 0 to 1. */
export interface SentenceScores {
  readonly start: number;
  readonly end: number;
  readonly work: number;
  readonly hostile: number;
}

/** Both models and the featuriser they share; what the engine is given to score drafts with. */
export class TextModels {
  readonly work: TextModel;
  readonly hostile: TextModel;
  private readonly featuriser = new TextFeaturiser();

  constructor(work: TextModelWeights, hostile: TextModelWeights) {
    this.work = new TextModel(work);
    this.hostile = new TextModel(hostile);
  }

  scoreSentence(sentence: string): { work: number; hostile: number } {
    const features = this.featuriser.featurise(sentence);
    return { work: this.work.score(features), hostile: this.hostile.score(features) };
  }

  scoreDraft(text: string): SentenceScores[] {
    return splitSentences(text).map(({ start, end }) => ({ start, end, ...this.scoreSentence(text.slice(start, end)) }));
  }
}

// A sentence ends at . ! ? … (with any closing quotes or brackets) before a space, or at a line break.
const SENTENCE_END = /[.!?…]+["'”’»)\]]*(?=\s|$)|\n+/g;

/** The sentences of a draft as trimmed spans; text without sentence ends is one sentence. */
export function splitSentences(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const push = (start: number, end: number) => {
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) spans.push({ start, end });
  };
  let start = 0;
  for (const match of text.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    push(start, end);
    start = end;
  }
  push(start, text.length);
  return spans;
}

/** The models when any of the packs has rules for them; nothing is loaded for packs without. */
export async function textModelsFor(packs: readonly Pack[]): Promise<TextModels | undefined> {
  return packs.some(usesTextModels) ? loadTextModels() : undefined;
}

let loading: Promise<TextModels> | undefined;
/** Loads both models once; the weights are separate chunks, fetched on the first call. */
export function loadTextModels(): Promise<TextModels> {
  loading ??= Promise.all([import('./models/work-talk'), import('./models/hostile-tone')]).then(
    ([work, hostile]) => new TextModels(work.default, hostile.default),
  );
  return loading;
}
