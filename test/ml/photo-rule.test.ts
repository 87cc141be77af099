import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packJsonSchema } from '../../src/packs/json-schema';
import { lintPack } from '../../src/packs/lint';
import { formatIssue, parsePack } from '../../src/packs/parse';
import { photoCheckSettings } from '../../src/ml/settings';
import { compilePack } from '../../src/policy/engine';
import { makePack, termsRule } from '../helpers/packs';

const photoRule = (fields: Record<string, unknown> = {}) => ({ id: 'photos', kind: 'photo', severity: 'warn', message: 'Photos show more than you think.', checks: ['text', 'people', 'screens'], ...fields });

describe('photo rules in packs', () => {
  it('parse with checks and severities per check', () => {
    const pack = makePack({ rules: [termsRule(['Project Phoenix']), photoRule({ severities: { people: 'info' } })] });
    expect(pack.rules[1]).toMatchObject({ kind: 'photo', checks: ['text', 'people', 'screens'], severities: { people: 'info' } });
  });

  it('reject unknown checks and severities for the text check', () => {
    const errors = (rule: object) => {
      const result = parsePack({ schemaVersion: 1, id: 'p', name: 'P', serial: 1, revised: '2026-11-01', organization: { names: ['Acme'] }, rules: [rule] });
      return result.ok ? [] : result.errors.map(formatIssue);
    };
    expect(errors(photoRule({ checks: ['faces'] })).join('\n')).toMatch(/rules\[0\]\.checks\[0\].*must be one of text, people, screens/);
    expect(errors(photoRule({ checks: [] })).join('\n')).toMatch(/must list at least one of text, people, screens/);
    expect(errors(photoRule({ severities: { text: 'block' } })).join('\n')).toMatch(/rules\[0\]\.severities: unknown field "text"/);
  });

  it('leave packs without photo rules valid, and the engine ignores photo rules in drafts', () => {
    const demo = parsePack(JSON.parse(readFileSync(new URL('../../assets/demo-pack.json', import.meta.url), 'utf8')));
    expect(demo.ok).toBe(true);
    const compiled = compilePack(makePack({ rules: [termsRule(['Project Phoenix']), photoRule()] }));
    expect(compiled.check('Project Phoenix and a photo').map((finding) => finding.ruleId)).toEqual(['terms']);
  });

  it('lint warns when the text check has no rule to run', () => {
    const warnings = lintPack(makePack({ rules: [photoRule()] }), new Date('2026-11-21T12:00:00Z')).map(formatIssue);
    expect(warnings.join('\n')).toMatch(/rules\[0\]\.checks: the text check runs the pack's other rules/);
    expect(lintPack(makePack({ rules: [termsRule(['Project Phoenix']), photoRule()] }), new Date('2026-11-21T12:00:00Z'))).toEqual([]);
  });

  it('appear in the generated JSON Schema', () => {
    expect(JSON.stringify(packJsonSchema())).toContain('"photo"');
  });

  it('combine into the settings the photo checks run with', () => {
    const strict = makePack({ rules: [photoRule({ checks: ['screens'], severity: 'block' })] });
    const mild = makePack({ id: 'mild', rules: [termsRule(['Tern']), photoRule({ severities: { people: 'info' } })] });
    const settings = photoCheckSettings([strict, mild])!;
    expect([...settings.checks].sort()).toEqual(['people', 'screens', 'text']);
    expect(settings.severity).toEqual({ people: 'info', screens: 'block' });
    expect(photoCheckSettings([makePack({ rules: [termsRule(['Tern'])] })])).toBeUndefined();
    expect(photoCheckSettings([makePack({ rules: [photoRule({ sites: ['x.com'] })] })], 'linkedin.com')).toBeUndefined();
  });
});
