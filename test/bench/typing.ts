import type { BrowserContext, Page } from 'playwright-core';
import { haveChromium, launchWithExtension, launchWithoutExtension } from '../e2e/helpers/browser';
import { underlines } from '../e2e/helpers/layer';
import { model, serveComposePages } from '../e2e/helpers/sites';

/**
 * Typing into the X fixture (Draft.js) holding a 5,000-character draft: 500 characters at 20 ms
 * intervals, in Chromium with Sera and without it (the peer), in the same run. Reports the long
 * tasks (over 50 ms) on the page's main thread, which Sera's content script shares, and how soon
 * after the last keystroke the underline of the word it completed appears.
 */

export interface TypingRun {
  /** The draft's length at the end, from the editor's own model. */
  readonly draftLength: number;
  readonly longTasks: number;
  readonly longestTaskMs: number;
  /** From the last keystroke to the new underline; undefined without Sera. */
  readonly underlineMs?: number;
}

export interface TypingBench {
  readonly withSera: TypingRun[];
  readonly withoutSera: TypingRun[];
}

const EDITOR = '[data-testid="tweetTextarea_0"]';
const ROUNDS = 2;

/** A 5,000-character draft in paragraphs, with a few findings in it, as a long post would have. */
function longDraft(): string {
  const paragraph =
    'We spent the quarter rebuilding the onboarding flow at Acme, and the numbers from the pilot teams are encouraging. ' +
    'Customers told us the new checklist saves them an hour a week, which matters more than any launch. ';
  const paragraphs: string[] = [];
  while (paragraphs.join('\n').length < 5000) paragraphs.push(paragraph.trim());
  return paragraphs.join('\n').slice(0, 5000);
}

/** 500 characters of ordinary typing that end by completing a codename. */
function typedText(): string {
  const words = ' and the team kept shipping small improvements every week';
  let text = '';
  while (text.length < 495) text += words;
  return `${text.slice(0, 495)} Tern`;
}

async function prefill(page: Page, draft: string): Promise<void> {
  await page.locator(EDITOR).click();
  // A paste, as a person would bring in a long draft: the editor splits it into its own blocks.
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, draft);
  await page.keyboard.press('ControlOrMeta+End');
}

async function run(context: BrowserContext, sera: boolean): Promise<TypingRun> {
  const page = await context.newPage();
  await page.goto(`https://x.com/compose`);
  await page.evaluate(() => {
    const tasks: number[] = ((window as unknown as { longTasks: number[] }).longTasks = []);
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration))).observe({ type: 'longtask' });
  });
  // The observer must see a long task when there is one, or "no long tasks" would mean nothing.
  await page.evaluate(() =>
    setTimeout(() => {
      const started = performance.now();
      while (performance.now() - started < 70);
    }),
  );
  await page.waitForTimeout(100);
  if ((await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.length)) === 0) throw new Error('the long-task observer saw no long task');
  await prefill(page, longDraft());
  let before = 0;
  if (sera) {
    // The prefilled draft's findings are underlined before typing starts.
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && ((await underlines(page))?.length ?? 0) === 0) await page.waitForTimeout(20);
    before = (await underlines(page))?.length ?? 0;
  }
  await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks.length = 0));
  await page.keyboard.type(typedText(), { delay: 20 });
  const lastKey = Date.now();
  let underlineMs: number | undefined;
  if (sera) {
    while (Date.now() - lastKey < 3000) {
      if (((await underlines(page))?.length ?? 0) > before) {
        underlineMs = Date.now() - lastKey;
        break;
      }
      await page.waitForTimeout(10);
    }
  } else await page.waitForTimeout(500);
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  const draftLength = (await model(page)).length;
  await page.close();
  return { draftLength, longTasks: tasks.length, longestTaskMs: Math.max(0, ...tasks), ...(sera ? { underlineMs: underlineMs ?? Number.POSITIVE_INFINITY } : {}) };
}

export async function benchTyping(log: (line: string) => void): Promise<TypingBench | undefined> {
  if (!haveChromium) {
    log('typing: skipped (no /usr/bin/chromium)');
    return undefined;
  }
  const server = await serveComposePages({ 'x.com': 'x' });
  const withSera: TypingRun[] = [];
  const withoutSera: TypingRun[] = [];
  const contexts = [await launchWithExtension(['x.com'], server.port), await launchWithoutExtension(['x.com'], server.port)];
  try {
    // Alternate the two browsers, so that a noisy moment hits both alike.
    for (let round = 0; round < ROUNDS; round++) {
      withSera.push(await run(contexts[0]!, true));
      withoutSera.push(await run(contexts[1]!, false));
    }
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
    await server.close();
  }
  return { withSera, withoutSera };
}
