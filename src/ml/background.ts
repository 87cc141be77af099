import { browser, type Browser } from 'wxt/browser';
import type { Pack } from '../packs/schema';
import type { PhotoCheckReply, PhotoCheckRequest } from './messages';
import type { PhotoAnalyzeRequest } from './offscreen';
import { photoCheckSettings } from './settings';

/** The models stay loaded this long after the last photo, then the offscreen document closes. */
const IDLE_MS = 5 * 60_000;
const OFFSCREEN_PAGE = '/offscreen.html';

let idleTimer: ReturnType<typeof setTimeout> | undefined;
let creating: Promise<void> | undefined;

async function ensureOffscreenDocument(): Promise<void> {
  const url = browser.runtime.getURL(OFFSCREEN_PAGE);
  const existing = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType], documentUrls: [url] });
  if (existing.length > 0) return;
  creating ??= browser.offscreen
    .createDocument({ url, reasons: ['WORKERS' as Browser.offscreen.Reason], justification: 'Checks photos on the device (text, faces, screens) before they are posted.' })
    .finally(() => (creating = undefined));
  await creating;
}

function closeWhenIdle(): void {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void browser.offscreen.closeDocument().catch(() => {}), IDLE_MS);
}

/** Runs the analysis where this browser allows: Chrome's offscreen document, else this page (Firefox). */
async function analyze(request: PhotoAnalyzeRequest): Promise<PhotoCheckReply> {
  // Firefox has no offscreen documents; its background page has a DOM and workers of its own. The
  // Chrome build leaves this out, so its service worker never carries TF.js.
  if (import.meta.env.FIREFOX) return (await import('./offscreen')).analyzePhoto(request);
  await ensureOffscreenDocument();
  closeWhenIdle();
  return (await browser.runtime.sendMessage(request)) as PhotoCheckReply;
}

/**
 * Answers content scripts' photo checks with the active packs' photo rules; a site no photo rule
 * covers gets an empty reply at once, and no model is loaded.
 */
export function listenForPhotoChecks(activePacks: () => Promise<readonly Pack[]>): void {
  browser.runtime.onMessage.addListener((message: PhotoCheckRequest, sender, reply) => {
    if (message?.type !== 'sera:photo-check' || sender.id !== browser.runtime.id) return;
    void (async () => {
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
