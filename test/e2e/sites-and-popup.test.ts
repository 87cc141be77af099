import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromeExtensionId, EXTENSION_PUBLIC_KEY } from '../../src/managed/extension-id';
import { extensionGranted, haveChromium, launchWithExtension } from './helpers/browser';
import { badgeLabel, clickInLayer, inClosedRoot, openPanel, underlines, until } from './helpers/layer';
import { model, posts, serveComposePages } from './helpers/sites';

/** The extension API inside the extension's own pages and worker, where these callbacks run. */
declare const chrome: typeof import('wxt/browser').browser;

const MASTODON = 'mastodon.social';
/** A Mastodon instance nobody added: Sera must not run there. */
const OTHER_INSTANCE = 'fosstodon.org';
/** A site with a composer Sera has no adapter for: a bare contenteditable. */
const PLAIN_SITE = 'updates.example.org';


async function extensionWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

describe.runIf(haveChromium)('sites added at run time, and the popup', () => {
  let context: BrowserContext;
  let server: Awaited<ReturnType<typeof serveComposePages>>;
  let worker: Worker;

  beforeAll(async () => {
    server = await serveComposePages({ [MASTODON]: 'mastodon', [OTHER_INSTANCE]: 'mastodon', [PLAIN_SITE]: 'plain', 'x.com': 'x' });
    // The person added mastodon.social and updates.example.org and accepted their permission prompts.
    context = await launchWithExtension([MASTODON, OTHER_INSTANCE, PLAIN_SITE, 'x.com'], server.port, {
      extension: extensionGranted([`https://${MASTODON}/*`, `https://${PLAIN_SITE}/*`]),
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `https://${PLAIN_SITE}` });
    worker = await extensionWorker(context);
    await worker.evaluate(() => chrome.storage.local.set({ addedSites: ['mastodon.social', 'fosstodon.org', 'updates.example.org'] }));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  async function openComposer(host: string, editor: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`https://${host}/compose`);
    await page.locator(editor).click();
    return page;
  }

  it('the extension has the ID that the manifest key gives and the admin guide documents', async () => {
    expect(new URL(worker.url()).host).toBe(await chromeExtensionId(EXTENSION_PUBLIC_KEY));
  });

  it('an added Mastodon instance gets the content script (registered at run time); others do not', async () => {
    // Only granted hosts are registered: fosstodon.org was listed, but its permission never granted.
    await until(
      () => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? [])),
      (matches) => JSON.stringify(matches) === JSON.stringify(['https://mastodon.social/*', 'https://updates.example.org/*']),
      'the run-time registration',
    );

    const page = await openComposer(MASTODON, 'textarea');
    await page.keyboard.type('Proud of the Project Phoenix work at Acme', { delay: 5 });
    await until(() => badgeLabel(page), (label) => label === '2 policy warnings', 'the badge on Mastodon');

    // The textarea's underlines come from a mirror of it: they must sit under the words.
    const expected = await page.evaluate(() => {
      const textarea = document.querySelector('textarea')!;
      const style = getComputedStyle(textarea);
      const context2d = document.createElement('canvas').getContext('2d')!;
      context2d.font = style.font;
      const box = textarea.getBoundingClientRect();
      const left = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
      const at = (before: string, word: string) => ({ left: left + context2d.measureText(before).width, width: context2d.measureText(word).width });
      return [at('Proud of the ', 'Project Phoenix'), at('Proud of the Project Phoenix work at ', 'Acme')];
    });
    const lines = await until(() => underlines(page), (found) => found?.length === 2, 'two underlines');
    lines!.forEach((line, index) => {
      expect(Math.abs(line.left - expected[index]!.left)).toBeLessThanOrEqual(1.5);
      expect(Math.abs(line.width - expected[index]!.width)).toBeLessThanOrEqual(1.5);
    });

    // Fixes go through React's own change handling.
    await openPanel(page);
    await clickInLayer(page, 'Replace with “an internal project”');
    await until(() => model(page), (text) => text === 'Proud of the an internal project work at Acme', 'the fix in React state');
    await page.keyboard.type(' now', { delay: 5 });
    expect(await model(page)).toBe('Proud of the an internal project now work at Acme');
    expect(await page.locator('textarea').inputValue()).toBe(await model(page));

    // The pre-post check holds the publish button too.
    await page.keyboard.type(' Tern', { delay: 5 });
    await page.locator('.compose-form__publish button').click();
    await until(() => inClosedRoot(page, 'sera-compose', function () { return !!this.querySelector('dialog[open]'); }), (open) => !!open, 'the dialog');
    await clickInLayer(page, 'Post anyway');
    await until(() => posts(page), (sent) => sent.length === 1, 'the post');

    const other = await openComposer(OTHER_INSTANCE, 'textarea');
    await other.keyboard.type('Proud of the Project Phoenix work at Acme', { delay: 5 });
    await other.waitForTimeout(600);
    expect(await other.evaluate(() => document.querySelector('sera-compose, sera-photo-notices'))).toBeNull();
    await Promise.all([page.close(), other.close()]);
  }, 60_000);

  it('on a composer without a known editor, fixes are offered as a corrected copy instead of typed in', async () => {
    const page = await openComposer(PLAIN_SITE, '#composer');
    await page.keyboard.type('Great work on Tern by the team', { delay: 5 });
    await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'the badge on a generic composer');
    await openPanel(page);
    await clickInLayer(page, 'Copy the corrected draft');
    await until(() => page.evaluate(() => navigator.clipboard.readText()), (text) => text === 'Great work on an internal project by the team', 'the corrected draft on the clipboard');
    // The draft itself is untouched, and the form's own submit button gets the pre-post check.
    expect(await model(page)).toBe('Great work on Tern by the team');
    await page.locator('button[type=submit]').click();
    await until(() => inClosedRoot(page, 'sera-compose', function () { return !!this.querySelector('dialog[open]'); }), (open) => !!open, 'the dialog');
    await clickInLayer(page, 'Go back and edit');
    expect(await posts(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it('the popup shows the tab’s state and pack, counts findings without text, and turns Sera off and on for the site', async () => {
    const page = await openComposer('x.com', '[data-testid="tweetTextarea_0"]');
    await page.keyboard.type('Proud of the Project Phoenix work at Acme', { delay: 5 });
    await until(() => badgeLabel(page), (label) => label === '2 policy warnings', 'the badge');

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
    // Without the "tabs" permission tab URLs are hidden: find the tab whose Sera answers for x.com.
    const tabId = await popup.evaluate(async () => {
      for (const tab of await chrome.tabs.query({})) {
        const status = await chrome.tabs.sendMessage(tab.id!, { type: 'sera:tab-status' }).catch(() => undefined);
        if ((status as { site?: string } | undefined)?.site === 'x.com') return tab.id;
      }
      return undefined;
    });
    await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html?tab=${tabId}`);
    await popup.getByText('Sera is checking drafts on x.com.').waitFor();
    await popup.getByText('2 findings in the draft you are writing.').waitFor();
    await popup.getByText('Acme Corp social media policy (demo), serial 1, revised 2026-11-20').waitFor();
    await popup.getByText('Demo pack: your organisation has not set up a policy yet.').waitFor();

    await popup.getByRole('button', { name: 'Turn Sera off on x.com' }).click();
    await popup.getByText('Sera is turned off on x.com.').waitFor();
    await until(() => badgeLabel(page), (label) => label === null, 'the badge to go');
    await page.bringToFront();
    await page.locator('[data-testid="tweetTextarea_0"]').click();
    await page.keyboard.type(' Tern', { delay: 5 });
    await page.locator('[data-testid="tweetButton"]').click();
    // Off means off: no dialog, the post goes out.
    await until(() => posts(page), (sent) => sent.length === 1, 'the post while Sera is off');

    await popup.getByRole('button', { name: 'Turn Sera on again on x.com' }).click();
    await popup.getByText('Sera is checking drafts on x.com.').waitFor();
    await page.locator('[data-testid="tweetTextarea_0"]').click();
    await page.keyboard.type(' again', { delay: 5 });
    await until(() => badgeLabel(page), (label) => label === '3 policy warnings', 'the badge again');
    await Promise.all([page.close(), popup.close()]);
  }, 60_000);
});

describe.runIf(haveChromium)('in Finnish', () => {
  it('the badge and the card speak the browser’s language', async () => {
    const server = await serveComposePages({ 'x.com': 'x' });
    const context = await launchWithExtension(['x.com'], server.port, { args: ['--lang=fi'] });
    try {
      const page = await context.newPage();
      await page.goto('https://x.com/compose');
      await page.locator('[data-testid="tweetTextarea_0"]').click();
      await page.keyboard.type('Työskentelen projektissa Tern', { delay: 5 });
      await until(() => badgeLabel(page), (label) => label === '1 huomautus some-ohjeesta', 'the Finnish badge');
      await openPanel(page);
      await clickInLayer(page, 'Korvaa tekstillä “an internal project”');
      await until(() => model(page), (text) => text === 'Työskentelen projektissa an internal project', 'the fix');
    } finally {
      await context.close();
      await server.close();
    }
  }, 60_000);
});
