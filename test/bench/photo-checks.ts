import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePhoto, nodeAnalyzerFiles } from '../../src/ml/node';
import { DEFAULT_BUDGET_MS, PHOTO_CHECKS, PhotoAnalyzer, type PhotoCheck } from '../../src/ml/photo-checks';
import { OCR_LANGUAGES } from '../../src/ml/model-files';
import { downscale, type Pixels } from '../../src/ml/pixels';
import { parsePack } from '../../src/packs/parse';
import { compilePack } from '../../src/policy/engine';
import { haveChromium, launchWithExtension } from '../e2e/helpers/browser';

/**
 * Photo checks in Node (the wasm backend the offscreen document uses): model load, time per check on
 * a 12-megapixel phone photo and its 1-megapixel copy, the default 2.5 s budget on the 12 MP photo,
 * peak memory, and the bytes the models and wasm add to the extension.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TWELVE_MEGAPIXELS = join(ROOT, 'test/fixtures/photo-checks/city-arch.jpg');
const require = createRequire(import.meta.url);
const inPackage = (name: string, file: string) => join(dirname(require.resolve(`${name}/package.json`)), file);

/** The files the extension ships for the photo checks (wxt.config.ts copies the same list). */
export const SHIPPED_FILES = [
  ...['blazeface-back.json', 'blazeface-back.bin', 'centernet.json', 'centernet.bin', ...OCR_LANGUAGES.map((language) => `${language}.traineddata.gz`)].map((file) => join(ROOT, 'public/ml', file)),
  inPackage('@tensorflow/tfjs-backend-wasm', 'dist/tfjs-backend-wasm.wasm'),
  inPackage('@tensorflow/tfjs-backend-wasm', 'dist/tfjs-backend-wasm-simd.wasm'),
  inPackage('tesseract.js', 'dist/worker.min.js'),
  inPackage('tesseract.js-core', 'tesseract-core-simd-lstm.wasm.js'),
];

export interface PhotoChecksBench {
  readonly backend: string;
  readonly loadMs: Record<PhotoCheck, number>;
  readonly checkMs: Record<'1 MP' | '12 MP', Record<PhotoCheck, number>>;
  readonly downscale12MpMs: number;
  /** analyze() with every check and the default budget, 12 MP: when the answer arrives. */
  readonly budgeted12MpMs: number;
  readonly budgetedUnfinished: readonly PhotoCheck[];
  readonly peakRssMb: number;
  readonly shippedBytes: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchPhotoChecks(log: (line: string) => void): Promise<PhotoChecksBench> {
  const parsed = parsePack(JSON.parse(readFileSync(join(ROOT, 'assets/demo-pack.json'), 'utf8')));
  if (!parsed.ok) throw new Error('the demo pack does not parse');
  const pack = compilePack(parsed.pack);
  const analyzer = new PhotoAnalyzer(nodeAnalyzerFiles(join(ROOT, 'public/ml')));
  let peakRss = 0;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    const loadMs = {} as Record<PhotoCheck, number>;
    let backend = '';
    for (const check of PHOTO_CHECKS) {
      const started = performance.now();
      backend = await analyzer.warm(new Set([check]));
      loadMs[check] = performance.now() - started;
    }
    const large = (await decodePhoto(new Uint8Array(readFileSync(TWELVE_MEGAPIXELS))))!;
    let started = performance.now();
    const small = downscale(large, 1155);
    const downscale12MpMs = performance.now() - started;
    const run = (pixels: Pixels, checks: PhotoCheck[], budgetMs = 120_000) =>
      analyzer.analyze(pixels, 'bench.jpg', { settings: { checks: new Set(checks), severity: { people: 'info', screens: 'warn' } }, checkText: (text) => pack.check(text), budgetMs });
    const checkMs = { '1 MP': {}, '12 MP': {} } as PhotoChecksBench['checkMs'];
    for (const [label, pixels, runs] of [['1 MP', small, 3], ['12 MP', large, 2]] as const) {
      for (const check of PHOTO_CHECKS) {
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          started = performance.now();
          await run(pixels, [check]);
          times.push(performance.now() - started);
        }
        checkMs[label][check] = median(times);
      }
    }
    started = performance.now();
    const budgeted = await run(large, [...PHOTO_CHECKS], DEFAULT_BUDGET_MS);
    const budgeted12MpMs = performance.now() - started;
    const shippedBytes = SHIPPED_FILES.reduce((sum, file) => sum + statSync(file).size, 0);
    const result: PhotoChecksBench = {
      backend,
      loadMs,
      checkMs,
      downscale12MpMs,
      budgeted12MpMs,
      budgetedUnfinished: budgeted.unfinished,
      peakRssMb: peakRss / 2 ** 20,
      shippedBytes,
    };
    const per = (set: Record<PhotoCheck, number>) => PHOTO_CHECKS.map((check) => `${check} ${set[check].toFixed(0)} ms`).join(', ');
    log(`photo checks (${backend}): load ${per(loadMs)}`);
    log(`  1 MP (${small.width}x${small.height}): ${per(checkMs['1 MP'])}`);
    log(`  12 MP (${large.width}x${large.height}): ${per(checkMs['12 MP'])}; downscale to 1 MP ${downscale12MpMs.toFixed(0)} ms`);
    log(`  every check, default budget, 12 MP: answer after ${budgeted12MpMs.toFixed(0)} ms, unfinished: ${budgeted.unfinished.join(', ') || 'none'}`);
    log(`  peak RSS ${result.peakRssMb.toFixed(0)} MB; files added to the extension ${(shippedBytes / 1e6).toFixed(1)} MB (models, wasm, OCR data)`);
    return result;
  } finally {
    clearInterval(sample);
    await analyzer.stop();
  }
}

export interface OffscreenMemoryBench {
  /** The extension's renderer processes (service worker, offscreen document and its OCR worker) before the photo. */
  readonly baselineMb: number;
  /** Their largest resident size, sampled every 50 ms, while the first 12 MP photo is analysed (models loading included). */
  readonly peakMb: number;
  readonly answerMs: number;
}

/** Resident memory of a process in bytes, or 0 once it has gone. */
function residentBytes(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
  } catch {
    return 0;
  }
}

/** Chromium's extension renderers under the browser whose command line holds `marker`. */
function extensionRenderers(marker: string): number[] {
  const commandLine = (pid: number) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      return '';
    }
  };
  const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  const browser = pids.find((pid) => commandLine(pid).includes(marker) && !commandLine(pid).includes('--type='));
  const underBrowser = (pid: number) => {
    for (let ancestor = parentOf(pid); ancestor > 1; ancestor = parentOf(ancestor)) if (ancestor === browser) return true;
    return false;
  };
  return pids.filter((pid) => commandLine(pid).includes('--extension-process') && underBrowser(pid));
}

/**
 * Peak memory of the offscreen document's work in Chromium with the built extension: one 12 MP
 * photo sent through the background, as a content script would. The offscreen document, its OCR
 * worker and the service worker share the extension's renderer process, so the figure is that
 * process's resident size (the OS's view; a JS heap figure would leave out wasm and image memory).
 */
export async function benchOffscreenMemory(log: (line: string) => void): Promise<OffscreenMemoryBench | undefined> {
  if (!haveChromium || !existsSync(join(ROOT, '.output/chrome-mv3/manifest.json'))) {
    log('photo checks in Chromium: skipped (needs /usr/bin/chromium and a build in .output/chrome-mv3)');
    return undefined;
  }
  const marker = `--sera-bench=${process.pid}-${Date.now()}`;
  const context = await launchWithExtension([], 0, { args: [marker] });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const page = await context.newPage();
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
    const sum = () => extensionRenderers(marker).reduce((total, pid) => total + residentBytes(pid), 0);
    const baseline = sum();
    let peak = baseline;
    const sample = setInterval(() => (peak = Math.max(peak, sum())), 50);
    const dataUrl = `data:image/jpeg;base64,${readFileSync(TWELVE_MEGAPIXELS).toString('base64')}`;
    const started = performance.now();
    const reply = await page.evaluate(
      (url) => (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome.runtime.sendMessage({ type: 'sera:photo-check', name: 'bench.jpg', dataUrl: url, site: '' }),
      dataUrl,
    );
    const answerMs = performance.now() - started;
    clearInterval(sample);
    peak = Math.max(peak, sum());
    if (!reply || (reply as { error?: string }).error) throw new Error(`the photo check failed: ${JSON.stringify(reply)}`);
    const result = { baselineMb: baseline / 2 ** 20, peakMb: peak / 2 ** 20, answerMs };
    log(`photo checks in Chromium's offscreen document, first 12 MP photo: extension process ${result.baselineMb.toFixed(0)} MB before, peak ${result.peakMb.toFixed(0)} MB; answer after ${answerMs.toFixed(0)} ms (models loading included)`);
    return result;
  } finally {
    await context.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchPhotoChecks(console.log);
  await benchOffscreenMemory(console.log);
}
