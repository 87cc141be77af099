import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromeExtensionId, EXTENSION_PUBLIC_KEY } from '../../src/managed/extension-id';
import { parseManagedSettings } from '../../src/managed/settings';
import { parsePackJson } from '../../src/packs/parse';

// The admin's path through the CLI, as the admin guide tells it, in a scratch directory.
const SERA = join(process.cwd(), 'node_modules', '.bin', 'sera');
const dir = mkdtempSync(join(tmpdir(), 'sera-admin-'));
const sera = (...args: string[]) => {
  const result = spawnSync(SERA, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const CHROME_EXTENSION_ID = await chromeExtensionId(EXTENSION_PUBLIC_KEY);

describe('admin CLI: init, build, keygen, sign, verify, policy', () => {
  it('init writes a commented starter pack that builds into canonical JSON', () => {
    expect(sera('pack', 'init').code).toBe(0);
    expect(read('pack.yaml')).toMatch(/^# yaml-language-server: \$schema=\.\/sera-pack\.schema\.json\n/);
    expect(JSON.parse(read('sera-pack.schema.json')).$schema).toMatch(/json-schema\.org/);
    const built = sera('pack', 'build', 'pack.yaml', '-o', 'pack.json');
    expect(built).toMatchObject({ code: 0, stdout: expect.stringMatching(/wrote pack\.json \(pack example-social-media, serial 1; 5 examples pass, 1 warnings\)/) });
    const parsed = parsePackJson(read('pack.json'));
    expect(parsed.ok).toBe(true);
    expect(Object.keys(JSON.parse(read('pack.json'))).slice(0, 3)).toEqual(['schemaVersion', 'id', 'name']);
    expect(sera('pack', 'init').code).toBe(2);
  });

  it.each(['healthcare', 'education', 'financial-services'])('init --template %s writes an industry pack that builds with its examples passing', (template) => {
    const file = `${template}.yaml`;
    expect(sera('pack', 'init', file, '--template', template).code).toBe(0);
    expect(read(file)).toMatch(/^# yaml-language-server: \$schema=\.\/sera-pack\.schema\.json\n# A starter pack for /);
    expect(sera('pack', 'build', file)).toMatchObject({ code: 0, stdout: expect.stringMatching(/examples pass, 0 warnings/) });
  });

  it('init refuses a template it does not have', () => {
    expect(sera('pack', 'init', 'x.yaml', '--template', 'aerospace')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--template must be one of starter, healthcare, education, financial-services/) });
  });

  it('build names the file, line and column of each problem and writes nothing', () => {
    writeFileSync(join(dir, 'broken.yaml'), read('pack.yaml').replace('severity: block', 'severity: fatal').replace('expect: [no-codenames]', 'expect: []'));
    const result = sera('pack', 'build', 'broken.yaml', '-o', 'broken.json');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^broken\.yaml:33:15: error: rules\[0\]\.severity: must be "info", "warn" or "block".*\nsera: invalid pack broken\.yaml: 1 error\n$/);
    expect(() => statSync(join(dir, 'broken.json'))).toThrow();
    writeFileSync(join(dir, 'failing.yaml'), read('pack.yaml').replace('expect: [no-codenames]', 'expect: []'));
    const failing = sera('pack', 'build', 'failing.yaml');
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^failing\.yaml:\d+:5: error: example 1 "Excited about Nightjar!": expected nothing, found no-codenames$/m);
    expect(failing.stderr).toBe('sera: failing.yaml: 1 failing example; nothing written\n');
  });

  it('keygen, sign and verify; a changed pack is refused', () => {
    const keygen = sera('pack', 'keygen', '-o', 'acme');
    expect(keygen.code).toBe(0);
    expect(statSync(join(dir, 'acme.key')).mode & 0o077).toBe(0);
    expect(sera('pack', 'keygen', '-o', 'acme').code).toBe(2);
    expect(sera('pack', 'sign', 'pack.json', '-s', 'acme.key')).toMatchObject({ code: 0 });
    expect(read('pack.json.minisig')).toMatch(/^trusted comment: pack example-social-media serial 1 file:pack\.json$/m);
    expect(sera('pack', 'verify', 'pack.json', '-p', 'acme.pub')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^signature verified: key [0-9A-F]{16}/) });
    writeFileSync(join(dir, 'pack.json'), read('pack.json').replace('Nightjar', 'Nightingale'));
    expect(sera('pack', 'verify', 'pack.json', '-p', 'acme.pub')).toMatchObject({ code: 1, stdout: expect.stringMatching(/signature refused: the signature does not match/) });
  });

  it('sign refuses a pack the extension would refuse', () => {
    writeFileSync(join(dir, 'bad.json'), '{"schemaVersion": 1}');
    expect(sera('pack', 'sign', 'bad.json', '-s', 'acme.key')).toMatchObject({ code: 2, stderr: expect.stringMatching(/bad\.json:1:1: error: id: missing: add a string\n(.*\n)*sera: invalid pack bad\.json: \d+ errors\n$/) });
    writeFileSync(join(dir, 'failing.json'), read('pack.json').replace('"expect": [\n        "no-codenames"\n      ]', '"expect": []'));
    expect(sera('pack', 'sign', 'failing.json', '-s', 'acme.key')).toMatchObject({ code: 1, stdout: expect.stringMatching(/failing\.json:\d+:\d+: error: example 1 /) });
    expect(() => statSync(join(dir, 'failing.json.minisig'))).toThrow();
  });

  it('policy prints the four deployment files with settings the extension accepts', () => {
    const publicKey = read('acme.pub').split('\n')[1]!;
    const result = sera('policy', '--pack-url', 'https://packs.example.com/acme.json', '--key', 'acme.pub', '--extra-site', 'mastodon.example.org', '--refresh-hours', '12', '--no-user-disable', '--photo-checks', 'off', '--out', 'deploy');
    expect(result.code).toBe(0);
    const chrome = JSON.parse(read('deploy/chrome-policy.json'));
    const settings = chrome['3rdparty'].extensions[CHROME_EXTENSION_ID];
    expect(parseManagedSettings(settings)).toMatchObject({ packUrls: ['https://packs.example.com/acme.json'], extraSites: ['mastodon.example.org'], refreshHours: 12, allowUserDisable: false, photoChecks: false, problems: [] });
    expect(settings.trustedKeys).toEqual([publicKey]);
    expect(JSON.parse(read('deploy/firefox-policies.json')).policies['3rdparty'].Extensions['sera@sera-policy']).toEqual(settings);

    const regBytes = readFileSync(join(dir, 'deploy/sera.reg'));
    expect([...regBytes.subarray(0, 2)]).toEqual([0xff, 0xfe]); // UTF-16LE with a byte order mark, as regedit exports
    const reg = regBytes.subarray(2).toString('utf16le');
    expect(reg.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
    expect(reg).toContain(`[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${CHROME_EXTENSION_ID}\\policy\\packUrls]\r\n"1"="https://packs.example.com/acme.json"`);
    expect(reg).toContain('"refreshHours"=dword:0000000c\r\n"allowUserDisable"=dword:00000000\r\n"photoChecks"=dword:00000000');

    const plist = read('deploy/sera.mobileconfig');
    expect(plist).toContain(`<key>com.google.Chrome.extensions.${CHROME_EXTENSION_ID}</key>`);
    expect(plist).toMatch(/<key>trustedKeys<\/key>\s*<array>\s*<string>RW/);
  });

  it('policy refuses what the extension would not accept', () => {
    expect(sera('policy', '--pack-url', 'http://packs.example.com/a.json', '--key', 'acme.pub')).toMatchObject({ code: 2, stderr: expect.stringMatching(/must be an https:\/\/ address/) });
    expect(sera('policy', '--pack-url', 'https://packs.example.com/a.json')).toMatchObject({ code: 2, stderr: expect.stringMatching(/give --key/) });
    expect(sera('policy', '--pack-url', 'https://p.example/a.json', '--key', 'RWnope')).toMatchObject({ code: 2, stderr: expect.stringMatching(/not a minisign public key/) });
    expect(sera('policy', '--pack-url', 'https://p.example/a.json', '--key', 'acme.pub', '--photo-checks', 'no')).toMatchObject({ code: 2, stderr: expect.stringMatching(/--photo-checks no: give on or off/) });
  });

  it('the documented extension ID is the one the manifest key gives', () => {
    expect(CHROME_EXTENSION_ID).toBe('ahoeeijdeoidaifldhgifcfogmpbahpo');
    expect(readFileSync('docs/admin-guide.md', 'utf8')).toContain(CHROME_EXTENSION_ID);
  });
});
