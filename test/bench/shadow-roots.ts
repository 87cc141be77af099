import type { BrowserContext } from 'playwright-core';
import { haveChromium, launchWithExtension, launchWithoutExtension, serveFixtures } from '../e2e/helpers/browser';
import { summarize, type Timing } from './stats';

/**
 * A page without a composer, built of web components: 200 open shadow roots holding 5,000
 * elements, changing all the time (a feed, a chat). Each mutation batch rewrites text and swaps an
 * element in every shadow root; the page times each batch up to its next task, so the time of
 * every mutation observer the batch wakes (Sera's, in the same event loop) is in the figure.
 * Measured with Sera, without it, and without it but with the page observing every shadow root
 * itself (what a discovery observer on each root would cost), in the same run.
 */

export interface ShadowRootsBench {
  /** Per batch, from the first mutation to the start of the next task. */
  readonly withSera: Timing;
  readonly withoutSera: Timing;
  readonly observingEveryRoot: Timing;
  /** Whether Sera created anything in the page (its layer is made only for a composer). */
  readonly seraLayerCreated: boolean;
}

const HOST = 'www.reddit.com';
const ROOTS = 200;
const PER_ROOT = 25;
const BATCHES = 200;

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Feed of web components (Sera bench)</title></head><body>
<script>
customElements.define('feed-item', class extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    for (let i = 0; i < ${PER_ROOT}; i++) {
      const cell = document.createElement(i % 5 === 0 ? 'p' : 'span');
      cell.textContent = 'item ' + i;
      root.append(cell);
    }
  }
});
for (let i = 0; i < ${ROOTS}; i++) document.body.append(document.createElement('feed-item'));

/** The page's own observer on every shadow root, for the comparison run. */
window.observeEveryRoot = () => {
  const seen = (records) => { for (const record of records) for (const node of record.addedNodes) if (node.nodeType === 1) node.querySelectorAll('textarea, [contenteditable]'); };
  for (const item of document.querySelectorAll('feed-item')) new MutationObserver(seen).observe(item.shadowRoot, { childList: true, characterData: true, subtree: true });
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
};

window.runBatches = (count) => new Promise((done) => {
  const channel = new MessageChannel();
  const times = [];
  let started = 0;
  let batch = 0;
  const next = () => {
    started = performance.now();
    for (const item of document.querySelectorAll('feed-item')) {
      const root = item.shadowRoot;
      root.children[batch % ${PER_ROOT}].textContent = 'update ' + batch;
      root.firstElementChild.replaceWith(Object.assign(document.createElement('p'), { textContent: 'new ' + batch }));
    }
    channel.port2.postMessage(0);
  };
  channel.port1.onmessage = () => {
    times.push(performance.now() - started);
    if (++batch === count) done(times);
    else setTimeout(next, 0);
  };
  next();
});
</script></body></html>`;

async function run(context: BrowserContext, observeEveryRoot: boolean): Promise<{ times: number[]; layer: boolean }> {
  const page = await context.newPage();
  await page.goto(`https://${HOST}/feed`);
  if (observeEveryRoot) await page.evaluate(() => (window as unknown as { observeEveryRoot(): void }).observeEveryRoot());
  // Warm up, then measure.
  await page.evaluate(() => (window as unknown as { runBatches(count: number): Promise<number[]> }).runBatches(20));
  const times = await page.evaluate((count) => (window as unknown as { runBatches(count: number): Promise<number[]> }).runBatches(count), BATCHES);
  const layer = await page.evaluate(() => !!document.querySelector('sera-compose'));
  await page.close();
  return { times, layer };
}

export async function benchShadowRoots(log: (line: string) => void): Promise<ShadowRootsBench | undefined> {
  if (!haveChromium) {
    log('shadow roots: skipped (no /usr/bin/chromium)');
    return undefined;
  }
  const server = await serveFixtures((path) => (path === '/feed' ? { type: 'text/html', body: PAGE } : undefined));
  const sera = await launchWithExtension([HOST], server.port);
  const plain = await launchWithoutExtension([HOST], server.port);
  try {
    // Alternate the browsers, so that a noisy moment hits both alike.
    const withSera: number[] = [];
    const withoutSera: number[] = [];
    const observing: number[] = [];
    let seraLayerCreated = false;
    for (let round = 0; round < 2; round++) {
      const own = await run(sera, false);
      withSera.push(...own.times);
      seraLayerCreated ||= own.layer;
      withoutSera.push(...(await run(plain, false)).times);
      observing.push(...(await run(plain, true)).times);
    }
    return { withSera: summarize(withSera), withoutSera: summarize(withoutSera), observingEveryRoot: summarize(observing), seraLayerCreated };
  } finally {
    await Promise.all([sera.close(), plain.close()]);
    await server.close();
  }
}
