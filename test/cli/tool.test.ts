import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/help';
import { chromeExtensionId, EXTENSION_PUBLIC_KEY, FIREFOX_EXTENSION_ID } from '../../src/managed/extension-id';
import { parseManagedSettings } from '../../src/managed/settings';
import { parsePackJson } from '../../src/packs/parse';
import { applyRegFile, decodeRegFile, type Registry } from './registry';

// The built command (npm run build:cli), run as the admin runs it, in a scratch directory.
const SERA = join(process.cwd(), 'node_modules', '.bin', 'sera');
const dir = mkdtempSync(join(tmpdir(), 'sera-tool-'));
const sera = (args: string[], input?: string) => {
  const result = spawnSync(SERA, args, { cwd: dir, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
const CHROME_ID = await chromeExtensionId(EXTENSION_PUBLIC_KEY);
const VERSION = (JSON.parse(readFileSync('src/cli/package.json', 'utf8')) as { version: string }).version;

expect(sera(['pack', 'init', 'pack.yaml']).code).toBe(0);
expect(sera(['pack', 'keygen', '-o', 'acme']).code).toBe(0);
/** The starter pack with a tab and an over-indented line: two mistakes. */
const BROKEN = read('pack.yaml').replace('    kind: unreleased', '\tkind: unreleased').replace('    severity: block\n', '      severity: block\n');
write('broken.yaml', BROKEN);
write('failing.yaml', read('pack.yaml').replace('expect: [no-codenames]', 'expect: []'));

describe('help and version', () => {
  it('--version prints the package version', () => {
    expect(sera(['--version'])).toEqual({ code: 0, stdout: `sera ${VERSION}\n`, stderr: '' });
  });

  it.each(Object.keys(COMMANDS))('"sera help %s" and the command with --help print its usage and options', (name) => {
    const help = sera(['help', ...name.split(' ')]);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(new RegExp(`^usage: sera ${name}\\s`));
    expect(help.stdout).toMatch(/Exit codes|For editor|Writes/);
    expect(sera([...name.split(' '), '--help'])).toEqual(help);
    expect(sera([...name.split(' '), '-h']).stdout).toBe(help.stdout);
  });

  it('"sera help" lists every command and the exit codes; "sera" alone is bad usage', () => {
    const help = sera(['help']);
    expect(help.code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(help.stdout).toContain(`sera ${name} `);
    expect(help.stdout).toMatch(/Exit codes, the same in every command:\n {2}0 {2}success/);
    expect(sera(['--help']).stdout).toBe(help.stdout);
    expect(sera([])).toMatchObject({ code: 2, stdout: '', stderr: help.stdout });
    expect(sera(['help', 'pack']).stdout).toBe(help.stdout);
    expect(sera(['pack', '--help']).stdout).toBe(help.stdout);
    expect(sera(['pack'])).toMatchObject({ code: 2, stderr: 'sera: missing pack command; "sera help" lists them\n' });
    expect(sera(['help', 'frobnicate'])).toMatchObject({ code: 2, stderr: 'sera: unknown command "sera frobnicate"; "sera help" lists the commands\n' });
  });

  it('messages name the command as the admin types it', () => {
    const outputs = [sera(['help']).stdout, ...Object.keys(COMMANDS).map((name) => sera(['help', ...name.split(' ')]).stdout), sera(['pack', 'init', 'other.yaml']).stdout];
    for (const output of outputs) expect(output).not.toMatch(/npx|tsx|node /);
    expect(outputs.at(-1)).toContain('run "sera pack build other.yaml"');
    expect(read('other.yaml')).toMatch(/^# {3}sera pack build pack\.yaml -o pack\.json/m);
  });
});

describe('one pack file, YAML or JSON, in every command', () => {
  it('check, lint, test, build, sign and verify take the YAML that init writes', () => {
    expect(sera(['check', '--pack', 'pack.yaml', 'Excited about Nightjar!'])).toMatchObject({ code: 1, stdout: expect.stringContaining('⟦Nightjar⟧') });
    expect(sera(['check', '--pack', '-', 'Excited about Nightjar!'], read('pack.yaml'))).toMatchObject({ code: 1, stdout: expect.stringContaining('⟦Nightjar⟧') });
    expect(sera(['pack', 'lint', 'pack.yaml'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^0 errors, 1 warnings$/m) });
    expect(sera(['pack', 'test', 'pack.yaml'])).toMatchObject({ code: 0, stdout: '5 passed, 0 failed\n' });
    const signed = sera(['pack', 'sign', 'pack.yaml', '-s', 'acme.key']);
    expect(signed).toMatchObject({ code: 0, stdout: expect.stringMatching(/^built pack\.json from pack\.yaml\nsigned pack\.json \(pack example-social-media, serial 1\): wrote pack\.json\.minisig\n$/m) });
    expect(parsePackJson(read('pack.json')).ok).toBe(true);
    expect(sera(['pack', 'verify', 'pack.yaml', '-p', 'acme.pub'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^signature verified: key [0-9A-F]{16} \(pack\.json, built from pack\.yaml\)/) });
    expect(sera(['pack', 'verify', 'pack.json', '-p', 'acme.pub']).code).toBe(0);
  });

  it('verify of a YAML pack refuses a JSON that is not its current build', () => {
    write('edited.yaml', read('pack.yaml'));
    expect(sera(['pack', 'sign', 'edited.yaml', '-s', 'acme.key']).code).toBe(0);
    write('edited.yaml', read('edited.yaml').replace('Nightjar]', 'Nightjar, Osprey]'));
    expect(sera(['pack', 'verify', 'edited.yaml', '-p', 'acme.pub'])).toMatchObject({ code: 1, stdout: 'edited.json: not the JSON that edited.yaml builds to now: run "sera pack sign edited.yaml" again\n' });
  });
});

describe('exit codes', () => {
  const located = ['broken.yaml:33:7: error: indentation: ', 'broken.yaml:39:1: error: tab: '];

  it.each([
    ['check', ['check', '--pack', 'broken.yaml', 'x']],
    ['pack test', ['pack', 'test', 'broken.yaml']],
    ['pack build', ['pack', 'build', 'broken.yaml']],
    ['pack sign', ['pack', 'sign', 'broken.yaml', '-s', 'acme.key']],
    ['pack verify', ['pack', 'verify', 'broken.yaml', '-p', 'acme.pub']],
    ['policy --inline-pack', ['policy', '--inline-pack', 'broken.yaml']],
  ])('an invalid pack is exit 2 in %s, one located error per mistake and a summary', (_name, args) => {
    // verify first needs a built JSON to compare with, as for any YAML pack
    write('broken.json', read('pack.json'));
    const { code, stdout, stderr } = sera(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^${located[0]}`));
    expect(lines[1]).toMatch(new RegExp(`^${located[1]}`));
    expect(lines[2]).toBe('sera: invalid pack broken.yaml: 2 errors');
  });

  it('pack lint prints the same errors on stdout, with its summary, and exits 2 too', () => {
    const { code, stdout } = sera(['pack', 'lint', 'broken.yaml']);
    expect(code).toBe(2);
    const lines = stdout.split('\n');
    expect(lines.map((line, i) => line.startsWith(located[i] ?? line))).toEqual([true, true, true, true]);
    expect(lines.slice(2)).toEqual(['2 errors, 0 warnings', '']);
  });

  it.each([
    ['pack test', ['pack', 'test', 'failing.yaml']],
    ['pack build', ['pack', 'build', 'failing.yaml']],
    ['pack sign', ['pack', 'sign', 'failing.yaml', '-s', 'acme.key']],
  ])('a failing example is exit 1 in %s, counted from 1', (_name, args) => {
    const { code, stdout } = sera(args);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^failing\.yaml:\d+:5: error: example 1 "Excited about Nightjar!": expected nothing, found no-codenames$/m);
  });

  it('check exits 1 for a finding at or above --fail-on (default block), 0 otherwise', () => {
    const check = (draft: string, ...options: string[]) => sera(['check', '--pack', 'pack.yaml', '--at', '2027-01-01T00:00:00Z', ...options, draft]).code;
    const warnOnly = 'Proud to work at Example Corp.'; // disclaimer: warn
    expect([check(warnOnly), check(warnOnly, '--fail-on', 'warn'), check(warnOnly, '--fail-on', 'info')]).toEqual([0, 1, 1]);
    const infoOnly = 'A skylark sang this morning. Views are my own.'; // an ordinary word written as a word: info
    expect([check(infoOnly, '--fail-on', 'warn'), check(infoOnly, '--fail-on', 'info')]).toEqual([0, 1]);
    expect([check('Nightjar!'), check('Hello there.', '--fail-on', 'info')]).toEqual([1, 0]);
    const drafts = [{ id: 1, text: 'Hello' }, { id: 2, text: 'Nightjar' }].map((d) => JSON.stringify(d)).join('\n');
    write('drafts.jsonl', drafts);
    expect(sera(['check', '--pack', 'pack.yaml', '--input', 'drafts.jsonl', '--json']).code).toBe(1);
  });

  it('the README lists the same exit codes as sera help', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const [code, meaning] of [['0', 'success'], ['1', 'found'], ['2', 'bad usage or input'], ['3', 'could not be cleaned']]) expect(readme).toMatch(new RegExp(`\\| ${code} \\|[^\\n]*${meaning}`));
  });
});

describe('policy: deployment files that do what they say', () => {
  const base = ['policy', '--pack-url', 'https://packs.example.com/acme.json', '--key', 'acme.pub'];
  const forceInstall = ['--update-url', 'https://clients2.google.com/service/update2/crx', '--forcelist-index', '7', '--firefox-install-url', 'https://packs.example.com/sera.xpi'];
  const FORCELIST = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\ExtensionInstallForcelist';
  const POLICY_KEY = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${CHROME_ID}\\policy`;
  const plist = (file: string) => {
    const result = spawnSync('python3', ['-c', 'import json, plistlib, sys; print(json.dumps(plistlib.load(open(sys.argv[1], "rb"))))', join(dir, file)], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as { PayloadContent: { PayloadContent: Record<string, { Forced: { mcx_preference_settings: Record<string, unknown> }[] }> }[] };
  };

  it('with --update-url every file force-installs Sera; the .reg takes only the chosen forcelist entry', () => {
    expect(sera([...base, ...forceInstall, '--out', 'forced']).code).toBe(0);
    const entry = `${CHROME_ID};https://clients2.google.com/service/update2/crx`;
    expect(JSON.parse(read('forced/chrome-policy.json')).ExtensionInstallForcelist).toEqual([entry]);

    // An organisation that already force-installs its password manager at 1, and had Sera at 7 with two packs.
    const existing: Registry = new Map([
      [FORCELIST, new Map<string, string | number>([['1', 'passwordmanagerid;https://clients2.google.com/service/update2/crx']])],
      [`${POLICY_KEY}\\packUrls`, new Map<string, string | number>([['1', 'https://old.example.com/a.json'], ['2', 'https://old.example.com/b.json']])],
    ]);
    const registry = applyRegFile(decodeRegFile(readFileSync(join(dir, 'forced/sera.reg'))), existing);
    expect(Object.fromEntries(registry.get(FORCELIST)!)).toEqual({ '1': 'passwordmanagerid;https://clients2.google.com/service/update2/crx', '7': entry });
    expect(Object.fromEntries(registry.get(`${POLICY_KEY}\\packUrls`)!)).toEqual({ '1': 'https://packs.example.com/acme.json' });
    expect([...registry.get(`${POLICY_KEY}\\trustedKeys`)!.values()]).toEqual([read('acme.pub').split('\n')[1]]);

    const payload = plist('forced/sera.mobileconfig').PayloadContent[0]!.PayloadContent;
    expect(payload['com.google.Chrome']!.Forced[0]!.mcx_preference_settings).toEqual({ ExtensionInstallForcelist: [entry] });
    expect(parseManagedSettings(payload[`com.google.Chrome.extensions.${CHROME_ID}`]!.Forced[0]!.mcx_preference_settings)).toMatchObject({ packUrls: ['https://packs.example.com/acme.json'], problems: [] });

    const firefox = JSON.parse(read('forced/firefox-policies.json')).policies;
    expect(firefox.ExtensionSettings).toEqual({ [FIREFOX_EXTENSION_ID]: { installation_mode: 'force_installed', install_url: 'https://packs.example.com/sera.xpi' } });
    expect(firefox['3rdparty'].Extensions[FIREFOX_EXTENSION_ID].packUrls).toEqual(['https://packs.example.com/acme.json']);
  });

  it('without --update-url no file force-installs', () => {
    expect(sera([...base, '--out', 'plain']).code).toBe(0);
    expect(read('plain/chrome-policy.json')).not.toContain('Forcelist');
    expect(decodeRegFile(readFileSync(join(dir, 'plain/sera.reg')))).not.toContain('Forcelist');
    expect(read('plain/sera.mobileconfig')).not.toContain('Forcelist');
    expect(read('plain/firefox-policies.json')).not.toContain('ExtensionSettings');
  });

  it('refuses to force-install on some platforms only, and says which platform needs what', () => {
    const { code, stderr } = sera([...base, '--update-url', 'https://clients2.google.com/service/update2/crx']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^sera: to force-install Sera everywhere: Windows \(sera\.reg\) needs --forcelist-index N, .*; Firefox needs --firefox-install-url, .*\.xpi\n$/);
    expect(sera([...base, '--firefox-install-url', 'https://packs.example.com/sera.xpi']).stderr).toMatch(/Chrome on every platform needs --update-url .*; Windows \(sera\.reg\) needs --forcelist-index/);
    expect(sera([...base, ...forceInstall.slice(0, 2), '--forcelist-index', '0', ...forceInstall.slice(4)]).stderr).toMatch(/--forcelist-index 0: must be a whole number from 1 to 9999/);
    expect(sera([...base, ...forceInstall.slice(0, 4), '--firefox-install-url', 'http://x/sera.xpi']).stderr).toMatch(/must be an https:\/\/ address/);
  });

  it('--inline-pack puts a YAML or JSON pack into every file, as the extension reads it; no key is needed', () => {
    write('inline.yaml', read('pack.yaml').replace('name: Example Corp social media policy', 'name: Esimerkki Oy:n sääntö – “ääkköset”'));
    const { code, stderr } = sera(['policy', '--inline-pack', 'inline.yaml', '--out', 'inline']);
    expect(stderr).toMatch(/^inline\.yaml:\d+:\d+: warning: /); // lint warnings, off stdout
    expect(code).toBe(0);
    const chrome = JSON.parse(read('inline/chrome-policy.json'))['3rdparty'].extensions[CHROME_ID];
    expect(Object.keys(chrome)).toEqual(['inlinePack']);
    const pack = parsePackJson(chrome.inlinePack);
    expect(pack.ok && pack.pack.name).toBe('Esimerkki Oy:n sääntö – “ääkköset”');
    expect(parseManagedSettings(chrome)).toMatchObject({ inlinePack: chrome.inlinePack, problems: [] });
    // The .reg keeps every character (UTF-16LE), and its escaping round-trips.
    const registry = applyRegFile(decodeRegFile(readFileSync(join(dir, 'inline/sera.reg'))));
    expect(registry.get(POLICY_KEY)!.get('inlinePack')).toBe(chrome.inlinePack);
    expect(plist('inline/sera.mobileconfig').PayloadContent[0]!.PayloadContent[`com.google.Chrome.extensions.${CHROME_ID}`]!.Forced[0]!.mcx_preference_settings).toEqual(chrome);
    expect(JSON.parse(read('inline/firefox-policies.json')).policies['3rdparty'].Extensions[FIREFOX_EXTENSION_ID]).toEqual(chrome);
    expect(sera(['policy', '--inline-pack', 'failing.yaml']).code).toBe(1);
  });
});

describe('the package', () => {
  it('npm pack makes a scoped tarball that npm i -g installs (offline too) with a working sera on PATH', () => {
    const manifest = JSON.parse(readFileSync('src/cli/package.json', 'utf8')) as { name: string; bin: Record<string, string> };
    expect(manifest.name).toMatch(/^@[a-z0-9-]+\/[a-z0-9-]+$/); // scoped: cannot collide with another package's unscoped "sera"
    expect(Object.keys(manifest.bin)).toEqual(['sera']);
    const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', dir, '-w', 'src/cli'], { encoding: 'utf8' });
    expect(packed.status).toBe(0);
    const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    const paths = files.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(['bin/sera.js', 'dist/sera.js', 'dist/templates/starter-pack.yaml', 'package.json']));
    expect(paths.filter((path) => !/^(?:bin|dist)\/|^package\.json$/.test(path))).toEqual([]);
    const prefix = join(dir, 'global');
    const installed = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(dir, filename)], { encoding: 'utf8' });
    expect(installed.status).toBe(0);
    const path = `${join(prefix, 'bin')}:${process.env.PATH}`;
    const run = (...args: string[]) => spawnSync('sera', args, { cwd: join(dir, 'global'), encoding: 'utf8', env: { ...process.env, PATH: path } });
    expect(run('--version').stdout).toBe(`sera ${VERSION}\n`);
    expect(run('pack', 'init', 'fresh.yaml').status).toBe(0);
    expect(run('pack', 'build', 'fresh.yaml')).toMatchObject({ status: 0, stdout: expect.stringMatching(/^wrote fresh\.json/m) });
    // Offline, npm skips the optional TF.js and tesseract.js; scan then says what it needs.
    const manifestDependencies = JSON.parse(readFileSync('src/cli/package.json', 'utf8')).optionalDependencies as Record<string, string>;
    expect(Object.keys(manifestDependencies)).toEqual(expect.arrayContaining(['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', 'tesseract.js']));
    const photo = new URL('../fixtures/photo-checks/text-en-document.png', import.meta.url).pathname;
    expect(run('scan', photo, '--pack', 'fresh.json')).toMatchObject({ status: 2, stderr: expect.stringContaining('optional dependencies') });
  }, 120_000);
});
