import { build } from 'esbuild';
import { haveChromium, launchWithoutExtension, serveFixtures } from '../e2e/helpers/browser';
import { summarize, type Timing } from './stats';

/**
 * What an upload waits for on Sera's side besides location removal: `record`, one walk of the page
 * (open shadow roots included) for the remove buttons and pictures already there, in Chromium on a
 * long feed (12,000 elements, 40 open shadow roots, an avatar and a photo per post); and, once the
 * findings arrive, finding the photo's preview and its remove control (not on the upload's path).
 */

export interface AttachmentsBench {
  readonly elements: number;
  /** `record` before the page gets the files, X's adapter (remove buttons and pictures in one walk). */
  readonly record: Timing;
  /** `shownAt` plus the remove control, when a notice is shown or "Remove photo" pressed. */
  readonly previewAndControl: Timing;
}

const HOST = 'feed.example';
const POSTS = 400;

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A long feed (Sera bench)</title></head><body>
<main id="feed"></main><form><div contenteditable="true" role="textbox"></div><ul id="tray"></ul><button type="submit">Post</button></form>
<script>
const feed = document.getElementById('feed');
for (let i = 0; i < ${POSTS}; i++) {
  const post = document.createElement('article');
  post.innerHTML = '<div><div><img src="/avatar.jpg" alt=""><div><span>Name</span><span>@handle</span></div></div><div><p>' + 'words '.repeat(20) +
    '</p></div><div><div style="background-image: url(/photo.jpg)"></div><img src="/photo.jpg" alt=""></div><div role="group">' +
    '<div role="button"><svg><path></path></svg><span>12</span></div>'.repeat(4) + '</div></div>';
  if (i % 10 === 0) {
    const card = document.createElement('link-card');
    card.attachShadow({ mode: 'open' }).innerHTML = '<div><img src="/card.jpg" alt=""><span>A link</span></div>';
    post.append(card);
  }
  feed.append(post);
}
</script></body></html>`;

/** Runs in the page: the real module, bundled. */
const IN_PAGE = `
import { pageAttachments } from './src/uploads/attachments';
import { removeControlOf } from './src/uploads/preview';
import { generic } from './src/sites/generic';
import { x } from './src/sites/x';
window.benchAttachments = (rounds) => {
  const withButtons = pageAttachments([x], () => {});
  const general = pageAttachments([generic], () => {});
  const target = document.querySelector('[contenteditable]');
  const record = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    withButtons.record([], undefined, target);
    record.push(performance.now() - started);
  }
  const previewAndControl = [];
  for (let i = 0; i < rounds / 4; i++) {
    const file = new File([new Uint8Array(2)], 'photo' + i + '.jpg', { type: 'image/jpeg' });
    const upload = general.record([file], undefined, target);
    const tile = document.createElement('li');
    tile.innerHTML = '<img src="blob:https://feed.example/' + i + '"><button aria-label="Remove photo">×</button>';
    document.getElementById('tray').replaceChildren(tile);
    const started = performance.now();
    const { preview } = general.shownAt(upload, file);
    if (!preview || !removeControlOf(preview, [generic])) throw new Error('no preview or control found');
    previewAndControl.push(performance.now() - started);
  }
  return { elements: document.querySelectorAll('*').length, record, previewAndControl };
};`;

export async function benchAttachments(log: (line: string) => void): Promise<AttachmentsBench | undefined> {
  if (!haveChromium) {
    log('attachments: skipped (no Chromium)');
    return undefined;
  }
  const bundle = await build({ stdin: { contents: IN_PAGE, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, write: false, format: 'iife', logLevel: 'silent' });
  const server = await serveFixtures((path, host) => (host === HOST && path === '/feed' ? { type: 'text/html', body: PAGE } : undefined));
  const context = await launchWithoutExtension([HOST], server.port);
  try {
    const page = await context.newPage();
    await page.goto(`https://${HOST}/feed`);
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const run = await page.evaluate((rounds) => (window as unknown as { benchAttachments: (rounds: number) => { elements: number; record: number[]; previewAndControl: number[] } }).benchAttachments(rounds), 200);
    const result = { elements: run.elements, record: summarize(run.record.slice(20)), previewAndControl: summarize(run.previewAndControl.slice(5)) };
    log(`upload record on a ${result.elements}-element feed: median ${result.record.median.toFixed(2)} ms, p99 ${result.record.p99.toFixed(2)} ms; ` +
      `preview and its remove control: median ${result.previewAndControl.median.toFixed(2)} ms`);
    return result;
  } finally {
    await context.close();
    await server.close();
  }
}
