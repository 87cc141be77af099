import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import exifr from 'exifr';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveComposePages } from './helpers/sites';

/**
 * The core flows in Debian's Firefox ESR (headless, driven over WebDriver BiDi, which Firefox has
 * built in), with the Firefox build loaded as a temporary add-on. Sera's layer is in a closed shadow
 * root that BiDi cannot open, so the test watches what the page itself gets: posts and files.
 */
const FIREFOX = '/usr/bin/firefox-esr';
const EXTENSION = resolve('.output/firefox-mv3');
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
if (unavailable) it('Sera in Firefox', (context) => context.skip(unavailable));

describe.runIf(!unavailable)('Sera in Firefox', () => {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serveComposePages>>;
  /** What Firefox printed about Sera's manifest while loading it. */
  let manifestWarnings: string[] = [];

  beforeAll(async () => {
    const build = spawnSync('npx', ['wxt', 'build', '-b', 'firefox'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`the Firefox build failed:\n${build.stdout}\n${build.stderr}`);
    server = await serveComposePages({ 'x.com': 'x' });
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      acceptInsecureCerts: true,
      // x.com answers from loopback; the browser console (manifest warnings) goes to stdout.
      extraPrefsFirefox: { 'network.dns.localDomains': 'x.com', 'devtools.console.stdout.chrome': true },
    });
    let printed = '';
    browser.process()?.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    await browser.installExtension(EXTENSION);
    await pause(500);
    manifestWarnings = printed.split('\n').filter((line) => /Reading manifest|manifest\.json/i.test(line));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads the add-on without manifest warnings', () => {
    expect(manifestWarnings).toEqual([]);
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
