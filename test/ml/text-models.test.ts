import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../scripts/eval-text-models';
import hostileWeights from '../../src/ml/models/hostile-tone';
import workWeights from '../../src/ml/models/work-talk';
import { CUE_GROUPS, CueLexicon, type CueGroup } from '../../src/ml/text-cues';
import { TextFeaturiser } from '../../src/ml/text-features';
import { splitSentences, TextModels } from '../../src/ml/text-models';
import { TEXT_LANGUAGES } from '../../src/ml/text-truth';
import { PROTECTED_SENTENCES } from '../../src/policy/protected-speech';
import { MIN_TONE_THRESHOLD, packSchema, type Pack } from '../../src/packs/schema';
import { compilePack, WORK_TALK_MESSAGE } from '../../src/policy/engine';

const models = new TextModels(workWeights, hostileWeights);

describe('text models on the held-out split (floors measured by npm run eval, docs/eval/text-models.md)', () => {
  const { tasks } = evaluate();

  // Measured: work F1 en 0.876, fi 0.870, sw 0.857 (the issue asks 0.85); hostile precision en 0.903,
  // fi 0.926, sw 1.000 (the issue asks 0.9), recall en 0.800, fi 0.862, sw 0.769.
  const WORK_F1_FLOOR = { en: 0.87, fi: 0.865, sw: 0.85 };
  const HOSTILE_PRECISION_FLOOR = { en: 0.9, fi: 0.92, sw: 0.95 };
  const HOSTILE_RECALL_FLOOR = { en: 0.79, fi: 0.85, sw: 0.76 };

  it.each(TEXT_LANGUAGES)('work talk in %s: F1 at the default threshold, and above the keyword baseline', (language) => {
    expect(tasks.work.model[language].f1).toBeGreaterThanOrEqual(WORK_F1_FLOOR[language]);
    expect(tasks.work.model[language].f1).toBeGreaterThan(tasks.work.baseline[language].f1);
  });

  it.each(TEXT_LANGUAGES)('hostile tone in %s: precision and recall at the default threshold', (language) => {
    expect(tasks.hostile.model[language].precision).toBeGreaterThanOrEqual(HOSTILE_PRECISION_FLOOR[language]);
    expect(tasks.hostile.model[language].recall).toBeGreaterThanOrEqual(HOSTILE_RECALL_FLOOR[language]);
  });

  it('flags no protected complaint (pay, hours, safety, management, unions) as hostile', () => {
    expect(tasks.hostile.flaggedByCategory['protected']).toEqual({ flagged: 0, of: expect.any(Number) });
    const flagged = PROTECTED_SENTENCES.filter((sentence) => models.scoreSentence(sentence).hostile >= MIN_TONE_THRESHOLD);
    expect(flagged).toEqual([]);
  });
});

describe('text models', () => {
  it('keeps each model under 300 KB', () => {
    for (const file of ['work-talk', 'hostile-tone']) expect(statSync(new URL(`../../src/ml/models/${file}.ts`, import.meta.url)).size).toBeLessThan(300 * 1024);
  });

  it('reads disguised words as the words they spell', () => {
    const featuriser = new TextFeaturiser();
    const features = (text: string) => {
      const { indices, values, length } = featuriser.featurise(text);
      return [...indices.subarray(0, length)].map((index, k) => [index, values[k]!.toFixed(6)]).sort(([a], [b]) => Number(a) - Number(b));
    };
    const plain = features('you are an idiot');
    for (const disguised of ['You are an IDIOT', 'you are an 1d10t', 'you are an id\u200Biot', 'you are an ｉｄｉｏｔ', 'you are an іdіоt', 'you are an i**dio**t']) {
      expect(features(disguised), disguised).toEqual(plain);
    }
  });

  it('puts words in the cue groups whose life they tell of, in each language and inflected', () => {
    const lexicon = new CueLexicon();
    const groups = (word: string) => CUE_GROUPS.filter((_, bit) => lexicon.groupsOf(word) & (1 << bit));
    const expected: [string, CueGroup[]][] = [
      ['our', ['self']], ['coworkers', ['work']], ['sister', ['other']], ['league', ['sport']],
      // Finnish: cases, possessive suffixes and compound heads; training a colleague is work, school is home.
      ['tiimimme', ['self', 'work']], ['firmassani', ['self', 'work']], ['myyntitiimi', ['work']], ['yovuorossa', ['work']],
      ['koulutin', ['work']], ['koulussa', ['home']], ['mieheni', ['other']],
      // Swahili: possessives and verb prefixes mark the writer; verbs carry their stem inside.
      ['yetu', ['self']], ['wenzangu', ['self']], ['tumezindua', ['self', 'work']], ['netiboli', ['sport']], ['dada', ['other']],
      ['weather', []], ['hali', []],
    ];
    for (const [word, inGroups] of expected) expect(groups(word), word).toEqual(inGroups);
  });

  it('gives every sentence the scores a fresh model gives it, also after it was remembered or forgotten', () => {
    const fresh = () => new TextModels(workWeights, hostileWeights);
    const sentences = Array.from({ length: 600 }, (_, n) => `My team shipped release ${n} and my coworker is a useless idiot number ${n % 7}.`);
    const scored = sentences.map((sentence) => models.scoreSentence(sentence));
    // Past the remembered sentences, the first ones are scored again; the last ones come from memory.
    for (const index of [0, 1, 300, 598, 599]) {
      expect(models.scoreSentence(sentences[index]!)).toEqual(fresh().scoreSentence(sentences[index]!));
      expect(scored[index]).toEqual(fresh().scoreSentence(sentences[index]!));
    }
    expect(new Set(scored.map(({ work, hostile }) => `${work} ${hostile}`)).size).toBeGreaterThan(1);
  });

  it('splits a draft into trimmed sentences', () => {
    const text = 'Big day! My team shipped the checkout.\nMore soon… “Really?” yes';
    expect(splitSentences(text).map(({ start, end }) => text.slice(start, end))).toEqual(['Big day!', 'My team shipped the checkout.', 'More soon…', '“Really?”', 'yes']);
  });
});

describe('work trigger and tone rules in the engine', () => {
  const pack: Pack = packSchema.parse({
    schemaVersion: 1,
    id: 'text-models',
    name: 'Text models',
    serial: 1,
    revised: '2026-12-01',
    organization: { names: ['Acme'] },
    rules: [
      { id: 'views', kind: 'disclaimer', severity: 'warn', message: 'Say the views are your own.', trigger: ['organization', 'work'], phrases: ['views are my own'], suggestion: 'Views are my own.' },
      { id: 'respect', kind: 'tone', severity: 'block', message: 'Insults about people break §2 Respect.', threshold: 0.8 },
    ],
  });
  const compiled = compilePack(pack);

  it('flags the sentence about work with the reason, and the fix appends the disclaimer', () => {
    const text = 'Lovely weekend. My team just shipped the new checkout and I could not be prouder.';
    const [finding] = compiled.check(text, { textModels: models });
    expect(finding).toMatchObject({ ruleId: 'views', match: 'My team just shipped the new checkout and I could not be prouder.', message: WORK_TALK_MESSAGE });
    expect(finding!.score).toBeGreaterThanOrEqual(workWeights.threshold);
    expect(finding!.fix.replacement).toBe(' Views are my own.');
    expect(compiled.check(`${text} Views are my own.`, { textModels: models })).toEqual([]);
  });

  it('flags hostile sentences and leaves protected complaints alone', () => {
    const findings = compiled.check('Our pay has been frozen for three years and management ignores the safety reports. My coworker is a useless fat idiot.', { textModels: models });
    expect(findings.filter((finding) => finding.ruleId === 'respect').map((finding) => finding.match)).toEqual(['My coworker is a useless fat idiot.']);
  });

  it('finds nothing with the models until they are loaded', () => {
    expect(compiled.usesTextModels).toBe(true);
    expect(compiled.check('My coworker is a useless fat idiot.')).toEqual([]);
  });
});
