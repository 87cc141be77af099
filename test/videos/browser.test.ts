import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanVideo } from '../../src/videos/clean';
import { memorySource } from '../../src/videos/source';
import { haveChromium, launchWithExtension, serveFixtures } from '../e2e/helpers/browser';
import { mediaDataHash, VIDEO_FIXTURES } from './helpers';

// The extension as built (.output/chrome-mv3), in Chromium, on the photo-upload fixture page.

const HOST = 'x.com';
const PAGE = `https://${HOST}/compose/photo`;
const IPHONE = readFileSync(`${VIDEO_FIXTURES}/iphone-keys-iso6709.mov`);
// The page hands every byte it receives back as a number array: small videos keep that quick.
const SMALL_MOV = readFileSync(`${VIDEO_FIXTURES}/mov-xmp-keys-gps.mov`);
const SMALL_MP4 = readFileSync(`${VIDEO_FIXTURES}/mp4-xmp-uuid-gps.mp4`);

interface Received {
  via: string;
  name: string;
  type: string;
  bytes: number[];
}

async function received(page: Page, count: number): Promise<Received[]> {
  await page.waitForFunction((n) => (window as unknown as { received: unknown[] }).received.length >= n, count, { timeout: 15_000 });
  return page.evaluate(() => (window as unknown as { received: Received[] }).received);
}

async function expectCleanedCopyOf(original: Buffer, bytes: number[] | Buffer): Promise<void> {
  const copy = new Uint8Array(bytes);
  expect(copy.length).toBe(original.length);
  expect(mediaDataHash(copy)).toBe(mediaDataHash(original));
  expect(await cleanVideo(memorySource(copy))).toMatchObject({ cleaned: true, found: {}, patches: [] });
}

describe.runIf(haveChromium)('video uploads in Chromium with the extension loaded', () => {
  let context: BrowserContext;
  let server: Awaited<ReturnType<typeof serveFixtures>>;

  beforeAll(async () => {
    const html = readFileSync('test/e2e/fixtures/upload-page.html', 'utf8');
    server = await serveFixtures((path) => (path === '/compose/photo' ? { type: 'text/html', body: html } : undefined));
    context = await launchWithExtension([HOST], server.port);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  it('a file input and a drop receive cleaned copies of videos, samples unchanged', async () => {
    const page = await context.newPage();
    await page.goto(PAGE);
    await page.setInputFiles('#media', [{ name: 'IMG_0001.MOV', mimeType: 'video/quicktime', buffer: SMALL_MOV }]);
    const picked = await received(page, 2);
    expect(picked.map((file) => `${file.via} ${file.name} ${file.type}`).sort()).toEqual(['change IMG_0001.MOV video/quicktime', 'input IMG_0001.MOV video/quicktime']);
    for (const file of picked) await expectCleanedCopyOf(SMALL_MOV, file.bytes);

    await page.evaluate((bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], 'VID_0001.mp4', { type: 'video/mp4' }));
      document.querySelector('#dropzone')!.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, composed: true, dataTransfer: transfer }));
    }, [...SMALL_MP4]);
    const dropped = (await received(page, 3)).find((file) => file.via === 'drop')!;
    expect(dropped).toMatchObject({ name: 'VID_0001.mp4', type: 'video/mp4' });
    await expectCleanedCopyOf(SMALL_MP4, dropped.bytes);
    await page.close();
  }, 90_000);

  it('a WebM picked in a file input reaches the page without its location tags', async () => {
    const webm = readFileSync(`${VIDEO_FIXTURES}/webm-tags-location.webm`);
    const page = await context.newPage();
    await page.goto(PAGE);
    await page.setInputFiles('#media', [{ name: 'screen.webm', mimeType: 'video/webm', buffer: webm }]);
    const picked = await received(page, 2);
    for (const file of picked) {
      expect(file).toMatchObject({ name: 'screen.webm', type: 'video/webm' });
      const copy = Buffer.from(file.bytes);
      expect(copy.length).toBe(webm.length);
      // Only the Tags, after the last Cluster, change.
      const tags = webm.lastIndexOf(Buffer.from([0x12, 0x54, 0xc3, 0x67]));
      expect(copy.subarray(0, tags).equals(webm.subarray(0, tags))).toBe(true);
      expect(copy.includes('LOCATION')).toBe(false);
      expect(await cleanVideo(memorySource(new Uint8Array(copy)))).toMatchObject({ cleaned: true, found: {}, patches: [] });
    }
    await page.close();
  }, 60_000);

  it('the popup cleans a picked video and offers the cleaned copy', async () => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
    await popup.setInputFiles('input[type=file]', [{ name: 'IMG_0001.MOV', mimeType: 'video/quicktime', buffer: IPHONE }]);
    await popup.getByText('Removed location (1.29° S, 36.82° E) from IMG_0001.MOV.').waitFor();
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByText('Download cleaned copy').click()]);
    expect(download.suggestedFilename()).toBe('IMG_0001.MOV');
    await expectCleanedCopyOf(IPHONE, readFileSync((await download.path())!));
    await popup.close();
  }, 60_000);
});
