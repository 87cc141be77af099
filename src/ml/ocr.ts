import { createWorker, OEM, type ImageLike, type Worker } from 'tesseract.js';
import type { Box } from './boxes';
import { OCR_LANGUAGES } from './model-files';

/** Where Tesseract's files are: runtime URLs in the extension, local folders in Node. */
export interface OcrFiles {
  /** Folder holding <language>.traineddata.gz for each of OCR_LANGUAGES. */
  readonly langPath: string;
  /** tesseract.js's worker script (browser only; Node uses the package's own). */
  readonly workerPath?: string;
  /** Folder holding tesseract-core*.wasm.js (browser only). */
  readonly corePath?: string;
}

export interface OcrLine {
  readonly text: string;
  readonly box: Box;
}

export interface OcrResult {
  readonly text: string;
  readonly lines: readonly OcrLine[];
}

/** A white 32×32 image: Tesseract's first read sets up its engine, whatever the image. */
const BLANK_PGM = new Uint8Array([...new TextEncoder().encode('P5\n32 32\n255\n'), ...new Uint8Array(32 * 32).fill(255)]);

/** Words Tesseract is less sure of than this are mostly texture read as letters. */
const MIN_WORD_CONFIDENCE = 40;

/**
 * One Tesseract worker, started on first use. Reads run one after another, and `stop` waits for the
 * one under way: ending the worker in the middle of a read crashes tesseract.js.
 */
export class TextReader {
  private worker: Promise<Worker> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private warming: Promise<unknown> | undefined;

  constructor(private readonly files: OcrFiles) {}

  /** Starts the worker, loads the language data and reads a blank image, so that the first photo does not wait. */
  warm(): Promise<unknown> {
    this.warming ??= this.read(BLANK_PGM);
    return this.warming;
  }

  /** Text lines of an image given as PGM/PNG/JPEG bytes, with boxes in its pixels. */
  read(image: Uint8Array): Promise<OcrResult> {
    const result = this.queue.then(() => this.recognize(image));
    this.queue = result.catch(() => undefined);
    return result;
  }

  async stop(): Promise<void> {
    await this.queue;
    this.warming = undefined;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await (await worker).terminate();
  }

  private async recognize(image: Uint8Array): Promise<OcrResult> {
    const worker = await this.start();
    // Both of tesseract.js's loaders take encoded bytes as they are; its types only name Buffer.
    const { data } = await worker.recognize(image as ImageLike, {}, { text: true, blocks: true });
    const lines: OcrLine[] = [];
    for (const block of data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          const words = line.words.filter((word) => word.confidence >= MIN_WORD_CONFIDENCE);
          if (words.length === 0) continue;
          const { x0, y0, x1, y1 } = line.bbox;
          lines.push({ text: words.map((word) => word.text).join(' '), box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } });
        }
      }
    }
    return { text: lines.map((line) => line.text).join('\n'), lines };
  }

  private start(): Promise<Worker> {
    this.worker ??= createWorker(OCR_LANGUAGES.join('+'), OEM.LSTM_ONLY, {
      langPath: this.files.langPath,
      ...(this.files.workerPath ? { workerPath: this.files.workerPath } : {}),
      ...(this.files.corePath ? { corePath: this.files.corePath } : {}),
      // Extension pages may not start workers from blob: URLs; Node needs none of this.
      workerBlobURL: false,
      gzip: true,
      // Nothing is written to disk or IndexedDB: the data ships with Sera.
      cacheMethod: 'none',
    });
    return this.worker;
  }
}
