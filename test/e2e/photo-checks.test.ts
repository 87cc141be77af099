import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchWithExtension, serveFixtures } from './helpers/browser';
import { inClosedRoot, until } from './helpers/layer';

const HOST = 'x.com';
const PAGE = `https://${HOST}/compose/photo`;
const SCREENSHOT = readFileSync('test/fixtures/photo-checks/text-en-document.png');

const noticeText = (page: Page) => inClosedRoot(page, 'sera-photo-notices', function () {
  return this.textContent ?? '';
});

describe.runIf(haveChromium)('photo checks in Chromium with the extension loaded', () => {
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
    expect(requests.filter((url) => !url.startsWith(`https://${HOST}/`) && !url.startsWith('chrome-extension://'))).toEqual([]);
    await page.close();
  }, 120_000);

  it("the popup's Clean photos shows what the checks found", async () => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
    await popup.setInputFiles('input[type=file]', [{ name: 'slide.png', mimeType: 'image/png', buffer: SCREENSHOT }]);
    await popup.getByText("In the photo slide.png: 'Project Phoenix' (confidential-codenames)", { exact: false }).waitFor({ timeout: 60_000 });
    await popup.close();
  }, 90_000);
});
