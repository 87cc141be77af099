import { readFileSync } from 'node:fs';
import exifr from 'exifr';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanImage } from '../../src/photos/clean';
import { haveChromium, launchWithExtension, serveFixtures } from './helpers/browser';
import { dispatchWithFiles } from './helpers/transfer';

const HOST = 'x.com';
const PAGE = `https://${HOST}/compose/photo`;
const GPS_PHOTO = readFileSync('test/fixtures/photos/drone-exif-xmp-gps.jpg');
const GPS_HEIC = readFileSync('test/fixtures/photos/heic-exif-gps.heic');
const PLAIN_PHOTO = readFileSync('test/fixtures/photos/no-metadata.jpg');
const BROKEN_PHOTO = GPS_PHOTO.subarray(0, 400); // a JPEG cut off inside its EXIF segment

interface Received {
  via: string;
  name: string;
  type: string;
  lastModified: number;
  bytes: number[];
}

async function received(page: Page, count: number): Promise<Received[]> {
  await page.waitForFunction((n) => (window as unknown as { received: unknown[] }).received.length >= n, count, { timeout: 10_000 });
  return page.evaluate(() => (window as unknown as { received: Received[] }).received);
}

async function hasPosition(bytes: number[]): Promise<boolean> {
  const data = new Uint8Array(bytes);
  const gps = await exifr.gps(data).catch(() => undefined);
  return Boolean(gps && Number.isFinite(gps.latitude)) || (await cleanImage(data)).found.position !== undefined;
}

describe.runIf(haveChromium)('photo uploads in Chromium with the extension loaded', () => {
  let context: BrowserContext;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  const requests: string[] = [];

  beforeAll(async () => {
    const html = readFileSync('test/e2e/fixtures/upload-page.html', 'utf8');
    server = await serveFixtures((path) => (path === '/compose/photo' ? { type: 'text/html', body: html } : undefined));
    context = await launchWithExtension([HOST], server.port);
    context.on('request', (request) => requests.push(request.url()));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  async function openPage(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(PAGE);
    return page;
  }

  it('a file input receives a clean copy, with the same name and type, through input and change', async () => {
    const page = await openPage();
    await page.setInputFiles('#media', [
      { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: GPS_PHOTO },
      { name: 'IMG_0002.HEIC', mimeType: 'image/heic', buffer: GPS_HEIC },
    ]);
    const files = await received(page, 4);
    expect(files.map((file) => `${file.via} ${file.name} ${file.type}`).sort()).toEqual([
      'change IMG_0001.jpg image/jpeg',
      'change IMG_0002.HEIC image/heic',
      'input IMG_0001.jpg image/jpeg',
      'input IMG_0002.HEIC image/heic',
    ]);
    for (const file of files) expect(await hasPosition(file.bytes), `${file.via} ${file.name}`).toBe(false);
    const jpeg = files.find((file) => file.name === 'IMG_0001.jpg')!;
    expect(jpeg.bytes.length).toBe(GPS_PHOTO.length); // location mode edits in place
    await page.close();
  }, 30_000);

  it.each([
    { via: 'drop', target: '#dropzone', text: 'droppedText' },
    { via: 'paste', target: '#editor', text: 'pastedText' },
  ] as const)('a $via delivers clean files and the text that came with them', async ({ via, target, text }) => {
    const page = await openPage();
    await dispatchWithFiles(page, via, target, [{ name: 'drone.jpg', type: 'image/jpeg', bytes: [...GPS_PHOTO] }]);
    const [file] = await received(page, 1);
    expect(file).toMatchObject({ via, name: 'drone.jpg', type: 'image/jpeg', lastModified: 1_700_000_000_000 });
    expect(await hasPosition(file!.bytes)).toBe(false);
    expect(await page.evaluate((key) => (window as unknown as Record<string, string>)[key], text)).toBe('caption that came along');
    await page.close();
  }, 30_000);

  it('files without location and files that are not images arrive untouched', async () => {
    const page = await openPage();
    await page.setInputFiles('#media', [
      { name: 'plain.jpg', mimeType: 'image/jpeg', buffer: PLAIN_PHOTO },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('GPS 60.17 N') },
    ]);
    const files = await received(page, 4);
    expect(Buffer.from(files.find((file) => file.name === 'plain.jpg')!.bytes).equals(PLAIN_PHOTO)).toBe(true);
    expect(Buffer.from(files.find((file) => file.name === 'notes.txt')!.bytes).toString()).toBe('GPS 60.17 N');
    await page.close();
  }, 30_000);

  it('holds back a photo it cannot clean until the person chooses (keyboard: Cancel, then Attach)', async () => {
    const page = await openPage();
    await page.setInputFiles('#media', [{ name: 'broken.jpg', mimeType: 'image/jpeg', buffer: BROKEN_PHOTO }]);
    // The choice takes focus, on the safe answer. The page has received nothing meanwhile.
    await page.waitForFunction(() => document.activeElement?.tagName === 'SERA-PHOTO-NOTICES', null, { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { received: unknown[] }).received.length)).toBe(0);
    await page.keyboard.press('Enter'); // Cancel
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { received: unknown[] }).received.length)).toBe(0);
    expect(await page.evaluate(() => (document.getElementById('media') as HTMLInputElement).files?.length)).toBe(0);

    await page.setInputFiles('#media', [{ name: 'broken.jpg', mimeType: 'image/jpeg', buffer: BROKEN_PHOTO }]);
    await page.waitForFunction(() => document.activeElement?.tagName === 'SERA-PHOTO-NOTICES', null, { timeout: 10_000 });
    await page.keyboard.press('Shift+Tab'); // to "Attach without cleaning"
    await page.keyboard.press('Enter');
    const files = await received(page, 2);
    expect(Buffer.from(files[0]!.bytes).equals(BROKEN_PHOTO)).toBe(true);
    await page.close();
  }, 30_000);

  it('page scripts cannot read the notice, and nothing was sent anywhere but the page itself', async () => {
    const page = await openPage();
    await page.setInputFiles('#media', [{ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: GPS_PHOTO }]);
    await received(page, 2);
    const visibleToPage = await page.evaluate(() => {
      const host = document.querySelector('sera-photo-notices');
      return { host: Boolean(host), shadowRoot: host?.shadowRoot ?? null, text: document.body.innerText };
    });
    expect(visibleToPage).toMatchObject({ host: true, shadowRoot: null });
    expect(visibleToPage.text).not.toMatch(/Removed the location/);
    expect(requests.filter((url) => !url.startsWith(`https://${HOST}/`) && !url.startsWith('chrome-extension://'))).toEqual([]);
    await page.close();
  }, 30_000);

  it('the popup cleans picked photos, shows what they told, and offers the cleaned copy', async () => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
    await popup.setInputFiles('input[type=file]', [{ name: 'drone.jpg', mimeType: 'image/jpeg', buffer: GPS_PHOTO }]);
    await popup.getByText('Removed location (47.35° N, 10.19° E) from drone.jpg.').waitFor();
    expect(await popup.locator('dd').allTextContents()).toEqual([expect.stringMatching(/^47\.35° N, 10\.19° E \(47\.354\d+, 10\.191\d+\)$/), 'Hasselblad L1D-20c', '2019-10-03 09:10:11']);
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByText('Download cleaned copy').click()]);
    expect(download.suggestedFilename()).toBe('drone.jpg');
    const cleaned = readFileSync((await download.path())!);
    expect(await hasPosition([...cleaned])).toBe(false);

    // Switching to "all" applies to uploads too.
    await popup.getByLabel('Remove everything that identifies me or my device').check();
    const page = await openPage();
    await page.setInputFiles('#media', [{ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: GPS_PHOTO }]);
    const [file] = await received(page, 1);
    const tags = (await exifr.parse(new Uint8Array(file!.bytes)).catch(() => undefined)) as Record<string, unknown> | undefined;
    expect(tags?.Make).toBeUndefined();
    expect(file!.bytes.length).toBeLessThan(GPS_PHOTO.length);
    await popup.getByLabel('Remove the location').check();
    await Promise.all([page.close(), popup.close()]);
  }, 30_000);
});
