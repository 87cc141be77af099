import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchWithExtension, type serveFixtures } from './helpers/browser';
import { badgeLabel, clickInLayer, inClosedRoot, openPanel, until } from './helpers/layer';
import { model, serveComposePages } from './helpers/sites';

// The demo pack's approved post about Skylark, which launched in January 2026.
const SKYLARK_POST = 'Skylark is out! Proud of the team that built it. Views are my own. #employee #AcmeSkylark https://acme.example/skylark';

const SITES = [
  { name: 'x', host: 'x.com', editor: '[data-testid="tweetTextarea_0"]' },
  { name: 'linkedin', host: 'www.linkedin.com', editor: '.ql-editor' },
] as const;

describe.runIf(haveChromium)('approved posts in the composer', () => {
  let context: BrowserContext;
  let server: Awaited<ReturnType<typeof serveFixtures>>;

  beforeAll(async () => {
    server = await serveComposePages(Object.fromEntries(SITES.map((site) => [site.host, site.name])));
    context = await launchWithExtension(
      SITES.map((site) => site.host),
      server.port,
    );
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  const offers = (page: Page) =>
    inClosedRoot(page, 'sera-compose', function () {
      return [...this.querySelectorAll('.offer .message')].map((message) => message.textContent);
    });

  it.each(SITES)('on $name, writing about a launched product offers its approved post, and using it puts the post in through the editor', async (site) => {
    const page = await context.newPage();
    await page.goto(`https://${site.host}/compose`);
    await page.locator(site.editor).click();
    await page.keyboard.type('Skylark finally shipped', { delay: 5 });
    await until(() => badgeLabel(page), (label) => !!label, 'the badge');
    await openPanel(page);
    expect(await until(() => offers(page), (found) => (found?.length ?? 0) > 0, 'the approved post')).toEqual([SKYLARK_POST]);
    await clickInLayer(page, 'Use this post');
    await until(() => model(page), (text) => text === SKYLARK_POST, "the post in the editor's own model").catch(async (error: Error) => {
      const shown = await inClosedRoot(page, 'sera-compose', function () { return (this.querySelector('.panel') as HTMLElement | null)?.innerText ?? null; });
      throw new Error(`${error.message}; the panel showed: ${JSON.stringify(shown)}`);
    });
    // The approved post passes the pack: once re-checked, no warning is left.
    await until(() => inClosedRoot(page, 'sera-compose', function () { return this.querySelectorAll('.card').length; }), (cards) => cards === 0, 'no findings on the approved post');
    await page.close();
  }, 40_000);

  it('a draft that names no product gets no offer', async () => {
    const page = await context.newPage();
    await page.goto('https://x.com/compose');
    await page.locator(SITES[0].editor).click();
    await page.keyboard.type('Proud of the Project Phoenix work', { delay: 5 });
    await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'the badge');
    await openPanel(page);
    expect(await offers(page)).toEqual([]);
    await page.close();
  }, 40_000);
});
