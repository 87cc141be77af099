import { createHash, generateKeyPairSync } from 'node:crypto';
import { chromeExtensionId } from '../../src/managed/extension-id';
import { accessSync, constants, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import exifr from 'exifr';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePublicKey, generateKeyPair, sign } from '../../src/packs/signature';
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

const signingKey = generateKeyPair();
const packJson = (serial: number, terms: string[]) =>
  `${JSON.stringify(makePack({ id: 'acme-e2e', name: 'Acme e2e policy', serial, rules: [termsRule(terms, { severity: 'block' })], examples: [{ text: `About ${terms[0]}`, expect: ['terms'] }] }), null, 2)}\n`;
const GOOD = packJson(2, ['Kestrel']);
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
answers = { '/dept.json': { status: 200, body: DEPT }, '/dept.json.minisig': { status: 200, body: sign(bytes(DEPT), signingKey, 'dept') } };

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
    publish(GOOD);
    packs = await servePacks();
    pages = await serveComposePages({ 'x.com': 'x', [EXTRA_SITE]: 'mastodon' });
    writeFileSync(
      policyFile,
      JSON.stringify({
        '3rdparty': {
          extensions: {
            [extensionId]: { packUrls: [`${packs.url}/acme.json`, `${packs.httpUrl}/dept.json`], trustedKeys: [encodePublicKey(signingKey)], extraSites: [EXTRA_SITE], refreshHours: 2 },
          },
        },
      }),
    );
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

  it('the policy reaches the extension, the signed pack becomes active and replaces the demo pack', async () => {
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
