import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionGranted, haveChromium, launchWithExtension } from './helpers/browser';
import { badgeLabel, clickInLayer, inClosedRoot, openPanel, underlines, until } from './helpers/layer';
import { posts, serveComposePages } from './helpers/sites';

/** The extension API inside the extension's worker, where these callbacks run. */
declare const chrome: typeof import('wxt/browser').browser;

const REDDIT = 'www.reddit.com';
const X = 'x.com';
/** A site the organisation added: Sera's generic adapter. */
const INTRANET = 'intranet.example.org';

/**
 * Composers wherever pages put them (issue #17): Reddit's web components (title and Post button in
 * open shadow roots), a composer that appears in a dialog after load beside another one, an editor
 * in a same-origin frame, and a textarea two shadow roots deep.
 */
describe.runIf(haveChromium)('composers and post buttons in shadow roots, dialogs and frames', () => {
  let context: BrowserContext;
  let server: Awaited<ReturnType<typeof serveComposePages>>;

  beforeAll(async () => {
    server = await serveComposePages({});
    context = await launchWithExtension([REDDIT, X, INTRANET], server.port, { extension: extensionGranted([`https://${INTRANET}/*`]) });
    const worker: Worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await worker.evaluate((host) => chrome.storage.local.set({ addedSites: [host] }), INTRANET);
    await until(
      () => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? [])),
      (matches) => matches.includes(`https://${INTRANET}/*`),
      'the added site’s content script',
    );
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  async function open(host: string, page: string): Promise<Page> {
    const tab = await context.newPage();
    await tab.goto(`https://${host}/page/${page}`);
    return tab;
  }

  const layer = <T,>(page: Page, fn: (this: ShadowRoot) => T) => inClosedRoot(page, 'sera-compose', fn);
  const dialogText = (page: Page) => layer(page, function () { return (this.querySelector('dialog[open]') as HTMLElement | null)?.innerText ?? null; });
  const badges = (page: Page) => layer(page, function () { return [...this.querySelectorAll('.badge')].map((badge) => badge.getAttribute('aria-label')); });
  const selectAllAndType = async (page: Page, text: string) => {
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(text, { delay: 5 });
  };

  describe('Reddit: create post (title in a shadow root, body slotted, Post inside r-post-form-submit-button)', () => {
    const title = 'faceplate-textarea-input[name="title"] textarea';
    const body = '[data-lexical-editor="true"]';
    const post = '#inner-post-submit-button';
    const readTitle = (page: Page) => page.evaluate(() => (window as unknown as { readTitle(): string }).readTitle());

    it('flags a codename in the title under the word; the card says it is in the title, and its fix edits the title', async () => {
      const page = await open(REDDIT, 'reddit-submit');
      await page.locator(title).click();
      await page.keyboard.type('Launching Tern next week', { delay: 5 });
      await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'the badge');
      const box = await page.locator(title).boundingBox();
      const lines = await until(() => underlines(page), (found) => found?.length === 1, 'one underline');
      expect(lines![0]!.top).toBeGreaterThan(box!.y);
      expect(lines![0]!.top).toBeLessThan(box!.y + box!.height);
      expect(lines![0]!.left).toBeGreaterThan(box!.x);

      await openPanel(page);
      const card = await until(() => layer(page, function () { return (this.querySelector('.panel .card') as HTMLElement | null)?.innerText ?? null; }), (text) => !!text, 'the card');
      expect(card).toMatch(/In the title[\s\S]*Internal codenames are confidential/);
      mkdirSync('test/artefacts', { recursive: true });
      await page.screenshot({ path: 'test/artefacts/card-reddit-title.png' });
      await clickInLayer(page, 'Replace with “an internal project”');
      await until(() => readTitle(page), (text) => text === 'Launching an internal project next week', 'the fix in the title');
      await until(() => badgeLabel(page), (label) => label === null, 'no findings');
      await page.close();
    }, 40_000);

    it('a title the site filled in (submit?title=…) is checked at the press, though nobody focused it', async () => {
      const page = await open(REDDIT, `reddit-submit?title=${encodeURIComponent('Our Tern launch')}`);
      await page.locator(body).click();
      await page.keyboard.type('Hello all', { delay: 5 });
      await page.locator(post).click();
      expect(await until(() => dialogText(page), (text) => !!text, 'the dialog')).toMatch(/“Tern” \(in the title\)/);
      expect(await posts(page)).toEqual([]);
      await clickInLayer(page, 'Post anyway');
      await until(() => posts(page), (sent) => sent.length === 1, 'the post');
      expect(await posts(page)).toEqual(['Our Tern launch | Hello all']);
      await page.close();
    }, 40_000);

    it('a block finding in the title or in the body holds the real shadowed Post button; a clean post goes at once', async () => {
      const page = await open(REDDIT, 'reddit-submit');
      await page.locator(title).click();
      await page.keyboard.type('Our Tern launch', { delay: 5 });
      await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'the title’s finding');
      await page.locator(body).click();
      await page.keyboard.type('Hello all', { delay: 5 });
      await page.locator(post).click();
      expect(await until(() => dialogText(page), (text) => !!text, 'the dialog')).toMatch(/“Tern” \(in the title\)/);
      expect(await posts(page)).toEqual([]);
      await page.keyboard.press('Escape');
      // Going back puts the caret in the title, where the finding is.
      await until(() => page.evaluate(() => document.querySelector('faceplate-textarea-input')!.shadowRoot!.activeElement?.tagName ?? null), (tag) => tag === 'TEXTAREA', 'focus back in the title');
      await page.locator(post).click();
      await until(() => dialogText(page), (text) => !!text, 'the dialog again');
      await clickInLayer(page, 'Post anyway');
      await until(() => posts(page), (sent) => sent.length === 1, 'the post');
      expect(await posts(page)).toEqual(['Our Tern launch | Hello all']);

      // The title is clean now; a codename in the body holds the press the same way.
      await page.locator(title).click();
      await selectAllAndType(page, 'Launch day');
      await page.locator(body).click();
      await selectAllAndType(page, 'We shipped Project Phoenix');
      await page.locator(post).click();
      const text = await until(() => dialogText(page), (found) => !!found, 'the dialog for the body');
      expect(text).toMatch(/“Project Phoenix”: Internal codenames/);
      expect(text).not.toMatch(/in the title/);
      await page.keyboard.press('Escape');
      await until(() => dialogText(page), (found) => found === null, 'the dialog to close');

      // Clean title and body: the press goes through at once.
      await page.locator(body).click();
      await selectAllAndType(page, 'We shipped it');
      await page.locator(post).click();
      await until(() => posts(page), (sent) => sent.length === 2, 'the clean post');
      expect(await posts(page)).toEqual(['Our Tern launch | Hello all', 'Launch day | We shipped it']);
      expect(await dialogText(page)).toBeNull();
      await page.close();
    }, 60_000);
  });

  it('X: a composer that appears in a dialog after load is found by its focus, and each Post holds only its own draft', async () => {
    const page = await open(X, 'x-home');
    await page.locator('main [data-testid="tweetTextarea_0"]').click();
    await page.keyboard.type('Working on Tern', { delay: 5 });
    await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'the inline composer’s badge');

    // The dialog's composer takes focus itself: typing goes straight in, without a click.
    await page.locator('[data-testid="SideNav_NewTweet_Button"]').click();
    await until(() => page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]')), (focused) => focused, 'focus in the dialog’s composer');
    await page.keyboard.type('Lovely day', { delay: 5 });
    await page.locator('[role="dialog"] [data-testid="tweetButton"]').click();
    await until(() => posts(page), (sent) => sent.length === 1, 'the clean post from the dialog');
    expect(await posts(page)).toEqual(['Lovely day']);
    expect(await dialogText(page)).toBeNull();

    await page.locator('[role="dialog"] [data-testid="tweetTextarea_0"]').click();
    await page.keyboard.type(' with Bluefin', { delay: 5 });
    await until(() => badges(page), (labels) => labels?.length === 2, 'a badge on each composer');
    await page.locator('[role="dialog"] [data-testid="tweetButton"]').click();
    const inDialog = await until(() => dialogText(page), (text) => !!text, 'the dialog for the dialog’s draft');
    expect(inDialog).toMatch(/“Bluefin”/);
    expect(inDialog).not.toMatch(/Tern/);
    await page.keyboard.press('Escape');
    await until(() => dialogText(page), (text) => text === null, 'the dialog to close');

    await page.locator('[data-testid="tweetButtonInline"]').click();
    const inline = await until(() => dialogText(page), (text) => !!text, 'the dialog for the inline draft');
    expect(inline).toMatch(/“Tern”/);
    expect(inline).not.toMatch(/Bluefin/);
    await clickInLayer(page, 'Post anyway');
    await until(() => posts(page), (sent) => sent.length === 2, 'the inline post');
    expect(await posts(page)).toEqual(['Lovely day', 'Working on Tern']);
    await page.close();
  }, 60_000);

  describe('an added site: a TinyMCE-style editor in a same-origin frame, a textarea two shadow roots deep, a rich editor in a shadow root', () => {
    it('the framed editor is underlined over the frame, and the form’s Publish button is held for it', async () => {
      const page = await open(INTRANET, 'intranet');
      const frameBody = page.frameLocator('#mce_0_ifr').locator('body');
      await frameBody.click();
      await page.keyboard.type('Proud of the Project Phoenix work at Acme', { delay: 5 });
      await until(() => badgeLabel(page), (label) => label === '2 policy warnings', 'the badge');
      // Drawn from the top frame: the underlines sit inside the frame's box on the page.
      const frame = (await page.locator('#mce_0_ifr').boundingBox())!;
      const lines = await until(() => underlines(page), (found) => found?.length === 2, 'two underlines');
      for (const line of lines!) {
        expect(line.left).toBeGreaterThan(frame.x);
        expect(line.top).toBeGreaterThan(frame.y);
        expect(line.top).toBeLessThan(frame.y + frame.height);
      }
      const [phoenix] = await page.frameLocator('#mce_0_ifr').locator('body').evaluate((root) => {
        const text = root.querySelector('p')!.firstChild as Text;
        const range = root.ownerDocument.createRange();
        range.setStart(text, text.data.indexOf('Project Phoenix'));
        range.setEnd(text, text.data.indexOf('Project Phoenix') + 'Project Phoenix'.length);
        return [...range.getClientRects()].map(({ left, bottom }) => ({ left, bottom }));
      });
      const offset = await page.locator('#mce_0_ifr').evaluate((element) => {
        const box = element.getBoundingClientRect();
        return { x: box.left + element.clientLeft, y: box.top + element.clientTop };
      });
      expect(Math.abs(lines![0]!.left - (phoenix!.left + offset.x))).toBeLessThanOrEqual(1);
      expect(Math.abs(lines![0]!.top - (phoenix!.bottom + offset.y))).toBeLessThanOrEqual(3);

      await page.locator('#news .post').click();
      expect(await until(() => dialogText(page), (text) => !!text, 'the dialog')).toMatch(/“Project Phoenix”/);
      expect(await posts(page)).toEqual([]);
      await clickInLayer(page, 'Post anyway');
      await until(() => posts(page), (sent) => sent.length === 1, 'the post');

      await frameBody.click();
      await selectAllAndType(page, 'Lovely day');
      await page.locator('#news .post').click();
      await until(() => posts(page), (sent) => sent.length === 2, 'the clean post at once');
      expect(await posts(page)).toEqual(['Proud of the Project Phoenix work at Acme', 'Lovely day']);
      expect(await dialogText(page)).toBeNull();
      await page.close();
    }, 60_000);

    it('a rich editor rendered in a shadow root is underlined under the words, its fix goes into the editor’s model, and its Post is held', async () => {
      const page = await open(INTRANET, 'intranet');
      const editor = page.locator('note-editor .ProseMirror');
      const readNote = () => page.evaluate(() => (window as unknown as { readNote(): string }).readNote());
      await editor.click();
      await page.keyboard.type('Great work on Tern by the team', { delay: 5 });
      await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'the badge');
      const word = await editor.evaluate((root) => {
        const text = root.querySelector('p')!.firstChild as Text;
        const range = document.createRange();
        range.setStart(text, text.data.indexOf('Tern'));
        range.setEnd(text, text.data.indexOf('Tern') + 4);
        const { left, bottom, width } = range.getBoundingClientRect();
        return { left, bottom, width };
      });
      const lines = await until(() => underlines(page), (found) => found?.length === 1, 'one underline');
      expect(Math.abs(lines![0]!.left - word.left)).toBeLessThanOrEqual(1);
      expect(Math.abs(lines![0]!.width - word.width)).toBeLessThanOrEqual(1);
      expect(Math.abs(lines![0]!.top - word.bottom)).toBeLessThanOrEqual(3);

      await page.locator('note-editor button').click();
      await until(() => dialogText(page), (text) => !!text, 'the dialog');
      await page.keyboard.press('Escape');
      await until(() => dialogText(page), (text) => text === null, 'the dialog to close');
      expect(await posts(page)).toEqual([]);

      await openPanel(page);
      await clickInLayer(page, 'Replace with “an internal project”');
      await until(() => readNote(), (text) => text === 'Great work on an internal project by the team', 'the fix in the editor’s model');
      await until(() => badgeLabel(page), (label) => label === null, 'no findings');
      await page.locator('note-editor button').click();
      await until(() => posts(page), (sent) => sent.length === 1, 'the clean note at once');
      expect(await posts(page)).toEqual(['note: Great work on an internal project by the team']);
      await page.close();
    }, 60_000);

    it('the deep textarea is flagged; Ctrl+Enter inside the shadow root and its Share button are held; a clean status goes at once', async () => {
      const page = await open(INTRANET, 'intranet');
      const status = page.locator('status-box status-field textarea');
      await status.click();
      await page.keyboard.type('Working on Tern', { delay: 5 });
      await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'the badge');
      await page.keyboard.press('Control+Enter');
      expect(await until(() => dialogText(page), (text) => !!text, 'the dialog after Ctrl+Enter')).toMatch(/“Tern”/);
      await clickInLayer(page, 'Post anyway');
      await until(() => posts(page), (sent) => sent.length === 1, 'the status');
      expect(await posts(page)).toEqual(['status: Working on Tern']);

      await page.locator('status-box status-field button').click();
      await until(() => dialogText(page), (text) => !!text, 'the dialog after Share');
      await page.keyboard.press('Escape');
      await until(() => dialogText(page), (text) => text === null, 'the dialog to close');
      expect(await posts(page)).toHaveLength(1);

      await status.click();
      await selectAllAndType(page, 'Fine day');
      await page.locator('status-box status-field button').click();
      await until(() => posts(page), (sent) => sent.length === 2, 'the clean status at once');
      expect(await posts(page)).toEqual(['status: Working on Tern', 'status: Fine day']);
      await page.close();
    }, 60_000);
  });
});
