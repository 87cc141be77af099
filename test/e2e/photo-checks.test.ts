import { readFileSync } from 'node:fs';
import exifr from 'exifr';
import type { BrowserContext, Page } from 'playwright-core';
import type { Browser } from 'wxt/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionGranted, haveChromium, launchWithExtension, serveFixtures } from './helpers/browser';
import { clickInLayer, inClosedRoot, until } from './helpers/layer';
import { dispatchWithFiles } from './helpers/transfer';

/** The extension API inside the extension's own worker, where these callbacks run. */
declare const chrome: typeof import('wxt/browser').browser;

const HOST = 'x.com';
const PAGE = `https://${HOST}/compose/photo`;
/** X's composer with photos: the page keeps them, each preview has its own remove button. */
const X_MEDIA = `https://${HOST}/compose/media`;
/** LinkedIn's share box with a photo: Sera knows no remove button there; the photo's tile has its own ×. */
const LINKEDIN = 'www.linkedin.com';
const LINKEDIN_MEDIA = `https://${LINKEDIN}/compose/media`;
/** A site the person added, which Sera has no adapter for: a form whose file input holds the photos. */
const PLAIN_SITE = 'updates.example.org';
// The demo pack's photo rule reads text; "Project Phoenix" matches its codename rule, whose severity is block.
const SCREENSHOT = readFileSync('test/fixtures/photo-checks/text-en-document.png');
const GPS_PHOTO = readFileSync('test/fixtures/photos/drone-exif-xmp-gps.jpg');

const noticeText = (page: Page) => inClosedRoot(page, 'sera-photo-notices', function () {
  return this.textContent ?? '';
});

/** Where the checked photo's notice is on screen, or null while there is none. */
const noticeBox = (page: Page) => inClosedRoot(page, 'sera-photo-notices', function () {
  const notice = this.querySelector('.checked')?.getBoundingClientRect();
  return notice ? { x: notice.x, y: notice.y, width: notice.width, height: notice.height } : null;
});

const noticeButtons = (page: Page) => inClosedRoot(page, 'sera-photo-notices', function () {
  return [...this.querySelectorAll('.checked button')].map((button) => button.textContent);
});

/** The pre-post confirmation's text, or null while none is open (or Sera's layer was never needed). */
const confirmation = async (page: Page) =>
  (await inClosedRoot(page, 'sera-compose', function () {
    return this.querySelector('dialog[open]')?.textContent ?? null;
  })) ?? null;

/** What the fixture page's Post (or Share) published: the photos the page still had. */
const published = (page: Page) => page.evaluate(() => (window as unknown as { posts: { photos: string[] }[] }).posts);

/**
 * Presses the page's Post: the confirmation opens and names `finding`; the page published nothing;
 * "Go back and edit" closes it.
 */
async function heldForPhoto(page: Page, postButton: string, finding: string): Promise<void> {
  await page.click(postButton);
  expect(await until(() => confirmation(page), (text) => !!text, 'the pre-post confirmation')).toContain(finding);
  expect(await published(page)).toEqual([]);
  await clickInLayer(page, 'Go back and edit');
  await until(() => confirmation(page), (text) => text === null, 'the confirmation to close');
}

/** The checked photo's notice sits right of `target` (a box on screen), level with its top; its own box. */
async function noticeBeside(page: Page, target: { x: number; y: number; width: number }) {
  const notice = (await noticeBox(page))!;
  expect(notice.x - (target.x + target.width)).toBeGreaterThanOrEqual(4);
  expect(notice.x - (target.x + target.width)).toBeLessThanOrEqual(16);
  expect(Math.abs(notice.y - target.y)).toBeLessThanOrEqual(2);
  return notice;
}

async function noticeFor(page: Page, name: string): Promise<string> {
  return (await until(() => noticeText(page), (text) => (text ?? '').includes(`In the photo ${name}: 'Project Phoenix'`), `the notice on ${name}`, 30_000))!;
}

describe.runIf(haveChromium)('photo checks in Chromium with the extension loaded', () => {
  let context: BrowserContext;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  const requests: string[] = [];

  beforeAll(async () => {
    const html = readFileSync('test/e2e/fixtures/upload-page.html', 'utf8');
    const page = (name: string) => ({ type: 'text/html', body: readFileSync(`test/e2e/fixtures/sites/${name}.html`, 'utf8') });
    const css = readFileSync('test/e2e/fixtures/fixture.css', 'utf8');
    server = await serveFixtures((path, host) => {
      if (path === '/compose/photo') return { type: 'text/html', body: html };
      if (path === '/fixture.css') return { type: 'text/css', body: css };
      if (host === HOST && path === '/compose/media') return page('x-media');
      if (host === LINKEDIN && path === '/compose/media') return page('linkedin-media');
      return host === PLAIN_SITE && path === '/compose' ? page('form-upload') : undefined;
    });
    // The person added updates.example.org and accepted its permission prompt.
    context = await launchWithExtension([HOST, LINKEDIN, PLAIN_SITE], server.port, { extension: extensionGranted([`https://${PLAIN_SITE}/*`]) });
    context.on('request', (request) => requests.push(request.url()));
  }, 60_000);

  /** Requests that went anywhere but the extension and the fixture sites on loopback (the pages' own blob: previews included). */
  const outside = () =>
    requests.filter((url) => ![`https://${HOST}/`, `https://${LINKEDIN}/`, `https://${PLAIN_SITE}/`, 'chrome-extension://', `blob:https://${HOST}/`, `blob:https://${LINKEDIN}/`].some((prefix) => url.startsWith(prefix)));

  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  it('a screenshot naming a codename reaches the page at once, then a notice names the codename; nothing leaves the extension', async () => {
    const page = await context.newPage();
    await page.goto(PAGE);
    // The first photo also loads the models (lazily, in the offscreen document); the notice follows.
    await page.setInputFiles('#media', [{ name: 'IMG_1233.png', mimeType: 'image/png', buffer: SCREENSHOT }]);
    // The page has the photo before the checks answer: they never hold the upload.
    await page.waitForFunction(() => (window as unknown as { received: unknown[] }).received.length >= 2, null, { timeout: 10_000 });
    await until(() => noticeText(page), (value) => (value ?? '').includes('Sera looked at IMG_1233.png'), 'the first photo-check notice', 90_000);
    // With the models warm, the checks finish within the budget.
    await page.setInputFiles('#media', [{ name: 'IMG_1234.png', mimeType: 'image/png', buffer: SCREENSHOT }]);
    const text = await until(() => noticeText(page), (value) => (value ?? '').includes('IMG_1234.png:'), 'the second photo-check notice', 30_000);
    expect(text).toContain("In the photo IMG_1234.png: 'Project Phoenix' (confidential-codenames)");
    expect(text).toContain('Keep');
    expect(outside()).toEqual([]);
    await page.close();
  }, 120_000);

  it('a block finding in a photo: Post asks first and names it; "Remove photo" presses X\'s own remove button, and Post goes without it', async () => {
    const page = await context.newPage();
    await page.goto(X_MEDIA);
    await page.setInputFiles('[data-testid=fileInput]', [{ name: 'IMG_1235.png', mimeType: 'image/png', buffer: SCREENSHOT }]);
    await noticeFor(page, 'IMG_1235.png');
    expect(await noticeButtons(page)).toEqual(['Remove photo', 'Keep']);
    expect(await page.evaluate(() => (window as unknown as { attached: string[] }).attached)).toEqual(['IMG_1235.png']);

    await heldForPhoto(page, '[data-testid=tweetButton]', "In the photo IMG_1235.png: 'Project Phoenix' (confidential-codenames)");

    await clickInLayer(page, 'Remove photo', 'sera-photo-notices');
    // The page's own state: its list of photos and the preview with its remove button are gone.
    await page.waitForFunction(() => (window as unknown as { attached: string[] }).attached.length === 0 && !document.querySelector('[data-testid=attachments] *'), null, { timeout: 5000 });
    expect(await until(() => noticeText(page), (text) => (text ?? '').includes('Removed IMG_1235.png from the post.'), 'the removal notice')).not.toContain('Remove photo');

    await page.click('[data-testid=tweetButton]');
    expect(await published(page)).toEqual([{ photos: [] }]);
    expect(await confirmation(page)).toBeNull();
    expect(outside()).toEqual([]);
    await page.close();
  }, 60_000);

  it('"Keep" answers the finding: Post goes at once, with the photo', async () => {
    const page = await context.newPage();
    await page.goto(X_MEDIA);
    await page.setInputFiles('[data-testid=fileInput]', [{ name: 'IMG_1236.png', mimeType: 'image/png', buffer: SCREENSHOT }]);
    await noticeFor(page, 'IMG_1236.png');
    await clickInLayer(page, 'Keep', 'sera-photo-notices');
    await until(() => noticeText(page), (text) => !(text ?? '').includes('IMG_1236.png'), 'the notice to go');
    await page.click('[data-testid=tweetButton]');
    expect(await published(page)).toEqual([{ photos: ['IMG_1236.png'] }]);
    expect(await confirmation(page)).toBeNull();
    await page.close();
  }, 60_000);

  it('a finding that arrives after Post was pressed does not hold the next press', async () => {
    const page = await context.newPage();
    await page.goto(X_MEDIA);
    await page.setInputFiles('[data-testid=fileInput]', [{ name: 'IMG_1237.png', mimeType: 'image/png', buffer: SCREENSHOT }]);
    await page.waitForFunction(() => (window as unknown as { attached: string[] }).attached.length === 1);
    await page.click('[data-testid=tweetButton]');
    await noticeFor(page, 'IMG_1237.png');
    await page.click('[data-testid=tweetButton]');
    expect(await published(page)).toEqual([{ photos: ['IMG_1237.png'] }, { photos: ['IMG_1237.png'] }]);
    expect(await confirmation(page)).toBeNull();
    await page.close();
  }, 60_000);

  it("on a site whose remove buttons Sera does not know, the notice sits beside the photo's preview, follows it on scroll, and \"Remove photo\" presses the preview's own ×", async () => {
    const page = await context.newPage();
    await page.goto(LINKEDIN_MEDIA);
    await page.setInputFiles('.share-media', [{ name: 'IMG_1240.png', mimeType: 'image/png', buffer: SCREENSHOT }]);
    await noticeFor(page, 'IMG_1240.png');
    const viewport = page.viewportSize()!;
    const beside = async () => {
      // Right of the preview, level with its top: not at the bottom right of the window.
      const notice = await noticeBeside(page, (await page.locator('.tile img').boundingBox())!);
      expect(viewport.height - (notice.y + notice.height)).toBeGreaterThan(100);
      return notice;
    };
    const before = await beside();
    await page.mouse.wheel(0, 60);
    await page.waitForFunction(() => window.scrollY >= 60);
    // Re-placed in the next frame after the scroll.
    await until(async () => (await noticeBox(page))!.y, (y) => Math.abs(y - (before.y - 60)) <= 2, 'the notice to follow the scroll');
    await beside();

    await clickInLayer(page, 'Remove photo', 'sera-photo-notices');
    await page.waitForFunction(() => (window as unknown as { attached: string[] }).attached.length === 0 && !document.querySelector('.tile'), null, { timeout: 5000 });
    await until(() => noticeText(page), (text) => (text ?? '').includes('Removed IMG_1240.png from the post.'), 'the removal notice');
    // The dialog's own Dismiss was not pressed.
    expect(await page.locator('.share-box').isVisible()).toBe(true);
    await page.click('.share-actions__primary-action');
    expect(await published(page)).toEqual([{ photos: [] }]);
    expect(await confirmation(page)).toBeNull();
    expect(outside()).toEqual([]);
    await page.close();
  }, 60_000);

  it("a photo removed with the site's own ×: its notice goes, and Post no longer asks", async () => {
    const page = await context.newPage();
    await page.goto(LINKEDIN_MEDIA);
    await page.setInputFiles('.share-media', [{ name: 'IMG_1241.png', mimeType: 'image/png', buffer: SCREENSHOT }]);
    await noticeFor(page, 'IMG_1241.png');
    await heldForPhoto(page, '.share-actions__primary-action', "In the photo IMG_1241.png: 'Project Phoenix'");

    await page.click('.tile .remove');
    await until(() => noticeText(page), (text) => !(text ?? '').includes('IMG_1241.png'), 'the notice to go');
    await page.click('.share-actions__primary-action');
    expect(await published(page)).toEqual([{ photos: [] }]);
    expect(await confirmation(page)).toBeNull();
    expect(outside()).toEqual([]);
    await page.close();
  }, 60_000);

  it('on a site without a known remove button, "Remove photo" empties the file input that holds the photo', async () => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await worker.evaluate((host) => chrome.storage.local.set({ addedSites: [host] }), PLAIN_SITE);
    await until(
      () => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? [])),
      (matches) => matches.includes(`https://${PLAIN_SITE}/*`),
      'the added site to be registered',
    );
    const page = await context.newPage();
    await page.goto(`https://${PLAIN_SITE}/compose`);
    await page.setInputFiles('input[name=photos]', [{ name: 'slide.png', mimeType: 'image/png', buffer: SCREENSHOT }]);
    await noticeFor(page, 'slide.png');
    // The page shows no preview (a list of names): the notice sits beside the composer instead.
    await noticeBeside(page, (await page.locator('textarea').boundingBox())!);
    await heldForPhoto(page, 'button[type=submit]', "In the photo slide.png: 'Project Phoenix'");

    await clickInLayer(page, 'Remove photo', 'sera-photo-notices');
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('input[name=photos]')!.files!.length === 0 && !document.querySelector('#chosen li'), null, { timeout: 5000 });
    await page.click('button[type=submit]');
    expect(await published(page)).toEqual([{ photos: [] }]);
    expect(outside()).toEqual([]);
    await page.close();
  }, 60_000);

  it('a dropped photo Sera cannot tell the remove button of: the notice says how to remove it by hand', async () => {
    const page = await context.newPage();
    await page.goto(PAGE);
    await dispatchWithFiles(page, 'drop', '#dropzone', [{ name: 'IMG_1238.png', type: 'image/png', bytes: [...SCREENSHOT] }]);
    await noticeFor(page, 'IMG_1238.png');
    await clickInLayer(page, 'Remove photo', 'sera-photo-notices');
    const text = await until(() => noticeText(page), (value) => (value ?? '').includes('Sera could not tell'), 'the by-hand instructions');
    expect(text).toContain('Remove it with the remove button (×) on its preview');
    expect(await noticeButtons(page)).toEqual(['I removed it']);
    await clickInLayer(page, 'I removed it', 'sera-photo-notices');
    await until(() => noticeText(page), (value) => !(value ?? '').includes('IMG_1238.png'), 'the notice to go');
    await page.close();
  }, 60_000);

  it("the popup's Clean photos shows what the checks found", async () => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
    await popup.setInputFiles('input[type=file]', [{ name: 'slide.png', mimeType: 'image/png', buffer: SCREENSHOT }]);
    await popup.locator('p.photo-finding', { hasText: "In the photo slide.png: 'Project Phoenix' (confidential-codenames)" }).waitFor({ timeout: 60_000 });
    // The thumbnail frames the line that names the codename: render.sh writes it at x 60, baseline
    // 190 (30-point text) in the 1280×720 image, so in photo pixels the frame must hold that spot.
    const figure = popup.locator('figure.photo-boxes');
    await figure.getByRole('img', { name: 'slide.png, with the place the checks found something marked' }).waitFor();
    const image = (await figure.locator('img').boundingBox())!;
    const frame = (await figure.locator('rect.text').boundingBox())!;
    expect(image.width).toBeLessThanOrEqual(240);
    const scale = 1280 / image.width;
    expect(image.height * scale).toBeCloseTo(720, -1);
    const inPhoto = { left: (frame.x - image.x) * scale, top: (frame.y - image.y) * scale, right: (frame.x + frame.width - image.x) * scale, bottom: (frame.y + frame.height - image.y) * scale };
    expect(inPhoto.left).toBeGreaterThan(40);
    expect(inPhoto.left).toBeLessThan(75);
    expect(inPhoto.top).toBeGreaterThan(150);
    expect(inPhoto.top).toBeLessThan(175);
    expect(inPhoto.bottom).toBeGreaterThan(190);
    expect(inPhoto.bottom).toBeLessThan(215);
    expect(inPhoto.right).toBeGreaterThan(600);
    expect(await figure.locator('rect.text title').textContent()).toBe("In the photo slide.png: 'Project Phoenix' (confidential-codenames)");
    expect(await figure.locator('.legend').textContent()).toBe('Text a rule flags');
    await popup.close();
  }, 90_000);

  it('the options page shows the loaded models; turned off, uploads still lose their location and nothing is analysed', async () => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const options = await context.newPage();
    await options.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
    const cells = (check: string) => options.locator(`tr[data-check="${check}"] td`).allTextContents();
    const checkAgain = options.getByRole('button', { name: 'Check again' });
    await options.locator('tr[data-check="screens"]').waitFor();
    // The tests above loaded every model in the offscreen document; the page asked the background.
    for (const check of ['text', 'people', 'screens']) {
      const [state, size, lastLoad] = await cells(check);
      expect(state, check).toBe('Ready');
      expect(Number.parseFloat(size!), check).toBeGreaterThan(0.5);
      expect(lastLoad, check).toMatch(/\(took \d+(\.\d)? s\)$/);
    }
    // Tesseract with the Finnish, Swahili and English data: more than 7 MB.
    expect(Number.parseFloat((await cells('text'))[1]!)).toBeGreaterThan(7);

    await options.getByRole('checkbox', { name: /^Check photos on this device/ }).uncheck();
    // The models are let go; the last load stays listed.
    const [state, , lastLoad] = await until(async () => (await checkAgain.click(), cells('text')), ([value]) => value === 'Not loaded', 'the models let go', 10_000);
    expect(state).toBe('Not loaded');
    expect(lastLoad).toMatch(/took/);

    const page = await context.newPage();
    await page.goto(PAGE);
    await page.setInputFiles('#media', [{ name: 'drone.jpg', mimeType: 'image/jpeg', buffer: GPS_PHOTO }]);
    await page.waitForFunction(() => (window as unknown as { received: unknown[] }).received.length >= 2, null, { timeout: 10_000 });
    const received = await page.evaluate(() => (window as unknown as { received: { bytes: number[] }[] }).received);
    for (const file of received) expect(await exifr.gps(new Uint8Array(file.bytes)).catch(() => undefined)).toBeUndefined();
    // Nothing is analysed: a check gets an empty answer, and no offscreen document opens for it.
    const dataUrl = `data:image/png;base64,${SCREENSHOT.toString('base64')}`;
    const reply = await options.evaluate((url) => chrome.runtime.sendMessage({ type: 'sera:photo-check', name: 'a.png', dataUrl: url, site: 'x.com' }), dataUrl);
    expect(reply).toEqual({});
    expect(await options.evaluate(() => chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType] }))).toEqual([]);

    await options.getByRole('checkbox', { name: /^Check photos on this device/ }).check();
    // On again: the next photo opens the document; when it has been idle, it asks the background
    // (whose own timers die with the service worker) to close it.
    const again = await options.evaluate((url) => chrome.runtime.sendMessage({ type: 'sera:photo-check', name: 'a.png', dataUrl: url, site: 'x.com' }), dataUrl);
    expect(again.report.findings.length).toBeGreaterThan(0);
    const offscreenDocuments = () => options.evaluate(() => chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType] }));
    expect(await offscreenDocuments()).toHaveLength(1);
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'sera:photo-analyzer-idle' }));
    await until(offscreenDocuments, (documents) => documents.length === 0, 'the idle document closed', 10_000);
    await page.close();
    await options.close();
  }, 90_000);
});
