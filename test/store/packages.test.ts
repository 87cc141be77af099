import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import exifr from 'exifr';
import { unzipSync } from 'fflate';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveComposePages } from '../e2e/helpers/sites';

/**
 * What `npm run zip` hands to the stores: the Chrome Web Store package and the addons.mozilla.org
 * package, built in store mode (their own folders under .output/, so the e2e tests' build is left
 * alone), checked the way the stores check them; the Firefox one is also run in Firefox.
 */
const OUTPUT = resolve('.output');
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const ZIPS = {
  chrome: `${OUTPUT}/sera-${version}-chrome-store.zip`,
  firefox: `${OUTPUT}/sera-${version}-firefox-store.zip`,
};
const FIREFOX_DIR = `${OUTPUT}/firefox-mv3-store`;
const ICON_SIZES = [16, 32, 48, 128];

interface Manifest {
  manifest_version: number;
  key?: string;
  icons?: Record<string, string>;
  action?: { default_icon?: Record<string, string>; default_popup?: string };
  permissions?: string[];
  optional_host_permissions?: string[];
  storage?: unknown;
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: { required?: string[] } }; gecko_android?: { strict_min_version?: string } };
}

const unzip = (path: string) => unzipSync(readFileSync(path));
const manifestOf = (files: Record<string, Uint8Array>) => JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Manifest;
const pngSize = (png: Uint8Array) => {
  const view = new DataView(png.buffer, png.byteOffset);
  return [view.getUint32(16), view.getUint32(20)];
};

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/**
 * The web-ext lint warnings Sera accepts, each for one known piece of library code (recognised by
 * the code around it, so that a new warning of the same kind fails the test):
 */
const JUSTIFIED: readonly { why: string; code: string; file: RegExp; around: RegExp }[] = [
  {
    // zod (pack and policy parsing) tries `Function('')` once to learn whether it may compile
    // validators; the extension's content security policy forbids it, so zod validates without.
    why: "zod's eval probe",
    code: 'DANGEROUS_EVAL',
    file: /^(background\.js|chunks\/.+\.js)$/,
    around: /jitless/,
  },
  {
    // tesseract.js (OCR for the photo checks) brings regenerator-runtime and webpack's global
    // lookup; each falls back to `Function(...)` only where `globalThis` is missing, never here.
    why: "regenerator-runtime's and webpack's globalThis fallbacks (tesseract.js)",
    code: 'DANGEROUS_EVAL',
    file: /^(background\.js|ml\/tesseract-worker\.min\.js)$/,
    around: /regeneratorRuntime = r|return this/,
  },
  {
    // Preact supports `dangerouslySetInnerHTML`; Sera never uses it (all text goes in as text).
    why: "Preact's dangerouslySetInnerHTML branch",
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /\.js$/,
    around: /__html/,
  },
  {
    // exifr loads optional Node modules by name (`require(name)` or `import(name)`) only under
    // Node; in the browser that branch never runs.
    why: "exifr's Node-only module loader",
    code: 'UNSAFE_VAR_ASSIGNMENT|UNEXPECTED_GLOBAL_ARG',
    file: /\.js$/,
    around: /Couldn't load/,
  },
  {
    // The demo page bundles the real editors the social sites use (React DOM, Draft.js, Quill,
    // Lexical, ProseMirror), which write HTML and probe for eval themselves; only that page loads them.
    why: 'the editors on the demo page',
    code: 'UNSAFE_VAR_ASSIGNMENT|DANGEROUS_EVAL',
    file: /^chunks\/demo-[\w-]+\.js$/,
    around: /[^]/,
  },
];

function justification(message: LintMessage): string | undefined {
  const text = message.file && existsSync(`${FIREFOX_DIR}/${message.file}`) ? readFileSync(`${FIREFOX_DIR}/${message.file}`, 'utf8').split('\n')[(message.line ?? 1) - 1] ?? '' : '';
  const around = text.slice(Math.max(0, (message.column ?? 0) - 300), (message.column ?? 0) + 300);
  return JUSTIFIED.find(({ code, file, around: pattern }) => new RegExp(`^(${code})$`).test(message.code) && file.test(message.file ?? '') && pattern.test(around))?.why;
}

beforeAll(() => {
  const zip = spawnSync('npm', ['run', 'zip'], { encoding: 'utf8' });
  if (zip.status !== 0) throw new Error(`npm run zip failed:\n${zip.stdout}\n${zip.stderr}`);
}, 300_000);

describe('store packages (npm run zip)', () => {

  it('Chrome: no key (the store refuses it), icons at 16, 32, 48 and 128 px for the extension and the toolbar', () => {
    const files = unzip(ZIPS.chrome);
    const manifest = manifestOf(files);
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.key).toBeUndefined();
    for (const icons of [manifest.icons, manifest.action?.default_icon]) {
      expect(Object.keys(icons ?? {}).map(Number)).toEqual(ICON_SIZES);
      for (const [size, path] of Object.entries(icons!)) expect(pngSize(files[path]!)).toEqual([Number(size), Number(size)]);
    }
    expect(files['managed_schema.json']).toBeDefined();
    expect(files['demo.html']).toBeDefined();
  });

  it('Firefox: its ID, the minimum versions, no data collected, added sites as optional origins, no Chrome-only keys', () => {
    const manifest = manifestOf(unzip(ZIPS.firefox));
    expect(manifest.browser_specific_settings).toEqual({
      gecko: { id: 'sera@sera-policy', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: '142.0' },
    });
    expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
    expect(manifest.storage).toBeUndefined();
    expect(manifest.key).toBeUndefined();
    expect(existsSync(`${OUTPUT}/sera-${version}-sources-store.zip`)).toBe(true);
  });

  it('Firefox: web-ext lint finds no errors, and no warning that is not justified above', () => {
    const lint = spawnSync('node_modules/.bin/web-ext', ['lint', '--source-dir', FIREFOX_DIR, '--output', 'json'], { encoding: 'utf8' });
    const report = JSON.parse(lint.stdout) as { errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] };
    expect(report.errors).toEqual([]);
    expect(report.warnings.filter((warning) => !justification(warning)).map(({ code, file, message }) => `${code} ${file}: ${message}`)).toEqual([]);
  }, 120_000);
});

/**
 * The core flows in Debian's Firefox ESR (headless, driven over WebDriver BiDi, which Firefox has
 * built in), with the store package's build loaded as a temporary add-on. Sera's layer is in a closed shadow
 * root that BiDi cannot open, so the test watches what the page itself gets: posts and files.
 */
const FIREFOX = '/usr/bin/firefox-esr';
const GPS_PHOTO = 'test/fixtures/photos/drone-exif-xmp-gps.jpg';

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
const posts = (page: Page) => page.evaluate(() => (window as unknown as { posts: string[] }).posts);

async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (let value = await read(); ; value = await read()) {
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await pause(100);
  }
}

const unavailable = existsSync(FIREFOX) ? undefined : 'Firefox ESR is not installed (Debian: apt-get install firefox-esr)';
if (unavailable) it('the Firefox package in Firefox', (context) => context.skip(unavailable));

describe.runIf(!unavailable)('the Firefox package in Firefox', () => {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serveComposePages>>;

  beforeAll(async () => {
    server = await serveComposePages({ 'x.com': 'x' });
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      acceptInsecureCerts: true,
      // x.com answers from loopback.
      extraPrefsFirefox: { 'network.dns.localDomains': 'x.com' },
    });
    await browser.installExtension(FIREFOX_DIR);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('holds a post with a "block" finding until "Post anyway" (X, Draft.js)', async () => {
    const page = await browser!.newPage();
    await page.goto(`https://x.com:${server.port}/compose`);
    await page.click('[data-testid=tweetTextarea_0]');
    await page.keyboard.type('Working on Tern', { delay: 5 });
    await pause(800); // the check runs 180 ms after the last key
    await page.click('[data-testid=tweetButton]');
    await pause(500);
    expect(await posts(page)).toEqual([]);
    // The dialog has focus on "Go back and edit"; "Post anyway" comes before it.
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    await page.keyboard.press('Enter');
    expect(await until(() => posts(page), (sent) => sent.length > 0, 'the post')).toEqual(['Working on Tern']);
    await page.close();
  }, 60_000);

  it('removes the location of a photo before the page receives it', async () => {
    const page = await browser!.newPage();
    await page.goto(`https://x.com:${server.port}/photo`);
    expect((await exifr.gps(readFileSync(GPS_PHOTO)))?.latitude).toBeDefined();
    await (await page.$('input#media'))!.uploadFile(GPS_PHOTO);
    const received = await until(
      () => page.evaluate(() => (window as unknown as { received: { name: string; bytes: number[] }[] }).received),
      (files) => files.length > 0,
      'the received photo',
    );
    for (const file of received) {
      expect(file.name).toBe('drone-exif-xmp-gps.jpg');
      expect(await exifr.gps(new Uint8Array(file.bytes)).catch(() => undefined)).toBeUndefined();
    }
    await page.close();
  }, 60_000);
});
