import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadTextModels } from '../../src/ml/text-models';
import { checkWithPacks, explainWithPacks } from '../../src/packs/active';
import { runExamples } from '../../src/packs/examples';
import { lintPack } from '../../src/packs/lint';
import { compilePack, WORK_TALK_MESSAGE } from '../../src/policy/engine';
import { PROTECTED_SENTENCES } from '../../src/policy/protected-speech';
import { makePack } from '../helpers/packs';

const models = await loadTextModels();

const VIEWS = {
  id: 'views',
  kind: 'disclaimer',
  severity: 'block',
  message: 'Say that the views are your own.',
  trigger: ['work'],
  phrases: ['views are my own', 'mielipiteet ovat omiani', 'maoni ni yangu binafsi'],
  suggestion: 'Views are my own.',
  suggestions: { fi: 'Mielipiteet ovat omiani.', sw: 'Maoni ni yangu binafsi.' },
};
const RESPECT = { id: 'respect', kind: 'tone', severity: 'warn', message: 'Be respectful.', threshold: 0.9 };

const WORK_EN = 'Our team launched the new billing system today.';
const WORK_EN_LATER = 'Tomorrow I will present our quarterly results to the leadership team.';
const WORK_FI = 'Tiimimme julkaisi tänään uuden kassajärjestelmän.';
const WORK_SW = 'Timu yetu imezindua mfumo mpya wa malipo leo.';

describe('work-talk findings', () => {
  const compiled = compilePack(makePack({ rules: [VIEWS, RESPECT] }));

  it.each([
    ['en', WORK_EN, ' Views are my own.'],
    ['fi', WORK_FI, ' Mielipiteet ovat omiani.'],
    ['sw', WORK_SW, ' Maoni ni yangu binafsi.'],
  ])('say the draft is %s, so the card can explain it in that language, and fix it in that language', (language, text, fix) => {
    const [finding] = compiled.check(text, { textModels: models });
    expect(finding).toMatchObject({ ruleId: 'views', match: text, workTalk: { language }, fix: { replacement: fix } });
  });

  it('are not work talk when a name triggered the disclaimer', () => {
    const named = compilePack(makePack({ rules: [{ ...VIEWS, trigger: ['organization', 'work'] }] }));
    const [finding] = named.check('Lovely weekend at Acme.', { textModels: models });
    expect(finding).toMatchObject({ match: 'Acme', message: VIEWS.message });
    expect(finding!.workTalk).toBeUndefined();
  });

  it('pass over a sentence the person said is not about work; a later work sentence is flagged instead', () => {
    const text = `${WORK_EN} ${WORK_EN_LATER}`;
    const first = compiled.check(text, { textModels: models });
    expect(first.map((finding) => finding.match)).toEqual([WORK_EN]);
    const dismissed = compiled.check(text, { textModels: models, notAboutWork: [first[0]!.start] });
    expect(dismissed.map((finding) => finding.match)).toEqual([WORK_EN_LATER]);
    expect(compiled.check(WORK_EN, { textModels: models, notAboutWork: [0] })).toEqual([]);
  });

  it('explain themselves in English in the engine (the CLI), the same words as the English locale file', () => {
    const english = parse(readFileSync('locales/en.yml', 'utf8')) as { card: { workTalk: string } };
    expect(english.card.workTalk).toBe(WORK_TALK_MESSAGE);
    expect(compiled.check(WORK_EN, { textModels: models })[0]!.message).toBe(WORK_TALK_MESSAGE);
  });
});

describe('model rules and their thresholds', () => {
  const pack = makePack({ rules: [VIEWS, RESPECT, { ...RESPECT, id: 'respect-on-x', threshold: 0.75, sites: ['x.com'] }] });
  const compiled = compilePack(pack);
  const drafts = [
    `${WORK_EN} You are an idiot.`,
    'My coworker is a useless fat idiot. Lovely weekend at the lake.',
    'Our pay has been frozen for three years and management ignores the safety reports.',
    `${WORK_FI} Olet täysi idiootti.`,
    'The cat sat on the mat. The vendor is a joke.',
  ];

  it('are those check applies: a sentence is flagged exactly when its score reaches a rule in force', () => {
    for (const site of ['x.com', 'linkedin.com']) {
      const rules = compiled.modelRules(models, { site });
      expect(rules.map((rule) => rule.ruleId)).toEqual(site === 'x.com' ? ['views', 'respect', 'respect-on-x'] : ['views', 'respect']);
      expect(rules.find((rule) => rule.ruleId === 'views')!.threshold).toBe(models.work.threshold);
      for (const text of drafts) {
        const findings = compiled.check(text, { site, textModels: models });
        for (const rule of rules.filter((candidate) => candidate.model === 'hostile')) {
          const expected = models.scoreDraft(text).filter((sentence) => sentence.hostile >= rule.threshold).map(({ start, end }) => text.slice(start, end));
          expect(findings.filter((finding) => finding.ruleId === rule.ruleId).map((finding) => finding.match), `${rule.ruleId} on ${site}: ${text}`).toEqual(expected);
        }
        const firstWork = compiled.talksAboutProtectedTopics(text) ? undefined : models.scoreDraft(text).find((sentence) => sentence.work >= models.work.threshold);
        expect(findings.find((finding) => finding.ruleId === 'views')?.match, text).toBe(firstWork && text.slice(firstWork.start, firstWork.end));
      }
    }
  });

  it('explain the playground: every sentence with its scores, and the rules in force with their pack', () => {
    const text = drafts[0]!;
    const explanation = explainWithPacks([{ compiled, demo: false }], text, models, { site: 'linkedin.com' });
    expect(explanation.sentences).toEqual(models.scoreDraft(text));
    expect(explanation.rules).toEqual([
      { ruleId: 'views', model: 'work', threshold: models.work.threshold, packName: pack.name },
      { ruleId: 'respect', model: 'hostile', threshold: 0.9, packName: pack.name },
    ]);
    expect(explanation.protectedTalk).toBe(false);
    expect(explainWithPacks([{ compiled, demo: false }], drafts[2]!, models, { site: 'linkedin.com' }).protectedTalk).toBe(true);
    // The playground's findings come from the same check.
    expect(checkWithPacks([{ compiled, demo: false }], text, { site: 'linkedin.com', textModels: models }).findings.map((finding) => finding.ruleId)).toEqual(['views', 'respect']);
  });
});

describe('pack examples and lint with the text models', () => {
  const examples = [
    { text: `Lovely weekend. ${WORK_EN}`, expect: ['views'] },
    { text: `${WORK_FI} Mielipiteet ovat omiani.`, expect: [] },
    { text: 'My coworker is a useless fat idiot.', expect: ['respect', 'views'] },
    { text: 'Had a great barbecue with the neighbours.', expect: [] },
  ];

  it('an admin\'s work-talk and tone examples pass, checked as the extension checks', async () => {
    const results = await runExamples(compilePack(makePack({ rules: [VIEWS, RESPECT], examples })));
    expect(results.map((result) => [result.example.text, result.found])).toEqual(examples.map((example) => [example.text, [...example.expect].sort()]));
    expect(results.every((result) => result.passed)).toBe(true);
  });

  it('an example that expects the wrong thing still fails', async () => {
    const [result] = await runExamples(compilePack(makePack({ rules: [VIEWS], examples: [{ text: WORK_EN, expect: [] }] })));
    expect(result).toMatchObject({ passed: false, found: ['views'] });
  });

  it('lint checks approved posts with the models: one that talks about work without the disclaimer is flagged', () => {
    const share = [
      { id: 'launch', text: { en: WORK_EN } },
      { id: 'launch-disclosed', text: { en: `${WORK_EN} Views are my own.` } },
    ];
    const pack = makePack({ rules: [VIEWS], share });
    const issues = lintPack(pack, new Date('2026-12-03T00:00:00Z'), models).filter((issue) => issue.path.startsWith('share'));
    expect(issues.map((issue) => issue.path)).toEqual(['share[0].text.en']);
    expect(issues[0]!.message).toContain('rule "views"');
    expect(() => lintPack(pack)).toThrow(/text models/);
  });
});

describe('protected speech and the work trigger', () => {
  const compiled = compilePack(makePack({ rules: [VIEWS] }));

  it.each([...PROTECTED_SENTENCES, 'Our pay has been frozen for three years.', 'Our team shipped the release. Also, mandatory overtime again this weekend.'])(
    'asks for no disclaimer on a draft about pay, hours, conditions or organising: %s',
    (text) => {
      expect(compiled.check(text, { textModels: models })).toEqual([]);
    },
  );

  it.each(['Our team shipped new safety features today.', 'We raised our series B today and my team is hiring.', WORK_SW])(
    'still asks on work talk whose words only sound like those topics: %s',
    (text) => {
      expect(compiled.check(text, { textModels: models }).map((finding) => finding.ruleId)).toEqual(['views']);
    },
  );
});
