import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * `npm start` (after `wxt build`): opens a browser with the built extension and its bundled demo
 * pack, in a throwaway profile so that nothing of yours is touched.
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

if (!existsSync(join(EXTENSION, 'manifest.json'))) {
  console.error('sera: the extension is not built; run "npm start" (it builds first) or "npm run build"');
  process.exit(2);
}
const browser = findBrowser();
if (!browser) {
  console.error('sera: no Chromium or Chrome found. Install one (Debian/Ubuntu: sudo apt-get install chromium) or set CHROME_PATH.');
  process.exit(2);
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('sera: no display to open a browser window on (DISPLAY is not set). Run "npm start" in a desktop session.');
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), 'sera-profile-'));
console.log(`Opening ${browser} with Sera (${EXTENSION}) and the demo pack, profile ${profile}`);
const child = spawn(
  browser,
  [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${EXTENSION}`,
    `--load-extension=${EXTENSION}`,
    '--no-first-run',
    '--no-default-browser-check',
    'chrome://extensions/',
  ],
  { stdio: 'inherit' },
);
child.on('exit', (code) => process.exit(code ?? 0));
