import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchWithExtension, type serveFixtures } from './helpers/browser';
import { badgeLabel, clickInLayer, inClosedRoot, openPanel, underlines, until } from './helpers/layer';
import { model, posts, serveComposePages } from './helpers/sites';

interface Site {
  readonly name: string;
  readonly host: string;
  /** The editable root, as the page's own scripts would find it. */
  readonly editor: string;
  /** The editor's block elements, for reading what the screen shows; none for textareas. */
  readonly blocks?: string;
  readonly post: string;
  /** ProseMirror turns a pasted blank line into one paragraph break. */
  readonly blankLinesCollapse?: boolean;
}

const SITES: readonly Site[] = [
  { name: 'x', host: 'x.com', editor: '[data-testid="tweetTextarea_0"]', blocks: '[data-block="true"]', post: '[data-testid="tweetButton"]' },
  { name: 'linkedin', host: 'www.linkedin.com', editor: '.ql-editor', blocks: ':scope > *', post: '.share-actions__primary-action' },
  { name: 'facebook', host: 'www.facebook.com', editor: '[data-lexical-editor="true"]', blocks: ':scope > *', post: '.post' },
  { name: 'instagram', host: 'www.instagram.com', editor: '[data-lexical-editor="true"]', blocks: ':scope > *', post: '.post' },
  { name: 'threads', host: 'www.threads.net', editor: '[data-lexical-editor="true"]', blocks: ':scope > *', post: '.post' },
  { name: 'reddit', host: 'www.reddit.com', editor: '[data-lexical-editor="true"]', blocks: ':scope > *', post: 'shreddit-composer button' },
  { name: 'bluesky', host: 'bsky.app', editor: '.ProseMirror', blocks: ':scope > *', post: '[data-testid="composerPublishBtn"]', blankLinesCollapse: true },
];

const ARTEFACTS = 'test/artefacts';

describe.runIf(haveChromium)('the compose-box guard on each site, with the real editors', () => {
  let context: BrowserContext;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  const requests: string[] = [];

  beforeAll(async () => {
    server = await serveComposePages(Object.fromEntries(SITES.map((site) => [site.host, site.name])));
    context = await launchWithExtension(
      SITES.map((site) => site.host),
      server.port,
    );
    context.on('request', (request) => requests.push(request.url()));
    mkdirSync(ARTEFACTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  async function open(site: Site): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`https://${site.host}/compose`);
    await page.locator(site.editor).click();
    return page;
  }

  /** Presses a key at a person's pace: Lexical learns of caret moves from `selectionchange`, a task later. */
  const press = async (page: Page, key: string) => {
    await page.keyboard.press(key);
    await page.waitForTimeout(30);
  };
  /** What the screen shows: the text of each block of the editor, one line each. */
  const screenText = (page: Page, site: Site) =>
    page.evaluate(
      ({ editor, blocks }) => {
        const root = document.querySelector(editor)!;
        return [...root.querySelectorAll(blocks!)].map((block) => block.textContent).join('\n');
      },
      { editor: site.editor, blocks: site.blocks },
    );

  const layer = <T,>(page: Page, fn: (this: ShadowRoot) => T) => inClosedRoot(page, 'sera-compose', fn);

  /** Where the page itself puts the text `words`: one rectangle per line. */
  const textRects = (page: Page, site: Site, words: string) =>
    page.evaluate(
      ({ editor, words }) => {
        const walker = document.createTreeWalker(document.querySelector(editor)!, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = (node as Text).data.indexOf(words);
          if (at < 0) continue;
          const range = new Range();
          range.setStart(node, at);
          range.setEnd(node, at + words.length);
          return [...range.getClientRects()].map(({ left, bottom, width }) => ({ left, bottom, width }));
        }
        return [];
      },
      { editor: site.editor, words },
    );

  it('the card follows the caret into a flagged word, and the keyboard reaches every finding (X)', async () => {
    const site = SITES[0]!;
    const page = await open(site);
    await page.keyboard.type('Proud of the Project Phoenix work at Acme', { delay: 5 });
    await until(() => badgeLabel(page), (label) => label === '2 policy warnings', 'the badge');
    // Typing up to a flagged word shows no card; clicking into it shows its card, and the caret stays in the editor.
    expect(await layer(page, function () { return !!this.querySelector('.floating:not(.panel)'); })).toBe(false);
    const [word] = await textRects(page, site, 'Phoenix');
    await page.mouse.click(word!.left + 5, word!.bottom - 5);
    const card = await until(
      () => layer(page, function () { return (this.querySelector('.floating:not(.panel) .card') as HTMLElement | null)?.innerText ?? null; }),
      (text) => !!text,
      'the caret card',
    );
    expect(card).toMatch(/Internal codenames are confidential/);
    expect(await page.evaluate((editor) => document.activeElement === document.querySelector(editor), site.editor)).toBe(true);
    await page.keyboard.press('Home');
    await until(() => layer(page, function () { return !!this.querySelector('.floating:not(.panel)'); }), (shown) => !shown, 'the card to go with the caret');

    // Alt+Shift+S opens the findings with focus on the first fix; Enter applies it; Escape returns to the draft.
    await page.keyboard.press('Alt+Shift+S');
    await until(() => layer(page, function () { return this.activeElement?.textContent ?? null; }), (text) => text === 'Replace with “an internal project”', 'focus on the first fix');
    await page.keyboard.press('Enter');
    await until(() => model(page), (text) => text === 'Proud of the an internal project work at Acme', 'the fix by keyboard');
    await page.keyboard.press('Alt+Shift+S');
    await until(() => layer(page, function () { return this.activeElement?.textContent ?? null; }), (text) => text === 'Add “Views are my own.”', 'focus on the remaining fix');
    await page.keyboard.press('Escape');
    await until(() => page.evaluate((editor) => document.activeElement === document.querySelector(editor), site.editor), (back) => back, 'focus back in the draft');
    await page.keyboard.type('!', { delay: 5 });
    expect(await model(page)).toMatch(/!/);
    await page.close();
  }, 40_000);

  /** The one disclaimer finding's card in the panel: its text, and whether its fix button is disabled. */
  const disclaimerCard = async (page: Page) => {
    await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'the disclaimer finding');
    await openPanel(page);
    return until(
      () => layer(page, function () {
        const section = this.querySelector('.panel .card') as HTMLElement | null;
        return section ? { text: section.innerText, disabled: (section.querySelector('button.primary') as HTMLButtonElement).disabled } : null;
      }),
      (found) => !!found,
      'the card',
    );
  };

  it('says when the disclaimer would not fit in the site’s limit instead of adding it (X, 280)', async () => {
    const site = SITES[0]!;
    const page = await open(site);
    const draft = `Acme ${'shipped a small but lovely improvement today '.repeat(6)}`.slice(0, 270);
    await page.keyboard.insertText(draft);
    const card = await disclaimerCard(page);
    expect(card!.text).toContain('With it the post would be 288 characters, and X allows 280. Shorten the draft first.');
    expect(card!.disabled).toBe(true);
    expect(await model(page)).toBe(draft);
    await page.close();
  }, 40_000);

  it('counts the way X does: Chinese characters and emoji weigh 2, a link 23, so a draft of 204 code points does not fit (X)', async () => {
    const site = SITES[0]!;
    const page = await open(site);
    // 'Acme ' 5 + 130 characters weighing 2 + ' 🚀🚀 ' 6 + a 65-character link counted as 23 = 294 weighted.
    const draft = `Acme ${'新产品发布会很成功'.repeat(15).slice(0, 130)} 🚀🚀 https://example.com/${'launch/'.repeat(5)}notes.html`;
    expect([...draft].length).toBeLessThan(280);
    await page.keyboard.insertText(draft);
    const card = await disclaimerCard(page);
    expect(card!.text).toContain('With it the post would be 312 characters, and X allows 280.');
    expect(card!.disabled).toBe(true);
    await page.close();
  }, 40_000);

  it('follows the page: dark themes, scrolling, and IME composition keys left alone (X)', async () => {
    const site = SITES[0]!;
    const page = await context.newPage();
    await page.goto(`https://${site.host}/compose`);
    // A dark site theme (light text), on a page tall enough to scroll.
    await page.evaluate(() => Object.assign(document.body.style, { background: '#000', color: '#e7e9ea', minHeight: '300vh' }));
    await page.locator(site.editor).click();
    await page.keyboard.type('Working on Tern', { delay: 5 });
    await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'the badge');
    expect(await layer(page, function () { return this.querySelector('.badge')?.closest('.dark') !== null; })).toBe(true);

    await page.mouse.wheel(0, 40);
    await until(
      async () => ({ lines: await underlines(page), word: (await textRects(page, site, 'Tern'))[0]! }),
      ({ lines, word }) => lines?.length === 1 && Math.abs(lines[0]!.top - word.bottom) <= 3 && word.bottom < 80,
      'the underline to follow the scrolled text',
    );

    // Ctrl+Enter while an input method is composing belongs to the IME: no dialog, and the page gets the key.
    // Sent by the browser's input pipeline (a trusted key, with the IME's key code 229), as an IME sends it.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, modifiers: 2 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, modifiers: 2 });
    await page.waitForTimeout(300);
    expect(await layer(page, function () { return !!this.querySelector('dialog[open]'); })).toBe(false);
    expect(await posts(page)).toEqual(['Working on Tern']);
    await page.close();
  }, 40_000);

  it('a page script that presses Post itself is not held and learns nothing (X)', async () => {
    const site = SITES[0]!;
    const page = await open(site);
    await page.keyboard.type('Working on Tern', { delay: 5 });
    await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'the block finding');
    // A synthetic click on Post and a synthetic Ctrl+Enter, as a page probing for the hold would send them.
    const seen = await page.evaluate(({ post, editor }) => {
      const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
      let clickReachedButton = false;
      document.querySelector(post)!.addEventListener('click', () => (clickReachedButton = true), { once: true });
      document.querySelector(post)!.dispatchEvent(click);
      let keyReachedPage = false;
      addEventListener('keydown', () => (keyReachedPage = true), { once: true });
      document.querySelector(editor)!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true, composed: true }));
      return { clickReachedButton, clickPrevented: click.defaultPrevented, keyReachedPage };
    }, { post: site.post, editor: site.editor });
    expect(seen).toEqual({ clickReachedButton: true, clickPrevented: false, keyReachedPage: true });
    await page.waitForTimeout(300);
    expect(await layer(page, function () { return !!this.querySelector('dialog[open]'); })).toBe(false);
    expect(await posts(page)).toEqual(['Working on Tern', 'Working on Tern']);
    await page.close();
  }, 40_000);

  describe.each(SITES)('$name ($host)', (site) => {
    it('underlines exactly the flagged words, counts them on the badge, explains them in a card, and keeps them from the page', async () => {
      const page = await open(site);
      const before = requests.length;
      await page.keyboard.type('Proud of the Project Phoenix work at Acme', { delay: 5 });
      await until(() => badgeLabel(page), (label) => label === '2 policy warnings', 'the badge count');
      // Once the checks settle, one underline per line of each flagged text, right under it.
      const expected = [...(await textRects(page, site, 'Project Phoenix')), ...(await textRects(page, site, 'Acme'))];
      const under = (line: { left: number; top: number; width: number }, word: { left: number; bottom: number; width: number }) =>
        Math.abs(line.left - word.left) <= 1 && Math.abs(line.width - word.width) <= 1 && Math.abs(line.top - word.bottom) <= 3;
      await until(
        () => underlines(page),
        (lines) => lines?.length === expected.length && lines.every((line, index) => under(line, expected[index]!)),
        `underlines at ${JSON.stringify(expected)}`,
      );

      await openPanel(page);
      const cards = await until(
        () => layer(page, function () { return [...this.querySelectorAll('.panel .card')].map((card) => (card as HTMLElement).innerText); }),
        (found) => (found?.length ?? 0) === 2,
        'two cards',
      );
      expect(cards![0]).toMatch(/Confirm before posting[\s\S]*Internal codenames are confidential[\s\S]*Policy: §3\.1 Confidential information · Acme Corp social media policy \(demo\)[\s\S]*Replace with “an internal project”[\s\S]*Ignore once/);
      expect(cards![1]).toMatch(/Warning[\s\S]*say that the views are your own[\s\S]*Add “Views are my own\.”/);
      await page.screenshot({ path: `${ARTEFACTS}/card-${site.name}.png` });

      // Page scripts see neither the layer nor anything it says.
      const seenByPage = await page.evaluate(() => {
        const host = document.querySelector('sera-compose');
        const attributes = [...document.querySelectorAll('*')].flatMap((element) => [...element.attributes].map((attribute) => attribute.value));
        return {
          shadowRoot: host?.shadowRoot ?? null,
          text: document.documentElement.innerText,
          attributes: attributes.filter((value) => /Phoenix|confidential|policy warning/i.test(value)),
          highlights: 'highlights' in CSS ? (CSS as unknown as { highlights: Map<string, unknown> }).highlights.size : 0,
        };
      });
      expect(seenByPage).toMatchObject({ shadowRoot: null, attributes: [], highlights: 0 });
      expect(seenByPage.text).not.toMatch(/confidential|policy warning|Views are my own/i);
      // Typing and checking sent nothing anywhere.
      expect(requests.slice(before)).toEqual([]);
      await page.close();
    }, 40_000);

    it('fixes change the editor’s own model, and editing afterwards keeps model and screen in step', async () => {
      const page = await open(site);
      await page.keyboard.type('Shipping OPS-1234 today', { delay: 5 });
      await press(page, 'Enter');
      await page.keyboard.type('Great work on Tern by the team', { delay: 5 });
      await press(page, 'Enter');
      await page.keyboard.type('at Acme', { delay: 5 });
      await until(() => badgeLabel(page), (label) => label === '3 policy warnings', 'three findings');

      // The caret stays at the end of the last paragraph; the fixes are elsewhere.
      await openPanel(page);
      await clickInLayer(page, 'Replace with “an internal project”');
      await until(() => model(page), (text) => text.includes('an internal project'), 'the replacement in the model');
      expect(await model(page)).toBe('Shipping OPS-1234 today\nGreat work on an internal project by the team\nat Acme');
      // Arrow keys, backspace and typing right after the fix.
      await press(page, 'ArrowRight');
      await press(page, 'ArrowRight');
      await press(page, 'Backspace');
      await page.keyboard.type('B', { delay: 5 });
      expect(await model(page)).toBe('Shipping OPS-1234 today\nGreat work on an internal project By the team\nat Acme');
      expect(await screenText(page, site)).toBe(await model(page));

      await until(() => badgeLabel(page), (label) => label === '2 policy warnings', 'two findings left');
      await openPanel(page);
      await clickInLayer(page, 'Remove');
      await until(() => model(page), (text) => !text.includes('OPS'), 'the removal in the model');
      expect(await model(page)).toBe('Shipping today\nGreat work on an internal project By the team\nat Acme');
      await page.keyboard.type('!', { delay: 5 });
      expect(await model(page)).toBe('Shipping !today\nGreat work on an internal project By the team\nat Acme');
      await press(page, 'Backspace');

      await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'one finding left');
      await openPanel(page);
      await clickInLayer(page, 'Add “Views are my own.”');
      await until(() => model(page), (text) => text.endsWith('Views are my own.'), 'the disclaimer in the model');
      const blankLine = site.blankLinesCollapse ? '\n' : '\n\n';
      expect(await model(page)).toBe(`Shipping today\nGreat work on an internal project By the team\nat Acme${blankLine}Views are my own.`);
      await page.keyboard.type(' Thanks', { delay: 5 });
      for (let line = 0; line < blankLine.length; line++) await press(page, 'ArrowUp');
      await press(page, 'End');
      await page.keyboard.type(' here', { delay: 5 });
      const final = `Shipping today\nGreat work on an internal project By the team\nat Acme here${blankLine}Views are my own. Thanks`;
      expect(await model(page)).toBe(final);
      expect(await screenText(page, site)).toBe(final);
      await until(() => badgeLabel(page), (label) => label === null, 'no findings');
      await page.close();
    }, 60_000);

    it('asks before posting a draft with "block" findings; "Post anyway" posts, warnings never interrupt, a clean draft posts at once', async () => {
      const page = await open(site);
      await page.keyboard.type('Working on Tern', { delay: 5 });
      await page.locator(site.post).click();
      const dialogOpen = () => layer(page, function () { return !!this.querySelector('dialog[open]'); });
      await until(() => dialogOpen(), (open) => !!open, 'the confirm dialog');
      expect(await layer(page, function () { return this.activeElement?.textContent ?? null; })).toBe('Go back and edit');
      expect(await posts(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await until(() => dialogOpen(), (open) => !open, 'the dialog to close');
      expect(await posts(page)).toEqual([]);

      await page.locator(site.post).click();
      await until(() => dialogOpen(), (open) => !!open, 'the confirm dialog again');
      await clickInLayer(page, 'Post anyway');
      await until(() => posts(page), (sent) => sent.length === 1, 'the post');
      expect(await posts(page)).toEqual(['Working on Tern']);

      // Ctrl+Enter from the editor is held the same way.
      await page.locator(site.editor).click();
      await page.keyboard.press('Control+Enter');
      await until(() => dialogOpen(), (open) => !!open, 'the dialog after Ctrl+Enter');
      await clickInLayer(page, 'Post anyway');
      await until(() => posts(page), (sent) => sent.length === 2, 'the second post');

      // A warning alone does not interrupt posting.
      await page.locator(site.editor).click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('Proud to work at Acme', { delay: 5 });
      await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'the warning');
      await page.locator(site.post).click();
      // (Sera may hold the click for a moment to finish a check, then pass it on.)
      await until(() => posts(page), (sent) => sent.length === 3, 'the post with a warning');
      expect(await posts(page)).toEqual(['Working on Tern', 'Working on Tern', 'Proud to work at Acme']);
      expect(await dialogOpen()).toBe(false);

      // A clean draft, once checked, posts on the press itself.
      await page.locator(site.editor).click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('Lovely day', { delay: 5 });
      await until(() => badgeLabel(page), (label) => label === null, 'no findings');
      await page.locator(site.post).click();
      expect(await posts(page)).toEqual(['Working on Tern', 'Working on Tern', 'Proud to work at Acme', 'Lovely day']);

      // Where "Post" is a div with role=button, Enter on it is held too, and "Post anyway" posts once.
      if ((await page.locator(site.post).evaluate((button) => button.tagName)) !== 'BUTTON') {
        await page.locator(site.editor).click();
        await page.keyboard.type(' Tern', { delay: 5 });
        await page.locator(site.post).focus();
        await page.keyboard.press('Enter');
        await until(() => dialogOpen(), (open) => !!open, 'the dialog after Enter on the post button');
        await clickInLayer(page, 'Post anyway');
        await until(() => posts(page), (sent) => sent.length === 5, 'the post by keyboard');
        await page.waitForTimeout(300);
        expect(await posts(page)).toHaveLength(5);
        expect(await dialogOpen()).toBe(false);
      }
      await page.close();
    }, 40_000);
  });
});
