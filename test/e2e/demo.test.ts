import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromeExtensionId, EXTENSION_PUBLIC_KEY } from '../../src/managed/extension-id';
import { haveChromium, launchWithExtension } from './helpers/browser';
import { badgeLabel, clickInLayer, inClosedRoot, until } from './helpers/layer';

const DEMO = `chrome-extension://${await chromeExtensionId(EXTENSION_PUBLIC_KEY)}/demo.html`;
const KINDS = ['draft', 'lexical', 'quill', 'tiptap', 'textarea'];

const layer = <T,>(page: Page, fn: (this: ShadowRoot) => T) => inClosedRoot(page, 'sera-compose', fn);
const badgeCount = (page: Page) => layer(page, function () { return this.querySelectorAll('.badge').length; });
const dialogOpen = (page: Page) => layer(page, function () { return !!this.querySelector('dialog[open]'); });
const composer = (page: Page, kind: string) => page.locator(`form[data-kind="${kind}"]`);

describe.runIf(haveChromium)('the demo page (what npm start opens)', () => {
  let context: BrowserContext;
  let page: Page;
  /** Everything the page loaded from outside the extension: the demo works offline. */
  const outside: string[] = [];

  beforeAll(async () => {
    // No site is served: the demo needs nothing but the extension.
    context = await launchWithExtension([], 0);
    context.on('request', (request) => {
      if (!/^(chrome-extension|data|blob):/.test(request.url())) outside.push(request.url());
    });
    page = await context.newPage();
    await page.goto(DEMO);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
  });

  it('checks every kind of composer with the content script itself: each example is underlined and counted', async () => {
    for (const [i, kind] of KINDS.entries()) {
      await composer(page, kind).getByRole('button', { name: 'Fill in the example' }).click();
      await until(() => badgeCount(page), (count) => count === i + 1, `a badge on the ${kind} composer`);
    }
    const lines = await layer(page, function () { return this.querySelectorAll('.underline').length; });
    expect(lines).toBeGreaterThanOrEqual(KINDS.length);
    expect(await badgeLabel(page)).toMatch(/policy warning/);
  }, 60_000);

  it('shows the card with its fix, and the fix edits the draft (Draft.js)', async () => {
    await composer(page, 'draft').locator('[contenteditable="true"]').click();
    await page.keyboard.press('Alt+Shift+S');
    await until(() => layer(page, function () { return this.activeElement?.textContent ?? null; }), (text) => text === 'Replace with “an internal project”', 'focus on the fix');
    expect(await layer(page, function () { return (this.querySelector('.panel .card') as HTMLElement | null)?.innerText ?? ''; })).toMatch(/Internal codenames are confidential/);
    await page.keyboard.press('Enter');
    await until(() => composer(page, 'draft').locator('[contenteditable="true"]').innerText(), (text) => text.includes('an internal project') && !text.includes('Phoenix'), 'the fixed draft');
  }, 30_000);

  it('asks "Post anyway?" before posting an unannounced product, and posts after it', async () => {
    await composer(page, 'lexical').getByRole('button', { name: 'Post', exact: true }).click();
    await until(() => dialogOpen(page), (open) => !!open, 'the confirm dialog');
    await expect(composer(page, 'lexical').locator('.posted').count()).resolves.toBe(0);
    await clickInLayer(page, 'Post anyway');
    await until(() => composer(page, 'lexical').locator('.posted').count(), (count) => count === 1, 'the post');
    expect(await composer(page, 'lexical').locator('.posted').innerText()).toMatch(/Nova/);
  }, 30_000);

  it('removes the sample photo’s GPS position before the page receives it', async () => {
    await until(() => page.getByText(/The sample photo was taken at/).count(), (count) => count === 1, 'the sample’s position');
    expect(await page.getByText(/The sample photo was taken at/).innerText()).toContain('47.35° N, 10.19° E');
    await page.getByRole('button', { name: 'Attach the sample photo' }).click();
    await until(() => page.locator('.received li').count(), (count) => count === 1, 'the received photo');
    expect(await page.locator('.received li').innerText()).toBe('The page received sample-photo.jpg with this location: none');
  }, 30_000);

  it('shows what a pack set by the organisation looks like, and loaded nothing from outside', async () => {
    const pack = page.locator('article.pack');
    await until(() => pack.count(), (count) => count === 1, 'the pack card');
    expect(await pack.innerText()).toMatch(/Acme Corp social media policy \(demo\)[\s\S]*packs\.acme\.example[\s\S]*Set by your organisation/);
    expect(outside).toEqual([]);
  });
});
