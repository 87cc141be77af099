import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromeExtensionId, EXTENSION_PUBLIC_KEY } from '../managed/extension-id';

/**
 * `npm start`: builds the extension and opens a browser with it on its demo page, in a throwaway
 * profile so that nothing of yours is touched.
 */

const EXTENSION = resolve('.output/chrome-mv3');
const CANDIDATES = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

function findBrowser(): string | undefined {
  const found = CANDIDATES.find((path) => path && existsSync(path));
  if (found) return found;
  const which = spawnSync('sh', ['-c', 'command -v chromium chromium-browser google-chrome 2>/dev/null | head -n 1'], { encoding: 'utf8' });
  return which.stdout.trim() || undefined;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const browser = findBrowser();
if (!browser) fail('sera: no Chromium or Chrome found. Install one (Debian/Ubuntu: sudo apt-get install chromium) or set CHROME_PATH.');
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  fail(`sera: there is no display to open a browser window on (neither DISPLAY nor WAYLAND_DISPLAY is set).
  - In a desktop session, run "npm start" there.
  - On a server: "xvfb-run -a npm start" runs it on a virtual screen (Debian: sudo apt-get install xvfb),
    for screenshots or remote viewing.
  - Or "npm run build", load .output/chrome-mv3 in your own browser (chrome://extensions, Developer
    mode, Load unpacked) and open the demo from Sera's toolbar button ("Try Sera"), or the options
    page's playground.`);
}

if (spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' }).status !== 0) fail('sera: the build failed (see above).');

// The development build carries the manifest key, so the demo page's address is known in advance.
const extensionId = await chromeExtensionId(EXTENSION_PUBLIC_KEY);
const demoUrl = `chrome-extension://${extensionId}/demo.html`;
const profile = mkdtempSync(join(tmpdir(), 'sera-profile-'));
// Chromium's sandbox cannot start as root (containers, CI boxes); only then is it turned off.
const asRoot = process.getuid?.() === 0;

console.log(`
Opening ${browser} with Sera on its demo page (${demoUrl}),
in a throwaway profile (${profile}).${asRoot ? '\nRunning as root: Chromium starts with --no-sandbox, which it needs there; run as a normal user to keep the sandbox.' : ''}

Things to try on the demo page (it works offline, with the demo pack of Acme, a made-up company):
  1. Type in any of the five composers (Draft.js, Lexical, Quill, ProseMirror, a textarea), or press
     "Fill in the example": words that break the policy are underlined and counted on a badge.
  2. Click an underlined word (or press Alt+Shift+S) for the card; its button fixes the draft.
  3. Press Post while a red ("Confirm before posting") finding is left: Sera asks "Post anyway?".
  4. "Attach the sample photo" (or choose assets/sample-photo.jpg): the page receives it without
     its GPS position.
  5. Further down: how a pack that your organisation deploys looks.
  6. Sera's toolbar button, then "Packs and settings": the playground checks any draft at any date
     for any site.
Close the browser to stop.
`);

// Driven through the DevTools protocol: Chromium ignores chrome:// URLs on its command line, and a
// chrome-extension:// URL given there loads before the extension does (ERR_BLOCKED_BY_CLIENT). The
// demo page opens once the extension's service worker runs.
const context = await chromium.launchPersistentContext(profile, {
  executablePath: browser,
  headless: false,
  viewport: null,
  chromiumSandbox: !asRoot,
  ignoreDefaultArgs: ['--disable-extensions', '--enable-automation'],
  args: [
    `--disable-extensions-except=${EXTENSION}`,
    `--load-extension=${EXTENSION}`,
    // Google Chrome 137 and later ignore --load-extension while this feature is on; Chromium loads it as is.
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
  ],
});
const ours = (worker: { url(): string }) => new URL(worker.url()).host === extensionId;
if (!context.serviceWorkers().some(ours)) await context.waitForEvent('serviceworker', { predicate: ours, timeout: 30_000 });
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(demoUrl);
// Ctrl+C in the terminal closes the browser too, and the profile goes with it.
process.once('SIGINT', () => void context.close());
await new Promise((closed) => context.on('close', closed));
rmSync(profile, { recursive: true, force: true });
