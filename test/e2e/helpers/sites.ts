import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { serveFixtures } from './browser';

/**
 * Serves the composer fixture pages (`test/e2e/fixtures/sites/NAME.html`) at `/compose` under
 * their real host names, with the real editors bundled from node_modules; every host also serves
 * any fixture page at `/page/NAME` (a site's other pages) and the photo upload page at `/photo`.
 */
export async function serveComposePages(pages: Readonly<Record<string, string>>) {
  const bundle = await build({
    entryPoints: ['test/e2e/fixtures/editors/index.tsx'],
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    logLevel: 'silent',
  });
  const editors = bundle.outputFiles[0]!.text;
  const css = readFileSync('test/e2e/fixtures/fixture.css', 'utf8');
  const uploadPage = readFileSync('test/e2e/fixtures/upload-page.html', 'utf8');
  return serveFixtures((path, host) => {
    if (path === '/editors.js') return { type: 'text/javascript', body: editors };
    if (path === '/fixture.css') return { type: 'text/css', body: css };
    if (path === '/photo') return { type: 'text/html', body: uploadPage };
    const page = /^\/page\/([a-z-]+)$/.exec(path)?.[1];
    if (page) return { type: 'text/html', body: readFileSync(`test/e2e/fixtures/sites/${page}.html`, 'utf8') };
    const name = pages[host];
    return name && path === '/compose' ? { type: 'text/html', body: readFileSync(`test/e2e/fixtures/sites/${name}.html`, 'utf8') } : undefined;
  });
}

/** What the fixture pages expose to the test, from the page's own world. */
interface Fixture {
  posts: string[];
  readModel(): string;
}

/** The draft as the page's editor holds it in its own model (editor API or React state). */
export const model = (page: Page) => page.evaluate(() => (window as unknown as Fixture).readModel());

/** What the page's post button or Ctrl/Cmd+Enter published, in order. */
export const posts = (page: Page) => page.evaluate(() => (window as unknown as Fixture).posts);
