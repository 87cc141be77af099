import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import { FIXTURES } from './evaluate';

const PACK = new URL('../../assets/demo-pack.json', import.meta.url).pathname;

async function sera(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: (async function* () {})(),
    env: {},
  });
  return { code, stdout, stderr };
}

describe('sera scan', () => {
  it('prints text, people and screen findings, and fails on a block finding', { timeout: 120_000 }, async () => {
    const { code, stdout, stderr } = await sera('scan', join(FIXTURES, 'text-en-document.png'), join(FIXTURES, 'faces-collage.jpg'), '--pack', PACK);
    expect(stdout).toContain("block In the photo text-en-document.png: 'Project Phoenix' (confidential-codenames)");
    expect(stdout).toContain('info  2 people in the photo faces-collage.jpg: do they agree to it being posted?');
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });

  it('prints one JSON object per photo with --json', { timeout: 120_000 }, async () => {
    const { code, stdout } = await sera('scan', join(FIXTURES, 'landscape-road.jpg'), '--pack', PACK, '--json');
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ file: join(FIXTURES, 'landscape-road.jpg'), findings: [], faces: 0, screens: [], unfinished: [] });
    expect(code).toBe(0);
  });

  it('runs only the checks the pack names, and every check for a pack without photo rules', { timeout: 120_000 }, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sera-scan-'));
    const withoutPhotoRules = JSON.parse(readFileSync(PACK, 'utf8'));
    withoutPhotoRules.rules = withoutPhotoRules.rules.filter((rule: { kind: string }) => rule.kind !== 'photo');
    writeFileSync(join(folder, 'text-only.json'), JSON.stringify(withoutPhotoRules));
    const peopleOnly = { ...withoutPhotoRules, rules: [...withoutPhotoRules.rules, { id: 'photo-people', kind: 'photo', severity: 'warn', message: 'Ask first.', checks: ['people'] }] };
    writeFileSync(join(folder, 'people.json'), JSON.stringify(peopleOnly));
    const everything = await sera('scan', join(FIXTURES, 'text-en-document.png'), '--pack', join(folder, 'text-only.json'));
    expect(everything.stderr).toContain('has no photo rule; running every check');
    const { stdout } = await sera('scan', join(FIXTURES, 'text-en-document.png'), join(FIXTURES, 'face-portrait.jpg'), '--pack', join(folder, 'people.json'), '--json');
    rmSync(folder, { recursive: true });
    const [text, face] = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(text.findings).toEqual([]);
    expect(text.text).toBe('');
    expect(face.findings).toMatchObject([{ check: 'people', severity: 'warn' }]);
  });

  it('refuses formats it cannot decode', async () => {
    const { code, stderr } = await sera('scan', PACK, '--pack', PACK);
    expect(stderr).toMatch(/cannot decode .*demo-pack\.json: sera scan reads JPEG and PNG/);
    expect(code).toBe(2);
  });
});
