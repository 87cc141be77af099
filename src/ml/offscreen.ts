import { browser } from 'wxt/browser';
import type { Pack } from '../packs/schema';
import { compilePack, type CompiledPack } from '../policy/engine';
import type { PhotoCheckReply } from './messages';
import { PhotoAnalyzer, type ModelLoad, type PhotoCheck, type PhotoCheckSettings } from './photo-checks';
import type { Pixels } from './pixels';

/** Background → offscreen document (or, in Firefox, the background page itself). */
export interface PhotoAnalyzeRequest {
  readonly type: 'sera:photo-analyze';
  readonly name: string;
  readonly dataUrl: string;
  readonly packs: readonly Pack[];
  readonly settings: { readonly checks: readonly PhotoCheck[]; readonly severity: PhotoCheckSettings['severity'] };
}

/** Background → offscreen document: which models are loading or loaded. */
export interface AnalyzerStatusRequest {
  readonly type: 'sera:photo-analyzer-status';
}

/** Offscreen document → background: no photo for a while, close the document. */
export interface AnalyzerIdleMessage {
  readonly type: 'sera:photo-analyzer-idle';
}

/** Larger photos are scaled down while decoding: OCR reads at most 2,000 pixels a side. */
const DECODE_SIDE = 2000;

const url = (path: string) => browser.runtime.getURL(path as '/');

let analyzer: PhotoAnalyzer | undefined;
/** Analyses under way: letting go of the models waits for them. */
const running = new Set<Promise<unknown>>();
/** The models stay loaded this long after the last photo. */
const IDLE_MS = 5 * 60_000;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * Runs where the analyzer lives, whose timers keep going (Chrome's service worker is stopped when
 * idle and would lose a timer): Firefox's background page lets go of the models itself, and
 * Chrome's offscreen document asks the background to close it (serveAnalysis).
 */
let whenIdle = (): void => void releaseAnalyzer();
const compiled = new Map<string, CompiledPack>();

/** The analyzer with every file from the extension itself (runtime URLs; nothing from the network). */
function photoAnalyzer(): PhotoAnalyzer {
  analyzer ??= new PhotoAnalyzer({
    readModel: async (name) => new Uint8Array(await (await fetch(url(`/ml/${name}`))).arrayBuffer()),
    wasmDirectory: url('/ml/'),
    ocr: { langPath: url('/ml'), workerPath: url('/ml/tesseract-worker.min.js'), corePath: url('/ml/tesseract-core-simd-lstm.wasm.js') },
  });
  return analyzer;
}

function compiledPack(pack: Pack): CompiledPack {
  const key = `${pack.id}@${pack.serial}`;
  let result = compiled.get(key);
  if (!result) {
    result = compilePack(pack);
    compiled.set(key, result);
  }
  return result;
}

/** Decodes with the browser (EXIF orientation applied), scaled to at most DECODE_SIDE a side. */
async function decode(dataUrl: string): Promise<Pixels> {
  const blob = await (await fetch(dataUrl)).blob();
  const full = await createImageBitmap(blob);
  const scale = Math.min(1, DECODE_SIDE / Math.max(full.width, full.height));
  const width = Math.max(1, Math.round(full.width * scale));
  const height = Math.max(1, Math.round(full.height * scale));
  const bitmap = scale < 1 ? await createImageBitmap(full, { resizeWidth: width, resizeHeight: height, resizeQuality: 'medium' }) : full;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  full.close();
  bitmap.close();
  return { width, height, channels: 4, data: context.getImageData(0, 0, width, height).data };
}

export function analyzePhoto(request: PhotoAnalyzeRequest): Promise<PhotoCheckReply> {
  clearTimeout(idleTimer);
  const analysis = analyze(request);
  running.add(analysis);
  return analysis.finally(() => {
    running.delete(analysis);
    if (running.size === 0) idleTimer = setTimeout(whenIdle, IDLE_MS);
  });
}

/** Frees the models and the OCR worker once the analyses under way are done (Firefox: idle, or checks turned off). */
export async function releaseAnalyzer(): Promise<void> {
  clearTimeout(idleTimer);
  await Promise.allSettled(running);
  const released = analyzer;
  analyzer = undefined;
  compiled.clear();
  await released?.stop();
}

async function analyze(request: PhotoAnalyzeRequest): Promise<PhotoCheckReply> {
  try {
    const packs = request.packs.map(compiledPack);
    const pixels = await decode(request.dataUrl);
    const { text: _text, ...report } = await photoAnalyzer().analyze(pixels, request.name, {
      settings: { checks: new Set(request.settings.checks), severity: request.settings.severity },
      checkText: (text) => packs.flatMap((pack) => pack.check(text)),
    });
    return { report };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

export function analyzerStatus(): Partial<Record<PhotoCheck, ModelLoad>> {
  return analyzer?.loadStatus() ?? {};
}

/** Answers the background's analysis and status requests in this document, and says when it has been idle. */
export function serveAnalysis(): void {
  whenIdle = () => void browser.runtime.sendMessage({ type: 'sera:photo-analyzer-idle' } satisfies AnalyzerIdleMessage).catch(() => {});
  browser.runtime.onMessage.addListener((message: PhotoAnalyzeRequest | AnalyzerStatusRequest, sender, reply) => {
    if (sender.id !== browser.runtime.id) return;
    if (message?.type === 'sera:photo-analyzer-status') {
      reply(analyzerStatus());
      return;
    }
    if (message?.type !== 'sera:photo-analyze') return;
    void analyzePhoto(message).then(reply);
    return true;
  });
}
