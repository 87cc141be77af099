import { loadTextModels } from '../../src/ml/text-models';
import { compilePack } from '../../src/policy/engine';
import { packSchema } from '../../src/packs/schema';
import { readTruth } from '../../scripts/text-truth-files';
import { seededRandom, timeCalls, type Timing } from './stats';

/**
 * The work-talk and hostile-tone models (#12): load time, time per sentence, and checks of 280 and
 * 5,000 characters of mixed English, Finnish and Swahili sentences with a pack that uses both models,
 * with the models and without them (the same pack, its work trigger and tone rule then finding nothing).
 * Every sentence of these drafts is new to the models (none is in their memory of scored sentences,
 * but for the 280-character drafts the warm-up also checked first): the cost of a pasted draft. Typing is measured apart: a 5,000-character draft checked after each
 * of 500 keystrokes at its end, where the models score the changed sentence only.
 */
export interface TextModelBench {
  readonly loadMs: number;
  readonly sentenceMicroseconds: number;
  readonly withModels280: Timing;
  readonly withModels5000: Timing;
  readonly withoutModels280: Timing;
  readonly withoutModels5000: Timing;
  readonly typing5000: Timing;
}

const ITERATIONS = 500;

export async function benchTextModels(log: (line: string) => void): Promise<TextModelBench> {
  const loadStarted = performance.now();
  const textModels = await loadTextModels();
  const loadMs = performance.now() - loadStarted;

  const random = seededRandom(12);
  const sentences = readTruth().map((sentence) => sentence.text);
  // A stream of distinct sentence texts (the sentences shuffled, then in upper and in lower case: the
  // same features, other texts), cut into drafts: a text comes back only thousands of sentences
  // later, long after the models have forgotten it.
  const shuffled = [...sentences];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const stream = [...shuffled, ...shuffled.map((s) => s.toUpperCase()), ...shuffled.map((s) => s.toLowerCase())];
  let next = 0;
  const draft = (length: number) => {
    let text = '';
    while (text.length < length) text += `${stream[next++ % stream.length]} `;
    return text.slice(0, length);
  };
  const drafts280 = Array.from({ length: ITERATIONS }, () => draft(280));
  const drafts5000 = Array.from({ length: Math.floor(stream.length / 70) }, () => draft(5_000));
  const typed = draft(5_000);
  const keystrokes = Array.from({ length: ITERATIONS }, (_, n) => typed.slice(0, typed.length - ITERATIONS + n + 1));

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
    typing5000: timeCalls(keystrokes, ITERATIONS, (text) => compiled.check(text, { textModels })),
  };
  const ms = (t: Timing) => `median ${t.median.toFixed(3)} ms, p99 ${t.p99.toFixed(3)} ms`;
  log(`text models: load ${loadMs.toFixed(1)} ms, ${result.sentenceMicroseconds.toFixed(0)} µs per sentence (median)`);
  log(`  check 280 chars, models on:    ${ms(result.withModels280)}`);
  log(`  check 280 chars, models off:   ${ms(result.withoutModels280)}`);
  log(`  check 5,000 chars, models on:  ${ms(result.withModels5000)}`);
  log(`  check 5,000 chars, models off: ${ms(result.withoutModels5000)}`);
  log(`  typing at the end of 5,000 chars, models on: ${ms(result.typing5000)}`);
  return result;
}
