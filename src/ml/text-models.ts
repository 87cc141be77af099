/**
 * The work-talk and hostile-tone models (issue #12): logistic regressions over hashed n-gram and
 * cue-group features (text-features.ts), trained by scripts/train-text-models.ts on data/text/.
 * Scoring a sentence is one multiply-add per feature. The weights load on first use
 * (`loadTextModels`), in the background or the CLI, never in a content script.
 */
import { FEATURE_BUCKETS, TextFeaturiser, type TextFeatures } from './text-features';
import type { Pack } from '../packs/schema';
import { usesTextModels } from '../policy/engine';

/** A trained model as the training script writes it (src/ml/models/*.ts). */
export interface TextModelWeights {
  readonly buckets: number;
  /** One int8 weight per feature bucket, base64; each is multiplied by `scale`. */
  readonly weights: string;
  readonly scale: number;
  readonly bias: number;
  /** The score from which a sentence counts as positive unless a rule sets its own threshold. */
  readonly threshold: number;
}

/** One model: features in, probability out. */
export class TextModel {
  readonly threshold: number;
  private readonly weights: Float32Array;
  private readonly bias: number;

  constructor(weights: TextModelWeights) {
    if (weights.buckets !== FEATURE_BUCKETS) throw new Error(`Text model expects ${weights.buckets} feature buckets; the featuriser makes ${FEATURE_BUCKETS}`);
    const quantised = atob(weights.weights);
    this.weights = Float32Array.from(quantised, (char) => ((char.charCodeAt(0) << 24) >> 24) * weights.scale);
    this.bias = weights.bias;
    this.threshold = weights.threshold;
  }

  score(features: TextFeatures): number {
    let logit = this.bias;
    for (let k = 0; k < features.length; k++) logit += features.values[k]! * this.weights[features.indices[k]!]!;
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

/** Sentences whose scores are kept: a draft's sentences, many times over. */
const REMEMBERED_SENTENCES = 512;

/** Both models and the featuriser they share; what the engine is given to score drafts with. */
export class TextModels {
  readonly work: TextModel;
  readonly hostile: TextModel;
  private readonly featuriser = new TextFeaturiser();
  // A draft is checked on every keystroke, and a keystroke changes one sentence: the others' scores
  // come from here (least recently used first out).
  private readonly remembered = new Map<string, { readonly work: number; readonly hostile: number }>();

  constructor(work: TextModelWeights, hostile: TextModelWeights) {
    this.work = new TextModel(work);
    this.hostile = new TextModel(hostile);
  }

  scoreSentence(sentence: string): { readonly work: number; readonly hostile: number } {
    let scores = this.remembered.get(sentence);
    if (scores) this.remembered.delete(sentence);
    else {
      const features = this.featuriser.featurise(sentence);
      scores = { work: this.work.score(features), hostile: this.hostile.score(features) };
      if (this.remembered.size === REMEMBERED_SENTENCES) this.remembered.delete(this.remembered.keys().next().value!);
    }
    this.remembered.set(sentence, scores);
    return scores;
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
