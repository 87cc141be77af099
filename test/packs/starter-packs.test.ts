import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runExamples } from '../../src/packs/examples';
import { lintPack } from '../../src/packs/lint';
import { parsePack } from '../../src/packs/parse';
import { compilePack } from '../../src/policy/engine';

const STARTERS = readdirSync('assets/packs').filter((file) => file.endsWith('.json'));

describe('industry starter packs', () => {
  it('ship healthcare, education and financial services', () => {
    expect(STARTERS.sort()).toEqual(['education.json', 'financial-services.json', 'healthcare.json']);
  });

  it.each(STARTERS)('%s is valid, passes its own examples and draws no lint warning', async (file) => {
    const parsed = parsePack(JSON.parse(readFileSync(`assets/packs/${file}`, 'utf8')));
    if (!parsed.ok) throw new Error(parsed.errors.map((error) => `${error.path}: ${error.message}`).join('\n'));
    const failed = (await runExamples(compilePack(parsed.pack))).filter((result) => !result.passed);
    expect(failed.map((result) => `${result.example.text} -> ${result.found.join(',')}`)).toEqual([]);
    expect(lintPack(parsed.pack, new Date('2026-12-03T00:00:00Z'))).toEqual([]);
  });
});
