import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { generate } from 'selfsigned';

/** The extension API inside the extension's pages, where `evaluate` callbacks run. */
declare const chrome: typeof import('wxt/browser').browser;

/** Debian's Chromium; tests never download a browser. */
const CHROMIUM = '/usr/bin/chromium';
const EXTENSION = resolve('.output/chrome-mv3');

export const haveChromium = existsSync(CHROMIUM);

/**
 * A copy of the built extension whose manifest already holds `origins`: what the browser grants
 * when the person accepts its permission prompt, which a headless test cannot click. With `key`,
 * the copy gets its own extension ID, so that an enterprise policy written for it reaches no other
 * test's browser.
 */
export function extensionGranted(origins: string[], key?: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'sera-extension-'));
  cpSync(EXTENSION, copy, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as { host_permissions?: string[]; key?: string };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...origins];
  if (key) manifest.key = key;
  writeFileSync(join(copy, 'manifest.json'), JSON.stringify(manifest));
  return copy;
}

/** Answers a request for `path` on `host` (the name the browser asked for). */
export type Route = (path: string, host: string) => { type: string; body: string | Uint8Array } | undefined;

/**
 * An HTTPS server on loopback with a throwaway self-signed certificate. Chromium reaches it under
 * real host names (--host-resolver-rules), so the manifest's real match patterns are exercised.
 */
export async function serveFixtures(route: Route): Promise<{ port: number; close: () => Promise<void> }> {
  const pems = await generate([{ name: 'commonName', value: 'sera.test' }], { keySize: 2048 });
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    const found = route(new URL(request.url ?? '/', 'https://fixture').pathname, (request.headers.host ?? '').replace(/:\d+$/, ''));
    if (!found) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': found.type, 'cache-control': 'no-store' }).end(found.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((done) => server.close(() => done())) };
}

/** Chromium (new headless mode) with the built extension loaded, and `hosts` mapped to loopback. */
export async function launchWithExtension(hosts: string[], port: number, { extension = EXTENSION, args = [] as string[] } = {}): Promise<BrowserContext> {
  if (!existsSync(join(extension, 'manifest.json'))) throw new Error(`build the extension first (npm run build): ${extension} is missing`);
  return launch(hosts, port, [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`, ...args]);
}

/** The same browser without Sera: the peer that benchmarks compare against. */
export function launchWithoutExtension(hosts: string[], port: number): Promise<BrowserContext> {
  return launch(hosts, port, []);
}

function launch(hosts: string[], port: number, args: string[]): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'sera-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--host-resolver-rules=${hosts.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', ')}, EXCLUDE localhost`,
      '--ignore-certificate-errors',
      '--no-sandbox',
      ...args,
    ],
  });
}

/** Imports a pack from the options page, as a person would; resolves to the extension's reply ({} when accepted). */
export async function importPack(context: BrowserContext, worker: Worker, fileName: string, pack: unknown): Promise<unknown> {
  const options = await context.newPage();
  await options.goto(new URL('/options.html', worker.url()).href);
  const reply = await options.evaluate(
    ({ fileName, base64 }) => chrome.runtime.sendMessage({ type: 'sera:pack-import', fileName, base64 }),
    { fileName, base64: Buffer.from(JSON.stringify(pack)).toString('base64') },
  );
  await options.close();
  return reply;
}
