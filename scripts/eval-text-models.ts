/**
 * Measures the work-talk and hostile-tone models on the held-out part of data/text/ next to the best
 * keyword baseline, and writes docs/eval/text-models.md and .json. `npm run eval`.
 *
 * The baseline is a keyword list per task chosen greedily on the training part (each step adds the
 * word that most raises training F1): the best a list of words does on this data, found the same way
 * for every language.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import hostileWeights from '../src/ml/models/hostile-tone';
import workWeights from '../src/ml/models/work-talk';
import { TextModels } from '../src/ml/text-models';
import { labelOf, TEXT_LANGUAGES, TEXT_TASKS, type LabelledSentence, type TextLanguage, type TextTask } from '../src/ml/text-truth';
import { readTruth, repositoryRoot } from './text-truth-files';

export interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface TaskEvaluation {
  readonly threshold: number;
  readonly model: Record<TextLanguage | 'all', Scores>;
  readonly baseline: Record<TextLanguage | 'all', Scores>;
  readonly baselineKeywords: readonly string[];
  /** Predicted positives per category (held out), so that a flagged protected complaint shows. */
  readonly flaggedByCategory: Record<string, { flagged: number; of: number }>;
  readonly worstErrors: readonly { language: TextLanguage; category: string; text: string; score: number; expected: boolean }[];
}

export interface Evaluation {
  readonly heldOut: Record<TextLanguage, number>;
  readonly training: number;
  readonly tasks: Record<TextTask, TaskEvaluation>;
  readonly sizes: Record<TextTask, number>;
  readonly microsecondsPerSentence: number;
}

function scoresOf(results: readonly { expected: boolean; positive: boolean }[]): Scores {
  const counts: Counts = { truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0 };
  for (const { expected, positive } of results) {
    if (expected && positive) counts.truePositives++;
    else if (positive) counts.falsePositives++;
    else if (expected) counts.falseNegatives++;
    else counts.trueNegatives++;
  }
  const precision = counts.truePositives / (counts.truePositives + counts.falsePositives || 1);
  const recall = counts.truePositives / (counts.truePositives + counts.falseNegatives || 1);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...counts, precision, recall, f1 };
}

function byLanguage(results: readonly { sentence: LabelledSentence; expected: boolean; positive: boolean }[]): Record<TextLanguage | 'all', Scores> {
  const entries = TEXT_LANGUAGES.map((language) => [language, scoresOf(results.filter((r) => r.sentence.language === language))] as const);
  return { ...Object.fromEntries(entries), all: scoresOf(results) } as Record<TextLanguage | 'all', Scores>;
}

const words = (text: string) => new Set(text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(/\p{L}+/gu) ?? []);

/** Greedy forward selection of keywords on the training sentences (each step: the word that most raises F1). */
function keywordBaseline(training: readonly LabelledSentence[], task: TextTask): string[] {
  const expected = training.map((sentence) => labelOf(sentence, task));
  const positives = expected.filter(Boolean).length;
  const postings = new Map<string, number[]>();
  training.forEach((sentence, index) => {
    for (const word of words(sentence.text)) postings.set(word, [...(postings.get(word) ?? []), index]);
  });
  const candidates = [...postings].filter(([, list]) => list.length >= 2).sort(([a], [b]) => a.localeCompare(b));
  const matched = new Array<boolean>(training.length).fill(false);
  const f1 = (truePositives: number, flagged: number) => (flagged + positives === 0 ? 0 : (2 * truePositives) / (flagged + positives));
  const keywords: string[] = [];
  let truePositives = 0;
  let flagged = 0;
  for (;;) {
    let best: { word: string; truePositives: number; flagged: number } | undefined;
    for (const [word, list] of candidates) {
      let gainedTrue = 0;
      let gained = 0;
      for (const index of list) {
        if (matched[index]) continue;
        gained++;
        if (expected[index]) gainedTrue++;
      }
      const score = f1(truePositives + gainedTrue, flagged + gained);
      if (score > f1(best?.truePositives ?? truePositives, best?.flagged ?? flagged) + 1e-9) best = { word, truePositives: truePositives + gainedTrue, flagged: flagged + gained };
    }
    if (!best) return keywords;
    keywords.push(best.word);
    ({ truePositives, flagged } = best);
    for (const index of postings.get(best.word)!) matched[index] = true;
  }
}

export function evaluate(): Evaluation {
  const truth = readTruth();
  const heldOut = truth.filter((sentence) => sentence.heldOut);
  const training = truth.filter((sentence) => !sentence.heldOut);
  const models = new TextModels(workWeights, hostileWeights);
  const started = performance.now();
  const scored = heldOut.map((sentence) => ({ sentence, ...models.scoreSentence(sentence.text) }));
  const microsecondsPerSentence = ((performance.now() - started) * 1000) / heldOut.length;

  const evaluateTask = (task: TextTask): TaskEvaluation => {
    const threshold = models[task].threshold;
    const results = scored.map(({ sentence, [task]: score }) => ({ sentence, score, expected: labelOf(sentence, task), positive: score >= threshold }));
    const baselineKeywords = keywordBaseline(training, task);
    const baselineResults = heldOut.map((sentence) => ({
      sentence,
      expected: labelOf(sentence, task),
      positive: baselineKeywords.some((keyword) => words(sentence.text).has(keyword)),
    }));
    const flaggedByCategory: Record<string, { flagged: number; of: number }> = {};
    for (const { sentence, positive } of results) {
      const entry = (flaggedByCategory[sentence.category] ??= { flagged: 0, of: 0 });
      entry.of++;
      if (positive) entry.flagged++;
    }
    const worstErrors = results
      .filter((r) => r.expected !== r.positive)
      .sort((a, b) => Math.abs(Number(b.expected) - b.score) - Math.abs(Number(a.expected) - a.score))
      .slice(0, 10)
      .map(({ sentence, score, expected }) => ({ language: sentence.language, category: sentence.category, text: sentence.text, score, expected }));
    return { threshold, model: byLanguage(results), baseline: byLanguage(baselineResults), baselineKeywords, flaggedByCategory, worstErrors };
  };

  const sizeOf = (file: string) => statSync(`${repositoryRoot}src/ml/models/${file}.ts`).size;
  return {
    heldOut: Object.fromEntries(TEXT_LANGUAGES.map((language) => [language, heldOut.filter((s) => s.language === language).length])) as Record<TextLanguage, number>,
    training: training.length,
    tasks: { work: evaluateTask('work'), hostile: evaluateTask('hostile') },
    sizes: { work: sizeOf('work-talk'), hostile: sizeOf('hostile-tone') },
    microsecondsPerSentence,
  };
}

const TASK_NAMES: Record<TextTask, string> = { work: 'Work talk', hostile: 'Hostile tone' };
const fixed = (value: number) => value.toFixed(3);

function report(evaluation: Evaluation): string {
  const lines = [
    '# Text models: evaluation on the held-out split',
    '',
    'Written by `npm run eval` (scripts/eval-text-models.ts); the data and the split are described in',
    '`data/text/README.md`. Held-out sentences: ' + TEXT_LANGUAGES.map((l) => `${l} ${evaluation.heldOut[l]}`).join(', ') + `; training sentences: ${evaluation.training}.`,
    `Model sizes (generated modules): work talk ${(evaluation.sizes.work / 1024).toFixed(0)} KB, hostile tone ${(evaluation.sizes.hostile / 1024).toFixed(0)} KB.`,
    `Scoring one sentence with both models (featurise, then both scores): ${evaluation.microsecondsPerSentence.toFixed(0)} µs on average.`,
    '',
  ];
  for (const task of TEXT_TASKS) {
    const result = evaluation.tasks[task];
    lines.push(`## ${TASK_NAMES[task]} (threshold ${result.threshold})`, '');
    lines.push('| language | model P | model R | model F1 | baseline P | baseline R | baseline F1 | TP | FP | FN | TN |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const language of [...TEXT_LANGUAGES, 'all'] as const) {
      const m = result.model[language];
      const b = result.baseline[language];
      lines.push(`| ${language} | ${fixed(m.precision)} | ${fixed(m.recall)} | ${fixed(m.f1)} | ${fixed(b.precision)} | ${fixed(b.recall)} | ${fixed(b.f1)} | ${m.truePositives} | ${m.falsePositives} | ${m.falseNegatives} | ${m.trueNegatives} |`);
    }
    lines.push('', 'TP, FP, FN, TN: the model\'s confusion table (true positives, false positives, false negatives, true negatives).', '');
    lines.push('Flagged held-out sentences by category:', '', '| category | flagged | of |', '| --- | --- | --- |');
    for (const [category, { flagged, of }] of Object.entries(result.flaggedByCategory).sort()) lines.push(`| ${category} | ${flagged} | ${of} |`);
    lines.push('', `Keyword baseline (${result.baselineKeywords.length} words chosen on the training split): ${result.baselineKeywords.map((k) => `\`${k}\``).join(', ')}.`, '');
    lines.push('The 10 worst errors (furthest from the truth):', '', '| language | category | expected | score | sentence |', '| --- | --- | --- | --- | --- |');
    for (const error of result.worstErrors) lines.push(`| ${error.language} | ${error.category} | ${error.expected ? 'yes' : 'no'} | ${fixed(error.score)} | ${error.text.replace(/\|/g, '\\|')} |`);
    lines.push('');
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const evaluation = evaluate();
  mkdirSync(`${repositoryRoot}docs/eval`, { recursive: true });
  writeFileSync(`${repositoryRoot}docs/eval/text-models.json`, `${JSON.stringify(evaluation, null, 2)}\n`);
  writeFileSync(`${repositoryRoot}docs/eval/text-models.md`, report(evaluation));
  console.log(report(evaluation));
}
