import { loadTextModels } from '../../src/ml/text-models';
import { compilePack } from '../../src/policy/engine';
import { packSchema } from '../../src/packs/schema';
import { readTruth } from '../../scripts/text-truth-files';
import { seededRandom, timeCalls, type Timing } from './stats';

/**
 * The work-talk and hostile-tone models (#12): load time, time per sentence, and checks of 280 and
 * 5,000 characters of mixed English, Finnish and Swahili sentences with a pack that uses both models,
 * with the models and without them (the same pack, its work trigger and tone rule then finding nothing).
 */
export interface TextModelBench {
  readonly loadMs: number;
  readonly sentenceMicroseconds: number;
  readonly withModels280: Timing;
  readonly withModels5000: Timing;
  readonly withoutModels280: Timing;
  readonly withoutModels5000: Timing;
}

const ITERATIONS = 500;

export async function benchTextModels(log: (line: string) => void): Promise<TextModelBench> {
  const loadStarted = performance.now();
  const textModels = await loadTextModels();
  const loadMs = performance.now() - loadStarted;

  const random = seededRandom(12);
  const sentences = readTruth().map((sentence) => sentence.text);
  const draft = (length: number) => {
    let text = '';
    while (text.length < length) text += `${sentences[Math.floor(random() * sentences.length)]} `;
    return text.slice(0, length);
  };
  const drafts280 = Array.from({ length: 50 }, () => draft(280));
  const drafts5000 = Array.from({ length: 20 }, () => draft(5_000));

  const compiled = compilePack(packSchema.parse({
    schemaVersion: 1,
    id: 'bench-text-models',
    name: 'Bench: text models',
    serial: 1,
    revised: '2026-12-01',
    organization: { names: ['Acme'] },
    rules: [
      { id: 'views', kind: 'disclaimer', severity: 'warn', message: 'Say the views are your own.', trigger: ['organization', 'work'], phrases: ['views are my own'], suggestion: 'Views are my own.' },
      { id: 'respect', kind: 'tone', severity: 'block', message: 'Be respectful.' },
    ],
  }));
  const sentenceTiming = timeCalls(sentences, sentences.length, (sentence) => textModels.scoreSentence(sentence));
  const result: TextModelBench = {
    loadMs,
    sentenceMicroseconds: sentenceTiming.median * 1000,
    withModels280: timeCalls(drafts280, ITERATIONS, (text) => compiled.check(text, { textModels })),
    withModels5000: timeCalls(drafts5000, ITERATIONS, (text) => compiled.check(text, { textModels })),
    withoutModels280: timeCalls(drafts280, ITERATIONS, (text) => compiled.check(text)),
    withoutModels5000: timeCalls(drafts5000, ITERATIONS, (text) => compiled.check(text)),
  };
  const ms = (t: Timing) => `median ${t.median.toFixed(3)} ms, p99 ${t.p99.toFixed(3)} ms`;
  log(`text models: load ${loadMs.toFixed(1)} ms, ${result.sentenceMicroseconds.toFixed(0)} µs per sentence (median)`);
  log(`  check 280 chars, models on:    ${ms(result.withModels280)}`);
  log(`  check 280 chars, models off:   ${ms(result.withoutModels280)}`);
  log(`  check 5,000 chars, models on:  ${ms(result.withModels5000)}`);
  log(`  check 5,000 chars, models off: ${ms(result.withoutModels5000)}`);
  return result;
}
