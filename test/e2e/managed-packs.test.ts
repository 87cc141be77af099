import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { chromeExtensionId } from '../../src/managed/extension-id';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import exifr from 'exifr';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManagedSettings } from '../../src/managed/settings';
import { encodePublicKey, generateKeyPair, parseSecretKey, sign, type SecretKey } from '../../src/packs/signature';
import { applyRegFile, decodeRegFile } from '../cli/registry';
import { makePack, termsRule } from '../helpers/packs';
import { extensionGranted, haveChromium, launchWithExtension } from './helpers/browser';
import { badgeLabel, until } from './helpers/layer';
import { serveComposePages } from './helpers/sites';

declare const chrome: typeof import('wxt/browser').browser;

/** Chromium on Linux reads enterprise policy from here (CI runs as root). */
const POLICY_DIR = '/etc/chromium/policies/managed';
const canWritePolicies = (() => {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
})();

/** A site the organisation adds through extraSites (the person accepted its permission prompt). */
const EXTRA_SITE = 'social.example.net';

// This test's own extension ID, so that its policy reaches no other test's browser.
const manifestKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' });
const extensionId = await chromeExtensionId(manifestKey.toString('base64'));

/** The admin's key and pack, made with the sera command in beforeAll. */
let signingKey: SecretKey;
let GOOD: string;
const packJson = (serial: number, terms: string[]) =>
  `${JSON.stringify(makePack({ id: 'acme-e2e', name: 'Acme e2e policy', serial, rules: [termsRule(terms, { severity: 'block' })], examples: [{ text: `About ${terms[0]}`, expect: ['terms'] }] }), null, 2)}\n`;
const bytes = (text: string) => new TextEncoder().encode(text);

type Answer = { status: number; body: string | Uint8Array };
/** What the pack host serves next, per path; the test switches it between cases. */
let answers: Record<string, Answer> = {};
const requests: { path: string; ifNoneMatch?: string; status: number }[] = [];
const publish = (json: string, signature = sign(bytes(json), signingKey, 'e2e')) => {
  answers = { ...answers, '/acme.json': { status: 200, body: json }, '/acme.json.minisig': { status: 200, body: signature } };
};
/** A department pack, active beside the company one. */
const DEPT = `${JSON.stringify(makePack({ id: 'dept-e2e', name: 'Dept e2e policy', serial: 1, rules: [termsRule(['Merlin'])], examples: [{ text: 'Merlin', expect: ['terms'] }] }), null, 2)}\n`;

/**
 * The admin's round trip, as the admin guide tells it, with the built sera command: init, edit the
 * YAML, lint, test, build, keygen, sign, verify with Debian's minisign, then the policy files, each
 * read by a real parser. Returns what the browser test deploys and serves.
 */
function adminRoundTrip(packUrl: string, deptUrl: string): { chromePolicy: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sera-admin-e2e-'));
  const sera = (...args: string[]) => {
    const result = spawnSync(join(process.cwd(), 'node_modules', '.bin', 'sera'), args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.status, `sera ${args.join(' ')}: ${result.stdout}${result.stderr}`).toBe(0);
    return result.stdout;
  };
  const file = (name: string) => readFileSync(join(dir, name), 'utf8');
  sera('pack', 'init', 'acme.yaml');
  let yaml = file('acme.yaml');
  for (const [from, to] of [['id: example-social-media', 'id: acme-e2e'], ['name: Example Corp social media policy', 'name: Acme e2e policy'], ['serial: 1', 'serial: 2'], [/Nightjar/g, 'Kestrel']] as const) {
    expect(yaml).toMatch(from);
    yaml = yaml.replace(from, to);
  }
  writeFileSync(join(dir, 'acme.yaml'), yaml);
  expect(sera('pack', 'lint', 'acme.yaml')).toMatch(/^0 errors, \d+ warnings$/m);
  expect(sera('pack', 'test', 'acme.yaml')).toBe('5 passed, 0 failed\n');
  expect(sera('pack', 'build', 'acme.yaml')).toMatch(/^wrote acme\.json \(pack acme-e2e, serial 2; 5 examples pass/m);
  sera('pack', 'keygen', '-o', 'acme');
  sera('pack', 'sign', 'acme.json', '-s', 'acme.key');
  const minisign = spawnSync('minisign', ['-Vm', 'acme.json', '-p', 'acme.pub'], { cwd: dir, encoding: 'utf8' });
  expect(minisign.stdout).toMatch(/^Signature and comment signature verified\nTrusted comment: pack acme-e2e serial 2 file:acme\.json\n/);
  sera('policy', '--pack-url', packUrl, '--pack-url', deptUrl, '--key', 'acme.pub', '--extension-id', extensionId, '--extra-site', EXTRA_SITE, '--refresh-hours', '2', '--out', 'deploy');

  const settings = JSON.parse(file('deploy/chrome-policy.json'))['3rdparty'].extensions[extensionId];
  expect(parseManagedSettings(settings)).toMatchObject({ packUrls: [packUrl, deptUrl], extraSites: [EXTRA_SITE], refreshHours: 2, problems: [] });
  const registry = applyRegFile(decodeRegFile(readFileSync(join(dir, 'deploy/sera.reg'))));
  const policyKey = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${extensionId}\\policy`;
  expect([...registry.get(`${policyKey}\\packUrls`)!.values()]).toEqual([packUrl, deptUrl]);
  expect(registry.get(policyKey)!.get('refreshHours')).toBe(2);
  const plist = spawnSync('python3', ['-c', 'import json, plistlib, sys; print(json.dumps(plistlib.load(open(sys.argv[1], "rb"))))', join(dir, 'deploy/sera.mobileconfig')], { encoding: 'utf8' });
  expect(JSON.parse(plist.stdout).PayloadContent[0].PayloadContent[`com.google.Chrome.extensions.${extensionId}`].Forced[0].mcx_preference_settings).toEqual(settings);
  expect(JSON.parse(file('deploy/firefox-policies.json')).policies['3rdparty'].Extensions['sera@sera-policy']).toEqual(settings);

  signingKey = parseSecretKey(file('acme.key'));
  GOOD = file('acme.json');
  publish(GOOD, file('acme.json.minisig'));
  answers = { ...answers, '/dept.json': { status: 200, body: DEPT }, '/dept.json.minisig': { status: 200, body: sign(bytes(DEPT), signingKey, 'dept') } };
  return { chromePolicy: file('deploy/chrome-policy.json') };
}

/**
 * The pack host: HTTPS, plus plain HTTP on loopback for the department pack. The browser does not
 * cache responses whose certificate it was told to ignore, so revalidation is observed over HTTP.
 */
async function servePacks(): Promise<{ url: string; httpUrl: string; close: () => Promise<void> }> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keySize: 2048 });
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'https://packs').pathname;
    const answer = answers[path] ?? { status: 404, body: 'not found' };
    const etag = `"${createHash('sha256').update(answer.body).digest('hex').slice(0, 16)}"`;
    const ifNoneMatch = request.headers['if-none-match'];
    const status = answer.status === 200 && ifNoneMatch === etag ? 304 : answer.status;
    requests.push({ path, ifNoneMatch, status });
    // Static hosts that Sera can read send CORS; the ETag lets the browser revalidate.
    response.writeHead(status, { 'access-control-allow-origin': '*', 'content-type': 'application/json', etag });
    response.end(status === 304 ? undefined : answer.body);
  };
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, handle);
  const plain = createHttpServer(handle);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  await new Promise<void>((done) => plain.listen(0, '127.0.0.1', done));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    httpUrl: `http://127.0.0.1:${(plain.address() as AddressInfo).port}`,
    close: () => Promise.all([server, plain].map((s) => new Promise<void>((done) => s.close(() => done())))).then(() => undefined),
  };
}

describe.runIf(haveChromium && canWritePolicies)('packs from enterprise policy, signed and served over HTTPS', () => {
  let context: BrowserContext;
  let pages: Awaited<ReturnType<typeof serveComposePages>>;
  let packs: Awaited<ReturnType<typeof servePacks>>;
  let options: Page;
  let worker: Worker;
  const policyFile = `${POLICY_DIR}/sera-e2e-${process.pid}.json`;

  beforeAll(async () => {
    packs = await servePacks();
    pages = await serveComposePages({ 'x.com': 'x', [EXTRA_SITE]: 'mastodon' });
    // The file "sera policy" wrote, where Chromium on Linux reads it.
    writeFileSync(policyFile, adminRoundTrip(`${packs.url}/acme.json`, `${packs.httpUrl}/dept.json`).chromePolicy);
    context = await launchWithExtension(['x.com', EXTRA_SITE], pages.port, {
      extension: extensionGranted([`https://${EXTRA_SITE}/*`], manifestKey.toString('base64')),
    });
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    expect(new URL(worker.url()).host).toBe(extensionId);
    options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
  }, 60_000);

  afterAll(async () => {
    rmSync(policyFile, { force: true });
    await context?.close();
    await pages?.close();
    await packs?.close();
  });

  const packCard = () => options.locator('.pack', { hasText: 'Acme e2e policy' });

  it('the policy file from sera policy reaches the extension, the pack built from YAML and signed becomes active and replaces the demo pack', async () => {
    const managed = await worker.evaluate(() => chrome.storage.managed.get());
    expect(managed).toMatchObject({ packUrls: [`${packs.url}/acme.json`, `${packs.httpUrl}/dept.json`], refreshHours: 2 });
    await until(() => packCard().locator('.state').textContent(), (state) => state === 'Active', 'the managed pack in the options page', 15_000);
    await expect(packCard().locator('.serial').textContent()).resolves.toBe('2');
    await expect(packCard().textContent()).resolves.toMatch(/From your organisation.*Set by your organisation\./);
    await expect(packCard().textContent()).resolves.toMatch(/verified \(key [0-9A-F]{16}\)/);
    await expect(options.locator('.pack', { hasText: 'Dept e2e policy' }).locator('.state').textContent()).resolves.toBe('Active');
    await expect(options.locator('.pack', { hasText: 'Demo pack' }).count()).resolves.toBe(0);
    const alarm = await worker.evaluate(() => chrome.alarms.get('sera-refresh-packs'));
    expect(alarm?.periodInMinutes).toBe(120);
  });

  it('the composer flags a term from the served pack, also on a site the organisation added', async () => {
    for (const [host, editor] of [['x.com', '[data-testid="tweetTextarea_0"]'], [EXTRA_SITE, 'textarea']] as const) {
      const page = await context.newPage();
      await page.goto(`https://${host}/compose`);
      await page.locator(editor).click();
      await page.keyboard.type('The Kestrel launch went well, Merlin too', { delay: 5 });
      await until(() => badgeLabel(page), (label) => label === '2 policy warnings', `the badge on ${host}`);
      await page.close();
    }
    const matches = await worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? []));
    expect(matches).toContain(`https://${EXTRA_SITE}/*`);
  });

  it('a photo uploaded on the site the organisation added reaches the page without its location', async () => {
    const page = await context.newPage();
    await page.goto(`https://${EXTRA_SITE}/photo`);
    await page.setInputFiles('#media', [{ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: readFileSync('test/fixtures/photos/drone-exif-xmp-gps.jpg') }]);
    await page.waitForFunction(() => (window as unknown as { received: unknown[] }).received.length >= 2, undefined, { timeout: 10_000 });
    const received = await page.evaluate(() => (window as unknown as { received: { name: string; bytes: number[] }[] }).received);
    for (const file of received) {
      expect(file.name).toBe('IMG_0001.jpg');
      expect((await exifr.gps(new Uint8Array(file.bytes)).catch(() => undefined))?.latitude).toBeUndefined();
    }
    await page.close();
  });

  it('an unchanged pack is revalidated with If-None-Match (304)', async () => {
    requests.length = 0;
    await options.getByRole('button', { name: 'Check for updates now' }).click();
    await until(async () => requests.filter((r) => r.path === '/dept.json'), (seen) => seen.length > 0, 'a refresh request');
    expect(requests.find((r) => r.path === '/dept.json')).toMatchObject({ ifNoneMatch: expect.stringMatching(/^"/), status: 304 });
  });

  const failures: [string, () => void, RegExp][] = [
    ['a tampered pack', () => publish(packJson(3, ['Kestrel', 'Osprey']), sign(bytes(packJson(3, ['Kestrel'])), signingKey, 'e2e')), /signature refused: the signature does not match the pack/],
    ['a lower serial', () => publish(packJson(1, ['Kestrel'])), /serial 1 of pack "acme-e2e" is lower than serial 2/],
    ['a server error', () => (answers = { ...answers, '/acme.json': { status: 500, body: 'oops' } }), /the server answered 500/],
    ['garbage', () => publish('<html>502 Bad Gateway</html>'), /not a valid rule pack: not valid JSON/],
    ['a 10 MB body', () => publish(`${GOOD.slice(0, -2)}, "padding": "${'x'.repeat(10 * 1024 * 1024)}"}\n`), /larger than 2 MB/],
  ];
  it.each(failures)('%s leaves the good pack active and shows the error in the options page', async (_name, serve, message) => {
    serve();
    await options.getByRole('button', { name: 'Check for updates now' }).click();
    await until(() => packCard().locator('.last-error').textContent().catch(() => ''), (text) => message.test(text ?? ''), 'the error in the options page', 15_000);
    await expect(packCard().locator('.last-error').textContent()).resolves.toContain('The last good version stays active.');
    await expect(packCard().locator('.state').textContent()).resolves.toBe('Active');
    await expect(packCard().locator('.serial').textContent()).resolves.toBe('2');
  });

  it('the person imports a signed pack file and subscribes to a pack URL in the options page, and removes them', async () => {
    const team = `${JSON.stringify(makePack({ id: 'team-e2e', name: 'Team e2e policy', serial: 1, rules: [termsRule(['Harrier'])] }), null, 2)}\n`;
    await options.locator('input[type=file][accept*=minisig]').setInputFiles([
      { name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(team) },
      { name: 'team.json.minisig', mimeType: 'application/octet-stream', buffer: Buffer.from(sign(bytes(team), signingKey, 'team')) },
    ]);
    const teamCard = options.locator('.pack', { hasText: 'Team e2e policy' });
    await until(() => teamCard.locator('.state').textContent().catch(() => ''), (state) => state === 'Active', 'the imported pack');
    await expect(teamCard.textContent()).resolves.toMatch(/Imported file: team\.json.*verified/);

    // Unsigned, while the organisation requires signatures: refused, with the reason, nothing stored.
    await options.locator('input[type=file][accept*=minisig]').setInputFiles([{ name: 'loose.json', mimeType: 'application/json', buffer: Buffer.from(team.replace('team-e2e', 'loose-e2e')) }]);
    await until(() => options.locator('section[aria-labelledby=packs-title] > .error').textContent().catch(() => ''), (text) => /the pack is not signed/.test(text ?? ''), 'the refused import');

    answers = { ...answers, '/own.json': { status: 200, body: team.replace('team-e2e', 'own-e2e').replace('Team e2e', 'Own e2e') }, '/own.json.minisig': { status: 200, body: sign(bytes(team.replace('team-e2e', 'own-e2e').replace('Team e2e', 'Own e2e')), signingKey, 'own') } };
    await options.getByLabel('Subscribe to a pack URL').fill(`${packs.url}/own.json`);
    await options.getByRole('button', { name: 'Subscribe', exact: true }).click();
    const ownCard = options.locator('.pack', { hasText: 'Own e2e policy' });
    await until(() => ownCard.locator('.state').textContent().catch(() => ''), (state) => state === 'Active', 'the subscribed pack');

    for (const card of [teamCard, ownCard]) await card.getByRole('button', { name: 'Remove' }).click();
    await until(() => options.locator('.pack', { hasText: /Team e2e|Own e2e/ }).count(), (count) => count === 0, 'the removed packs');
    await expect(packCard().getByRole('button', { name: 'Remove' }).count()).resolves.toBe(0);
  });

  it('the composer still uses the good pack after all of that', async () => {
    const page = await context.newPage();
    await page.goto('https://x.com/compose');
    await page.locator('[data-testid="tweetTextarea_0"]').click();
    await page.keyboard.type('Kestrel and Osprey and Merlin', { delay: 5 });
    await until(() => badgeLabel(page), (label) => label === '2 policy warnings', 'the badges with the good packs');
  });
});

describe.runIf(haveChromium && canWritePolicies)("before the organisation's pack arrives", () => {
  let context: BrowserContext;
  let packs: Awaited<ReturnType<typeof servePacks>>;
  const lateKey = generateKeyPair();
  const manifestKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const policyFile = `${POLICY_DIR}/sera-e2e-waiting-${process.pid}.json`;
  const LATE = `${JSON.stringify(makePack({ id: 'late-e2e', name: 'Late e2e policy', serial: 1, rules: [termsRule(['Kestrel'])] }), null, 2)}\n`;
  let id: string;

  beforeAll(async () => {
    answers = { ...answers, '/late.json': { status: 503, body: 'down for maintenance' } };
    packs = await servePacks();
    id = await chromeExtensionId(manifestKey);
    writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [id]: { packUrls: [`${packs.url}/late.json`], trustedKeys: [encodePublicKey(lateKey)] } } } }));
    context = await launchWithExtension(['x.com'], Number(new URL(packs.url).port), { extension: extensionGranted([], manifestKey) });
  }, 60_000);

  afterAll(async () => {
    rmSync(policyFile, { force: true });
    await context?.close();
    await packs?.close();
  });

  const waiting = /^Waiting for your organisation's policy \(last try: .+, the server answered 503 [^)]*\)\. Until it arrives, Sera does not check drafts\.$/;

  it('the options page and the popup say so, with the last try and its reason, and show no demo pack', async () => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${id}/options.html`);
    await until(() => options.locator('.waiting').textContent().catch(() => ''), (text) => waiting.test(text ?? ''), 'the wait in the options page', 15_000);
    await expect(options.locator('.pack', { hasText: 'Demo pack' }).count()).resolves.toBe(0);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${id}/popup.html`);
    await until(() => popup.locator('.waiting').textContent().catch(() => ''), (text) => waiting.test(text ?? ''), 'the wait in the popup');
    await expect(popup.locator('.demo').count()).resolves.toBe(0);
    await popup.close();

    // The pack arrives: it replaces the wait.
    answers = { ...answers, '/late.json': { status: 200, body: LATE }, '/late.json.minisig': { status: 200, body: sign(bytes(LATE), lateKey, 'late') } };
    await options.getByRole('button', { name: 'Check for updates now' }).click();
    await until(() => options.locator('.pack', { hasText: 'Late e2e policy' }).locator('.state').textContent().catch(() => ''), (state) => state === 'Active', 'the pack that arrived');
    await expect(options.locator('.waiting').count()).resolves.toBe(0);
  });
});
