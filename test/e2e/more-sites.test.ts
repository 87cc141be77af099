import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionGranted, haveChromium, importPack, launchWithExtension } from './helpers/browser';
import { badgeLabel, clickInLayer, inClosedRoot, underlines, until } from './helpers/layer';
import { model, posts, serveComposePages } from './helpers/sites';

/** The extension API inside the extension's pages, where these callbacks run. */
declare const chrome: typeof import('wxt/browser').browser;

const TIKTOK = 'www.tiktok.com';
const STUDIO = 'studio.youtube.com';
const YOUTUBE = 'www.youtube.com';
const X = 'x.com';
const BLUESKY = 'bsky.app';
const REDDIT = 'www.reddit.com';
const LINKEDIN = 'www.linkedin.com';
const THREADS = 'www.threads.net';
const FACEBOOK = 'www.facebook.com';
const INSTAGRAM = 'www.instagram.com';
/** A Mastodon instance, enabled at run time. */
const MASTODON = 'mastodon.example.social';

/** One rule everywhere, one only in posts, one only in replies and comments, one only in profile fields. */
const SURFACES_PACK = {
  schemaVersion: 1,
  id: 'surfaces-e2e',
  name: 'Surfaces test pack',
  serial: 1,
  revised: '2026-11-01',
  organization: { names: ['Acme'] },
  rules: [
    { id: 'codenames', kind: 'terms', severity: 'block', message: 'Internal codenames are confidential.', terms: ['Tern'] },
    { id: 'launches-in-posts', kind: 'terms', severity: 'block', message: 'Launches are announced by the newsroom first.', terms: ['Heron'], surfaces: ['post'] },
    { id: 'customers-in-replies', kind: 'terms', severity: 'block', message: 'Do not name customers when answering people.', terms: ['Bluefin'], surfaces: ['reply'] },
    { id: 'employer-in-bio', kind: 'terms', severity: 'block', message: 'Name the employer in a bio as Acme.', terms: ['Acme Labs'], surfaces: ['bio'] },
  ],
};

/**
 * TikTok and YouTube as built-in sites, replies and comments on the same guard, and profile fields
 * checked as bios (issue #13): each composer tells the background its surface, so rules limited to
 * replies or bios apply only there.
 */
describe.runIf(haveChromium)('TikTok, YouTube, replies and bios', () => {
  let context: BrowserContext;
  let server: Awaited<ReturnType<typeof serveComposePages>>;

  beforeAll(async () => {
    server = await serveComposePages({});
    context = await launchWithExtension([TIKTOK, STUDIO, YOUTUBE, X, BLUESKY, REDDIT, LINKEDIN, THREADS, INSTAGRAM, FACEBOOK, MASTODON], server.port, {
      extension: extensionGranted([`https://${MASTODON}/*`]),
    });
    const worker: Worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    // A Mastodon instance the person added from the popup.
    await worker.evaluate((host) => chrome.storage.local.set({ addedSites: [host] }), MASTODON);
    await until(
      () => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? [])),
      (matches) => matches.includes(`https://${MASTODON}/*`),
      'the added site’s content script',
    );
    // The only pack in force.
    expect(await importPack(context, worker, 'surfaces.json', SURFACES_PACK)).toEqual({});
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  async function open(host: string, name: string): Promise<Page> {
    const tab = await context.newPage();
    await tab.goto(`https://${host}/page/${name}`);
    return tab;
  }

  const dialogText = (page: Page) => inClosedRoot(page, 'sera-compose', function () { return (this.querySelector('dialog[open]') as HTMLElement | null)?.innerText ?? null; });
  const selectAllAndType = async (page: Page, text: string) => {
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(text, { delay: 5 });
  };

  /**
   * Types a draft with a block finding into `editor`: `post` holds it and names `flagged` (and not
   * `notFlagged`); "Post anyway" sends it; then a clean draft goes on the press itself.
   */
  async function holdsThenPosts(page: Page, editor: string, post: string, draft: { text: string; flagged: string; notFlagged?: string; count?: number }, clean: string) {
    await page.locator(editor).click();
    await page.keyboard.type(draft.text, { delay: 5 });
    const count = draft.count ?? 1;
    await until(() => badgeLabel(page), (label) => label === (count === 1 ? '1 policy warning' : `${count} policy warnings`), `the finding in ${editor}`);
    const before = (await posts(page)).length;
    await page.locator(post).click();
    const text = await until(() => dialogText(page), (found) => !!found, 'the dialog');
    expect(text).toContain(`“${draft.flagged}”`);
    if (draft.notFlagged) expect(text).not.toContain(draft.notFlagged);
    expect(await posts(page)).toHaveLength(before);
    await clickInLayer(page, 'Post anyway');
    await until(() => posts(page), (sent) => sent.length === before + 1, 'the post after Post anyway');

    await page.locator(editor).click();
    await selectAllAndType(page, clean);
    await until(() => badgeLabel(page), (label) => label === null, 'no findings');
    await page.locator(post).click();
    expect(await posts(page)).toHaveLength(before + 2);
    expect(await dialogText(page)).toBeNull();
  }

  describe('TikTok', () => {
    it('the upload page’s Draft.js caption: a block finding holds Post, a clean caption posts at once; a reply-only rule stays quiet in a caption', async () => {
      const page = await open(TIKTOK, 'tiktok-upload');
      await holdsThenPosts(page, '.public-DraftEditor-content', '[data-e2e="post_video_button"]', { text: 'Bluefin and Tern', flagged: 'Tern', notFlagged: 'Bluefin' }, 'Lovely day');
      expect(await posts(page)).toEqual(['Bluefin and Tern', 'Lovely day']);
      expect(await model(page)).toBe('Lovely day');
      await page.close();
    }, 40_000);

    it('a comment and a reply to a comment are replies: the reply-only rule flags them and holds their Post', async () => {
      const page = await open(TIKTOK, 'tiktok-video');
      await holdsThenPosts(page, '#reply .public-DraftEditor-content', '#reply-box [data-e2e="comment-post"]', { text: 'Ask Bluefin', flagged: 'Bluefin' }, 'Great video');
      await holdsThenPosts(page, '#comment .public-DraftEditor-content', '#footer [data-e2e="comment-post"]', { text: 'Bluefin fan here', flagged: 'Bluefin' }, 'Nice');
      expect(await posts(page)).toEqual(['Ask Bluefin', 'Great video', 'Bluefin fan here', 'Nice']);

      // Enter sends a TikTok comment: it is held like the Post button, and a clean comment goes on it at once.
      await page.locator('#reply .public-DraftEditor-content').click();
      await selectAllAndType(page, 'Ask Bluefin');
      await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'the reply’s finding');
      await page.keyboard.press('Enter');
      expect(await until(() => dialogText(page), (text) => !!text, 'the dialog after Enter')).toContain('“Bluefin”');
      expect(await posts(page)).toHaveLength(4);
      await clickInLayer(page, 'Post anyway');
      await until(() => posts(page), (sent) => sent.length === 5, 'the comment sent by Enter');
      await page.locator('#reply .public-DraftEditor-content').click();
      await selectAllAndType(page, 'Thanks');
      await until(() => badgeLabel(page), (label) => label === null, 'no findings');
      await page.keyboard.press('Enter');
      expect(await posts(page)).toEqual(['Ask Bluefin', 'Great video', 'Bluefin fan here', 'Nice', 'Ask Bluefin', 'Thanks']);
      expect(await dialogText(page)).toBeNull();
      await page.close();
    }, 60_000);

    it('the bio is checked as a bio: the bio-only rule flags it and Save is held', async () => {
      const page = await open(TIKTOK, 'tiktok-profile');
      await holdsThenPosts(page, 'textarea[data-e2e="edit-profile-bio-input"]', '[data-e2e="edit-profile-save"]', { text: 'Engineer at Acme Labs', flagged: 'Acme Labs' }, 'Engineer at Acme');
      expect(await posts(page)).toEqual(['bio: Engineer at Acme Labs', 'bio: Engineer at Acme']);
      await page.close();
    }, 40_000);
  });

  describe('YouTube', () => {
    it('Studio’s upload details: a finding in the title or the description holds Publish; a clean video publishes at once', async () => {
      const page = await open(STUDIO, 'youtube-studio');
      const title = '#title-textarea #textbox';
      const description = '#description-textarea #textbox';
      await page.locator(title).click();
      await page.keyboard.type('Our Tern launch', { delay: 5 });
      await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'the title’s finding');
      await page.locator(description).click();
      await page.keyboard.type('All about it', { delay: 5 });
      await page.locator('#done-button').click();
      expect(await until(() => dialogText(page), (text) => !!text, 'the dialog')).toMatch(/“Tern” \(in the title\)/);
      expect(await posts(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await until(() => dialogText(page), (text) => text === null, 'the dialog to close');

      await page.locator(title).click();
      await selectAllAndType(page, 'Launch day');
      await page.locator(description).click();
      await selectAllAndType(page, 'Made with Tern');
      await page.locator('#done-button').click();
      const text = await until(() => dialogText(page), (found) => !!found, 'the dialog for the description');
      expect(text).toMatch(/“Tern”: Internal codenames/);
      expect(text).not.toMatch(/in the title/);
      await page.keyboard.press('Escape');
      await until(() => dialogText(page), (found) => found === null, 'the dialog to close');

      await page.locator(description).click();
      await selectAllAndType(page, 'Made with love');
      await until(() => badgeLabel(page), (label) => label === null, 'no findings');
      await page.locator('#done-button').click();
      expect(await posts(page)).toEqual(['Launch day | Made with love']);
      await page.close();
    }, 60_000);

    it('comments and replies are replies, a community post is a post; each box’s button holds only its own draft', async () => {
      const page = await open(YOUTUBE, 'youtube-watch');
      await holdsThenPosts(page, '#community #contenteditable-root', '#community #submit-button', { text: 'Bluefin and Tern', flagged: 'Tern', notFlagged: 'Bluefin' }, 'New video out');
      await holdsThenPosts(page, '#top #contenteditable-root', '#top #submit-button', { text: 'Bluefin fan here', flagged: 'Bluefin' }, 'Great video');
      await holdsThenPosts(page, '#reply #contenteditable-root', '#reply #submit-button', { text: 'Ask Bluefin', flagged: 'Bluefin' }, 'Thanks');
      expect(await posts(page)).toEqual([
        'community: Bluefin and Tern', 'community: New video out', 'top: Bluefin fan here', 'top: Great video', 'reply: Ask Bluefin', 'reply: Thanks',
      ]);
      await page.close();
    }, 60_000);
  });

  describe('replies on the other sites go through the same guard', () => {
    it('Reddit’s comment box (Lexical in shreddit-composer) is a reply', async () => {
      const page = await open(REDDIT, 'reddit');
      await holdsThenPosts(page, '[data-lexical-editor="true"]', 'shreddit-composer button', { text: 'Ask Bluefin', flagged: 'Bluefin' }, 'Thanks');
      expect(await posts(page)).toEqual(['Ask Bluefin', 'Thanks']);
      await page.close();
    }, 40_000);

    it('Instagram’s comment box (a textarea in the post’s comment form) is a reply, and Enter, which sends it, is held', async () => {
      const page = await open(INSTAGRAM, 'instagram-comment');
      await holdsThenPosts(page, 'form textarea', 'form button[type="submit"]', { text: 'Ask Bluefin', flagged: 'Bluefin' }, 'Congratulations');
      await page.locator('form textarea').click();
      await selectAllAndType(page, 'Bluefin fan here');
      await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'the comment’s finding');
      await page.keyboard.press('Enter');
      expect(await until(() => dialogText(page), (text) => !!text, 'the dialog after Enter')).toContain('“Bluefin”');
      await clickInLayer(page, 'Post anyway');
      await until(() => posts(page), (sent) => sent.length === 3, 'the comment sent by Enter');
      expect(await posts(page)).toEqual(['Ask Bluefin', 'Congratulations', 'Bluefin fan here']);
      await page.close();
    }, 40_000);

    it('Facebook’s comment box (Lexical in the post’s form) is a reply, and Enter, which sends it, is held', async () => {
      const page = await open(FACEBOOK, 'facebook-comment');
      const box = '[data-lexical-editor="true"]';
      await page.locator(box).click();
      await page.keyboard.type('Ask Bluefin', { delay: 5 });
      await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'the comment’s finding');
      await page.keyboard.press('Enter');
      expect(await until(() => dialogText(page), (text) => !!text, 'the dialog after Enter')).toContain('“Bluefin”');
      expect(await posts(page)).toEqual([]);
      await clickInLayer(page, 'Post anyway');
      await until(() => posts(page), (sent) => sent.length === 1, 'the comment sent by Enter');
      await page.locator(box).click();
      await selectAllAndType(page, 'Congratulations');
      await until(() => badgeLabel(page), (label) => label === null, 'no findings');
      await page.keyboard.press('Enter');
      expect(await posts(page)).toEqual(['Ask Bluefin', 'Congratulations']);
      expect(await dialogText(page)).toBeNull();
      await page.close();
    }, 40_000);

    it('LinkedIn’s comment box (Quill in .comments-comment-box) is a reply', async () => {
      const page = await open(LINKEDIN, 'linkedin-post');
      await holdsThenPosts(page, '.ql-editor', '.comments-comment-box__submit-button', { text: 'Ask Bluefin', flagged: 'Bluefin' }, 'Congratulations');
      expect(await posts(page)).toEqual(['Ask Bluefin', 'Congratulations']);
      await page.close();
    }, 40_000);

    it('Mastodon: the compose form answering a post (.reply-indicator) is a reply; without it, a post', async () => {
      const page = await open(MASTODON, 'mastodon-reply');
      await holdsThenPosts(page, 'textarea', '.compose-form__publish button', { text: 'Ask Bluefin', flagged: 'Bluefin' }, 'Congratulations');
      expect(await posts(page)).toEqual(['Ask Bluefin', 'Congratulations']);
      await page.close();

      const compose = await open(MASTODON, 'mastodon');
      await holdsThenPosts(compose, 'textarea', '.compose-form__publish button', { text: 'Bluefin and Tern', flagged: 'Tern', notFlagged: 'Bluefin' }, 'Lovely day');
      await compose.close();
    }, 60_000);

  });

  // X, Bluesky and Threads write replies in their post composers (same editor, same button markers);
  // what the composer sits in tells a reply from a post: X's reply dialog around the post it answers
  // or the inline reply under a post, Bluesky's composer without "who can interact", Threads' editor
  // labelled "Reply to …".
  describe('replies written in the post composer are told apart from posts', () => {
    it.each([
      { site: 'X (reply dialog)', host: X, reply: 'x-reply', replyButton: '[data-testid="tweetButton"]', post: 'x', postButton: '[data-testid="tweetButton"]', editor: '[data-testid="tweetTextarea_0"]' },
      { site: 'X (inline reply on a post’s page)', host: X, reply: 'x-status', replyButton: '[data-testid="tweetButtonInline"]', post: 'x-home', postButton: '[data-testid="tweetButtonInline"]', editor: '[data-testid="tweetTextarea_0"]' },
      { site: 'Bluesky', host: BLUESKY, reply: 'bluesky-reply', replyButton: '[data-testid="composerPublishBtn"]', post: 'bluesky', postButton: '[data-testid="composerPublishBtn"]', editor: '.ProseMirror' },
      { site: 'Threads', host: THREADS, reply: 'threads-reply', replyButton: '.post', post: 'threads', postButton: '.post', editor: '[data-lexical-editor="true"]' },
      // Told by the post it answers, not by the English label "Reply to …".
      { site: 'Threads (Finnish UI)', host: THREADS, reply: 'threads-reply-fi', replyButton: '.post', post: 'threads', postButton: '.post', editor: '[data-lexical-editor="true"]' },
      // A quote post shows the post it quotes too, as a card in the composer's attachments: still a post.
      { site: 'X (quote post)', host: X, reply: 'x-reply', replyButton: '[data-testid="tweetButton"]', post: 'x-quote', postButton: '[data-testid="tweetButton"]', editor: '[data-testid="tweetTextarea_0"]' },
    ])('$site: the reply-only rule holds the reply and the post-only rule stays quiet there; in a post, the other way round', async ({ host, reply, replyButton, post, postButton, editor }) => {
      const replyPage = await open(host, reply);
      await holdsThenPosts(replyPage, editor, replyButton, { text: 'Bluefin and Heron', flagged: 'Bluefin', notFlagged: 'Heron' }, 'Congratulations');
      expect(await posts(replyPage)).toEqual(['Bluefin and Heron', 'Congratulations']);
      await replyPage.close();

      const postPage = await open(host, post);
      await holdsThenPosts(postPage, editor, postButton, { text: 'Bluefin and Heron', flagged: 'Heron', notFlagged: 'Bluefin' }, 'Lovely day');
      expect(await posts(postPage)).toEqual(['Bluefin and Heron', 'Lovely day']);
      await postPage.close();
    }, 60_000);
  });

  it('Threads’ inline reply on a post’s page is a reply: its arrow and Ctrl+Enter are held; Enter and Shift+Enter stay new lines, the post’s reply icon is not Post', async () => {
    const page = await open(THREADS, 'threads-post');
    const box = '[data-lexical-editor="true"]';
    await page.locator(box).click();
    await page.keyboard.type('Ask Bluefin about Heron', { delay: 5 });
    await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'the reply-only finding');

    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('thanks', { delay: 5 });
    await page.keyboard.press('Enter');
    await page.keyboard.type('bye', { delay: 5 });
    await until(() => model(page), (text) => text.split('\n').length === 3, 'three lines in the editor');
    await page.locator('.bubble').click();
    expect(await dialogText(page)).toBeNull();
    expect(await posts(page)).toEqual([]);

    await page.locator(box).click();
    await page.keyboard.press('ControlOrMeta+Enter');
    const held = await until(() => dialogText(page), (text) => !!text, 'the dialog after Ctrl+Enter');
    expect(held).toContain('“Bluefin”');
    expect(held).not.toContain('Heron');
    expect(await posts(page)).toEqual([]);
    await clickInLayer(page, 'Post anyway');
    await until(() => posts(page), (sent) => sent.length === 1, 'the reply sent by Ctrl+Enter');

    await page.locator(box).click();
    await selectAllAndType(page, 'Bluefin fan here');
    await until(() => badgeLabel(page), (label) => label === '1 policy warning', 'the second reply’s finding');
    await page.locator('.send').click();
    expect(await until(() => dialogText(page), (text) => !!text, 'the dialog after the arrow')).toContain('“Bluefin”');
    expect(await posts(page)).toHaveLength(1);
    await clickInLayer(page, 'Post anyway');
    await until(() => posts(page), (sent) => sent.length === 2, 'the reply sent by the arrow');

    await page.locator(box).click();
    await selectAllAndType(page, 'Congratulations');
    await until(() => badgeLabel(page), (label) => label === null, 'no findings');
    await page.locator('.send').click();
    expect(await posts(page)).toHaveLength(3);
    expect((await posts(page))[2]).toBe('Congratulations');
    expect(await dialogText(page)).toBeNull();
    await page.close();
  }, 60_000);

  describe('profile fields are bios, checked with the same packs', () => {
    it('X: the bio-only rule flags the bio and holds Save, and stays quiet in a post', async () => {
      const page = await open(X, 'x-profile');
      await holdsThenPosts(page, 'textarea[name="description"]', '[data-testid="Profile_Save_Button"]', { text: 'Engineer at Acme Labs', flagged: 'Acme Labs' }, 'Engineer at Acme');
      expect(await posts(page)).toEqual(['bio: Engineer at Acme Labs', 'bio: Engineer at Acme']);
      await page.close();

      const compose = await open(X, 'x');
      await holdsThenPosts(compose, '[data-testid="tweetTextarea_0"]', '[data-testid="tweetButton"]', { text: 'Acme Labs and Tern', flagged: 'Tern', notFlagged: 'Acme Labs' }, 'Lovely day');
      await compose.close();
    }, 60_000);

    it.each([
      { host: INSTAGRAM, page: 'instagram-profile', field: 'textarea#pepBio', save: 'button[type="submit"]', saved: 'bio' },
    ])('$page: the profile field is a bio and its Save is held', async ({ host, page: name, field, save, saved }) => {
      const page = await open(host, name);
      await holdsThenPosts(page, field, save, { text: 'Engineer at Acme Labs', flagged: 'Acme Labs' }, 'Engineer at Acme');
      expect(await posts(page)).toEqual([`${saved}: Engineer at Acme Labs`, `${saved}: Engineer at Acme`]);
      await page.close();
    }, 40_000);

    it('LinkedIn: the headline (a one-line input) and the about are bios, each modal’s Save is held', async () => {
      const page = await open(LINKEDIN, 'linkedin-profile');
      await holdsThenPosts(page, '#intro input', '#intro .artdeco-button--primary', { text: 'Engineer at Acme Labs', flagged: 'Acme Labs' }, 'Engineer at Acme');
      // The underline lies inside the input's box, under its one line.
      const box = (await page.locator('#intro input').boundingBox())!;
      await page.locator('#intro input').click();
      await page.keyboard.type(' Labs', { delay: 5 });
      await until(
        () => underlines(page),
        (found) => found?.length === 1 && found[0]!.top > box.y + box.height / 2 && found[0]!.top < box.y + box.height,
        `the headline’s underline inside ${JSON.stringify(box)}`,
      );
      await selectAllAndType(page, 'Engineer at Acme');
      await until(() => badgeLabel(page), (label) => label === null, 'the headline clean again');
      await holdsThenPosts(page, '#about textarea', '#about .artdeco-button--primary', { text: 'I build things at Acme Labs', flagged: 'Acme Labs' }, 'I build things at Acme');
      expect(await posts(page)).toEqual([
        'intro: Engineer at Acme Labs', 'intro: Engineer at Acme', 'about: I build things at Acme Labs', 'about: I build things at Acme',
      ]);
      await page.close();
    }, 60_000);

    it('Mastodon: the profile’s bio (the account note) is a bio', async () => {
      const page = await open(MASTODON, 'mastodon-profile');
      await holdsThenPosts(page, '#account_note', '#edit_profile button[type="submit"]', { text: 'Engineer at Acme Labs', flagged: 'Acme Labs' }, 'Engineer at Acme');
      expect(await posts(page)).toEqual(['bio: Engineer at Acme Labs', 'bio: Engineer at Acme']);
      await page.close();
    }, 40_000);

    it('Bluesky: the profile description is a bio', async () => {
      const page = await open(BLUESKY, 'bluesky-profile');
      await holdsThenPosts(page, '[data-testid="editProfileDescriptionInput"]', '[data-testid="editProfileSaveBtn"]', { text: 'Engineer at Acme Labs', flagged: 'Acme Labs' }, 'Engineer at Acme');
      expect(await posts(page)).toEqual(['bio: Engineer at Acme Labs', 'bio: Engineer at Acme']);
      await page.close();
    }, 40_000);
  });
});
