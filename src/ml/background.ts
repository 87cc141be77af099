import { browser, type Browser } from 'wxt/browser';
import { PHOTO_CHECKS, type Pack } from '../packs/schema';
import { storage } from 'wxt/utils/storage';
import type { CheckModelStatus, PhotoCheckReply, PhotoCheckRequest, PhotoStatusReply, PhotoStatusRequest } from './messages';
import { MODEL_FILES, SIZES_FILE } from './model-files';
import type { AnalyzerIdleMessage, AnalyzerStatusRequest, PhotoAnalyzeRequest } from './offscreen';
// Types only: the Chrome service worker never carries TF.js.
import type { ModelLoad, PhotoCheck } from './photo-checks';
import { photoCheckSettings } from './settings';
import { photoChecksSwitch, watchPhotoChecksSwitch } from './switch';

const OFFSCREEN_PAGE = '/offscreen.html';

let creating: Promise<void> | undefined;

/** The models' last loads, kept for the options page after the offscreen document has closed. */
const lastLoads = storage.defineItem<Partial<Record<PhotoCheck, ModelLoad>>>('session:photoModelLoads', { fallback: {} });

async function offscreenDocumentExists(): Promise<boolean> {
  const url = browser.runtime.getURL(OFFSCREEN_PAGE);
  return (await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType], documentUrls: [url] })).length > 0;
}

async function ensureOffscreenDocument(): Promise<void> {
  const url = browser.runtime.getURL(OFFSCREEN_PAGE);
  if (await offscreenDocumentExists()) return;
  creating ??= browser.offscreen
    .createDocument({ url, reasons: ['WORKERS' as Browser.offscreen.Reason], justification: 'Checks photos on the device (text, faces, screens) before they are posted.' })
    .finally(() => (creating = undefined));
  await creating;
}

/** Lets go of the models: Chrome closes the offscreen document; Firefox frees them in this page. */
async function releaseModels(): Promise<void> {
  if (import.meta.env.FIREFOX) await (await import('./offscreen')).releaseAnalyzer();
  else await browser.offscreen.closeDocument().catch(() => {});
}

/** Runs the analysis where this browser allows: Chrome's offscreen document, else this page (Firefox). */
async function analyze(request: PhotoAnalyzeRequest): Promise<PhotoCheckReply> {
  // Firefox has no offscreen documents; its background page has a DOM and workers of its own. The
  // Chrome build leaves this out, so its service worker never carries TF.js.
  if (import.meta.env.FIREFOX) return (await import('./offscreen')).analyzePhoto(request);
  await ensureOffscreenDocument();
  const reply = (await browser.runtime.sendMessage(request)) as PhotoCheckReply;
  // Kept for the options page; the reply does not wait for it, nor fail with it.
  void currentLoads()
    .then((loads) => lastLoads.setValue(loads))
    .catch(() => {});
  return reply;
}

/** How the analyzer's models stand now: none loaded while there is no offscreen document. */
async function currentLoads(): Promise<Partial<Record<PhotoCheck, ModelLoad>>> {
  if (import.meta.env.FIREFOX) return (await import('./offscreen')).analyzerStatus();
  if (!(await offscreenDocumentExists())) return {};
  return (await browser.runtime.sendMessage({ type: 'sera:photo-analyzer-status' } satisfies AnalyzerStatusRequest)) as Partial<Record<PhotoCheck, ModelLoad>>;
}

async function photoStatus(): Promise<PhotoStatusReply> {
  const [toggle, loads, last, sizes] = await Promise.all([
    photoChecksSwitch(),
    currentLoads(),
    lastLoads.getValue(),
    fetch(browser.runtime.getURL(`/ml/${SIZES_FILE}` as '/'))
      .then((response) => response.json() as Promise<Record<string, number>>)
      .catch(() => ({}) as Record<string, number>),
  ]);
  const models = PHOTO_CHECKS.map((check): CheckModelStatus => {
    const files = MODEL_FILES[check];
    const { loadMs, loadedAt } = loads[check] ?? last[check] ?? {};
    return { check, state: loads[check]?.state ?? 'not loaded', files, bytes: files.reduce((sum, file) => sum + (sizes[file] ?? 0), 0), loadMs, loadedAt };
  });
  return { ...toggle, models };
}

/**
 * Answers content scripts' photo checks with the active packs' photo rules; a site no photo rule
 * covers, or checks turned off, get an empty reply at once, and no model is loaded. Also tells the
 * options page how the checks stand.
 */
export function listenForPhotoChecks(activePacks: () => Promise<readonly Pack[]>): void {
  // Turned off, by the person or the policy: the models are let go now rather than after the idle time.
  watchPhotoChecksSwitch((on) => {
    if (!on) void releaseModels();
  });
  browser.runtime.onMessage.addListener((message: PhotoCheckRequest | PhotoStatusRequest | AnalyzerIdleMessage, sender, reply) => {
    if (sender.id !== browser.runtime.id) return;
    if (message?.type === 'sera:photo-analyzer-idle') {
      void releaseModels();
      return;
    }
    if (message?.type === 'sera:photo-status') {
      void photoStatus().then(reply);
      return true;
    }
    if (message?.type !== 'sera:photo-check') return;
    void (async () => {
      // Off: the upload has lost its location already (the upload guard), and nothing is analysed.
      if (!(await photoChecksSwitch()).on) return {};
      const packs = await activePacks();
      const settings = photoCheckSettings(packs, message.site);
      if (!settings) return {};
      return analyze({ type: 'sera:photo-analyze', name: message.name, dataUrl: message.dataUrl, packs, settings: { checks: [...settings.checks], severity: settings.severity } });
    })()
      .catch((error: Error) => ({ error: error.message }))
      .then(reply);
    return true;
  });
}
