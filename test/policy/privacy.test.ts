import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { compilePack } from '../../src/policy/engine';
import { runExamples } from '../../src/packs/examples';
import { lintPack } from '../../src/packs/lint';
import { parsePackJson } from '../../src/packs/parse';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('pure logic', () => {
  const files = [...sourceFiles('src/policy'), ...sourceFiles('src/packs'), ...sourceFiles('src/photos')];

  it.each(files)('%s uses no network, Node-only or browser API', (file) => {
    const source = readFileSync(file, 'utf8');
    expect(source).not.toMatch(/from ['"]node:|require\(/);
    expect(source).not.toMatch(/\b(?:fetch|XMLHttpRequest|WebSocket|sendBeacon|EventSource|document|window|chrome|browser)\s*[.(]/);
  });
});

describe('checking a draft', () => {
  const connect = vi.fn(() => {
    throw new Error('network access during a check');
  });
  beforeAll(() => {
    vi.stubGlobal('fetch', connect);
    vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(connect);
  });
  afterAll(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('opens no connection, even with every rule kind and detector', async () => {
    const parsed = parsePackJson(readFileSync('assets/demo-pack.json', 'utf8'));
    if (!parsed.ok) throw new Error('demo pack invalid');
    const compiled = compilePack(parsed.pack);
    const findings = compiled.check(
      'Nova and Project Phoenix at Acme; mail jane@example.com, +1 415 555 2671, https://wiki.corp.acme.example/x',
    );
    expect(findings.length).toBeGreaterThan(4);
    await runExamples(compiled);
    lintPack(parsed.pack);
    expect(connect).not.toHaveBeenCalled();
  });
});
