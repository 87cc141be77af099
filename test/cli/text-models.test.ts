import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadTextModels } from '../../src/ml/text-models';
import { compilePack, type Finding } from '../../src/policy/engine';
import { makePack } from '../helpers/packs';

// The command as users run it after `npm ci`: the bin npm linked.
const SERA = join('node_modules', '.bin', 'sera');

function sera(args: string[]) {
  const result = spawnSync(SERA, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'sera-cli-models-'));
function file(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

const models = await loadTextModels();

const RULES = [
  { id: 'views', kind: 'disclaimer', severity: 'warn', message: 'Say that the views are your own.', trigger: ['work'], phrases: ['views are my own'], suggestion: 'Views are my own.' },
  { id: 'respect', kind: 'tone', severity: 'block', message: 'Be respectful.', threshold: 0.9 },
  { id: 'respect-on-x', kind: 'tone', severity: 'block', message: 'Be respectful on X.', threshold: 0.75, sites: ['x.com'] },
];
const EXAMPLES = [
  { text: 'Our team launched the new billing system today.', expect: ['views'] },
  { text: 'Our team launched the new billing system today. Views are my own.', expect: [] },
  { text: 'You are an idiot.', expect: ['respect'] },
  { text: 'Had a great barbecue with the neighbours.', expect: [] },
];

describe('sera pack test and lint with the text models', () => {
  it('runs an admin\'s work-talk and tone examples as the extension checks them: they pass', () => {
    const pack = file('models.yaml', stringify(makePack({ rules: RULES, examples: EXAMPLES })));
    const { code, stdout } = sera(['pack', 'test', pack]);
    expect(stdout).toBe(`${EXAMPLES.length} passed, 0 failed\n`);
    expect(code).toBe(0);
  });

  it('reports a work-talk example that expects nothing as failing', () => {
    const pack = file('failing.yaml', stringify(makePack({ rules: RULES, examples: [{ text: EXAMPLES[0]!.text, expect: [] }] })));
    const { code, stdout } = sera(['pack', 'test', pack]);
    expect(stdout).toMatch(/example 1 "Our team launched the new billing system today\.": expected nothing, found views/);
    expect(code).toBe(1);
  });

  it('lint warns about an approved post the work-talk model would flag', () => {
    const pack = file('share.yaml', stringify(makePack({ rules: RULES, share: [{ id: 'launch', text: { en: EXAMPLES[0]!.text } }] })));
    const { code, stdout } = sera(['pack', 'lint', pack]);
    expect(stdout).toMatch(/share\[0\]\.text\.en: the approved post itself is flagged by rule "views"/);
    expect(code).toBe(0);
  });
});

describe('sera check applies both models as the extension does', () => {
  const pack = makePack({ rules: RULES });
  const packFile = file('check.json', JSON.stringify(pack));
  const compiled = compilePack(pack);
  const drafts = [
    { id: 1, text: 'Lovely weekend. Our team launched the new billing system today.' },
    { id: 2, text: 'The vendor is a joke. You are an idiot.', site: 'x.com' },
    { id: 3, text: 'The vendor is a joke. You are an idiot.', site: 'linkedin.com' },
    { id: 4, text: 'Our pay has been frozen for three years and management ignores the safety reports.' },
    { id: 5, text: 'Tiimimme julkaisi tänään uuden kassajärjestelmän.' },
  ];
  const input = file('drafts.jsonl', drafts.map((draft) => JSON.stringify(draft)).join('\n'));
  const AT = '2026-12-03T12:00:00Z';

  it('finds what the background\'s check finds, with the same thresholds', () => {
    const { stdout } = sera(['check', '--pack', packFile, '--input', input, '--at', AT, '--json']);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: number; findings: Finding[] });
    expect(lines.map((line) => line.id)).toEqual(drafts.map((draft) => draft.id));
    lines.forEach((line, index) => {
      const draft = drafts[index]!;
      expect(line.findings, draft.text).toEqual(compiled.check(draft.text, { at: AT, ...(draft.site ? { site: draft.site } : {}), textModels: models }));
    });
    // The models are in play: the work sentence and the insults are flagged, per site threshold.
    expect(lines.flatMap((line) => line.findings.map((finding) => `${line.id}:${finding.ruleId}`))).toEqual(expect.arrayContaining(['1:views', '2:respect-on-x', '3:respect']));
  });

  it('--explain gives each sentence\'s scores and the rules whose threshold it reaches', () => {
    const draft = drafts[1]!;
    const { stdout } = sera(['check', '--pack', packFile, '--site', 'x.com', '--at', AT, '--explain', '--json', draft.text]);
    const { sentences } = JSON.parse(stdout) as { sentences: { text: string; work: number; hostile: number; reaches: string[] }[] };
    const scored = models.scoreDraft(draft.text);
    expect(sentences.map((sentence) => sentence.text)).toEqual(scored.map(({ start, end }) => draft.text.slice(start, end)));
    sentences.forEach((sentence, index) => {
      expect(sentence.work).toBeCloseTo(scored[index]!.work, 6);
      expect(sentence.hostile).toBeCloseTo(scored[index]!.hostile, 6);
      const reached = compiled.modelRules(models, { site: 'x.com', at: AT }).filter((rule) => (rule.model === 'work' ? sentence.work : sentence.hostile) >= rule.threshold);
      expect(sentence.reaches).toEqual(reached.map((rule) => rule.ruleId));
    });
  });
});
