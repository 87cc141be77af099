import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { initBackend } from './backend';
import { centreInside, roundBox, type Box } from './boxes';
import { detectFaces, FACE_MODEL } from './faces';
import { loadModel, type ReadModelFile } from './graph-model';
import { TextReader, type OcrFiles, type OcrResult } from './ocr';
import { downscale, toPgm, type Pixels } from './pixels';
import { detectScreens, OBJECT_MODEL, type ScreenDetection } from './screens';

export const PHOTO_CHECKS = ['text', 'people', 'screens'] as const;
export type PhotoCheck = (typeof PHOTO_CHECKS)[number];
export type PhotoSeverity = 'info' | 'warn' | 'block';

/** Which checks run, and the severity of people and screen findings (text findings keep their rule's). */
export interface PhotoCheckSettings {
  readonly checks: ReadonlySet<PhotoCheck>;
  readonly severity: { readonly people: PhotoSeverity; readonly screens: PhotoSeverity };
}

/** What the draft engine found in a text: the fields of a Finding the photo checks use. */
export interface TextMatch {
  readonly ruleId: string;
  readonly severity: PhotoSeverity;
  readonly match: string;
  readonly message: string;
  readonly policyRef?: string;
}

export interface PhotoFinding {
  readonly check: PhotoCheck;
  readonly severity: PhotoSeverity;
  /** One line for the person, naming the photo. */
  readonly summary: string;
  /** The rule's own message, for text matches. */
  readonly message?: string;
  readonly ruleId?: string;
  readonly policyRef?: string;
  /** Where in the photo (in the report's width × height), when the check knows. */
  readonly boxes: readonly Box[];
}

export interface PhotoReport {
  readonly name: string;
  /** The size of the pixels looked at (the extension scales large photos down first): boxes are in it. */
  readonly width: number;
  readonly height: number;
  readonly findings: readonly PhotoFinding[];
  /** Checks that ran out of time or failed: the photo was not held back for them. */
  readonly unfinished: readonly PhotoCheck[];
  readonly faces: number;
  readonly screens: readonly (ScreenDetection & { readonly box: Box })[];
  readonly text: string;
  /** Milliseconds per check (only those that finished). */
  readonly timings: Partial<Record<PhotoCheck, number>>;
}

/** How the models of one check stand in this analyzer (OCR counts as the text check's model). */
export interface ModelLoad {
  readonly state: 'loading' | 'ready' | 'failed';
  /** How long loading took (with the backend start and warm-up), once ready. */
  readonly loadMs?: number;
  /** When loading finished (ms since the epoch). */
  readonly loadedAt?: number;
}

export interface AnalyzerFiles {
  readonly readModel: ReadModelFile;
  /** Folder (URL or path, ending in "/") with TF.js's wasm binaries. */
  readonly wasmDirectory: string;
  readonly ocr: OcrFiles;
}

export interface AnalyzeOptions {
  readonly settings: PhotoCheckSettings;
  /** Runs the active packs' text rules (the draft engine) on text read from the photo. */
  readonly checkText: (text: string) => readonly TextMatch[];
  /** Default 2,500 ms: what a 12-megapixel photo gets on a 2-core laptop. */
  readonly budgetMs?: number;
}

export const DEFAULT_BUDGET_MS = 2500;
/** The detectors see at most 256 (faces) and 512 (objects) pixels a side. */
const DETECTOR_SIDE = 512;
/** Enough for text about 1/80 of the photo's height; more costs OCR time for little. */
const OCR_SIDE = 2000;

const RANK: Record<PhotoSeverity, number> = { info: 0, warn: 1, block: 2 };
const higher = (a: PhotoSeverity, b: PhotoSeverity): PhotoSeverity => (RANK[a] >= RANK[b] ? a : b);

class OutOfTime extends Error {}

/**
 * Text, people and screen checks on decoded photos. Models load on first use and stay loaded until `stop`;
 * nothing is fetched from anywhere but `files`.
 */
export class PhotoAnalyzer {
  private readonly models = new Map<string, Promise<GraphModel>>();
  private readonly reader: TextReader;
  private readonly loads = new Map<PhotoCheck, ModelLoad>();

  constructor(private readonly files: AnalyzerFiles) {
    this.reader = new TextReader(files.ocr);
  }

  /** Loads every model (and starts OCR) now; resolves with the TF.js backend in use. */
  async warm(checks: ReadonlySet<PhotoCheck> = new Set(PHOTO_CHECKS)): Promise<string> {
    const started = performance.now();
    const loading = (check: PhotoCheck, load: () => Promise<unknown>) => {
      if (!checks.has(check)) return undefined;
      const settled = this.loads.get(check)?.state;
      if (settled === 'ready' || settled === 'loading') return load();
      this.loads.set(check, { state: 'loading' });
      return load().then(
        () => this.loads.set(check, { state: 'ready', loadMs: performance.now() - started, loadedAt: Date.now() }),
        (error: unknown) => {
          this.loads.set(check, { state: 'failed' });
          throw error;
        },
      );
    };
    const backend = await initBackend(this.files.wasmDirectory);
    await Promise.all([loading('people', () => this.model(FACE_MODEL)), loading('screens', () => this.model(OBJECT_MODEL)), loading('text', () => this.reader.warm())]);
    return backend;
  }

  /** Which checks' models are loading or loaded, for the options page; a check not listed has not started. */
  loadStatus(): Partial<Record<PhotoCheck, ModelLoad>> {
    return Object.fromEntries(this.loads);
  }

  async analyze(pixels: Pixels, name: string, options: AnalyzeOptions): Promise<PhotoReport> {
    const { checks, severity } = options.settings;
    // The budget is for looking at the photo: loading the models (first photo only) comes before it.
    await this.warm(checks);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new OutOfTime()), options.budgetMs ?? DEFAULT_BUDGET_MS);
    });
    deadline.catch(() => {});
    const timings: Partial<Record<PhotoCheck, number>> = {};
    const timed = <T>(check: PhotoCheck, work: () => Promise<T>): Promise<T | undefined> => {
      if (!checks.has(check)) return Promise.resolve(undefined);
      const started = performance.now();
      return Promise.race([work(), deadline]).then((result) => {
        timings[check] = performance.now() - started;
        return result;
      });
    };
    const small = downscale(pixels, DETECTOR_SIDE);
    const toPhoto = (box: Box, from: Pixels): Box => {
      const scale = pixels.width / from.width;
      return roundBox({ x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale });
    };

    const ocrImage = checks.has('text') ? downscale(pixels, OCR_SIDE) : undefined;
    const [text, faces, screens] = await Promise.allSettled([
      timed('text', () => this.reader.read(toPgm(ocrImage!))),
      timed('people', async () => detectFaces(await this.model(FACE_MODEL), small)),
      timed('screens', async () => detectScreens(await this.model(OBJECT_MODEL), small)),
    ]);
    // A read cut off by the budget finishes in the background; the next photo's read waits for it.
    clearTimeout(timer);

    const unfinished = PHOTO_CHECKS.filter((check, i) => checks.has(check) && [text, faces, screens][i]!.status === 'rejected');
    const ocr: OcrResult | undefined = text.status === 'fulfilled' ? text.value : undefined;
    const ocrLines = (ocr?.lines ?? []).map((line) => ({ ...line, box: toPhoto(line.box, ocrImage!) }));
    const faceBoxes = faces.status === 'fulfilled' ? (faces.value ?? []).map((face) => toPhoto(face.box, small)) : [];
    const screenHits = screens.status === 'fulfilled' ? (screens.value ?? []).map((screen) => ({ ...screen, box: toPhoto(screen.box, small) })) : [];

    const findings: PhotoFinding[] = [];
    const textMatches = ocr ? options.checkText(ocr.text) : [];
    for (const match of textMatches) {
      findings.push({
        check: 'text',
        severity: match.severity,
        summary: `In the photo ${name}: '${match.match}' (${match.ruleId})`,
        message: match.message,
        ruleId: match.ruleId,
        policyRef: match.policyRef,
        boxes: ocrLines.filter((line) => line.text.toLowerCase().includes(match.match.toLowerCase())).map((line) => line.box),
      });
    }
    if (faceBoxes.length > 0) {
      const people = faceBoxes.length === 1 ? '1 person' : `${faceBoxes.length} people`;
      findings.push({ check: 'people', severity: severity.people, summary: `${people} in the photo ${name}: do they agree to it being posted?`, boxes: faceBoxes });
    }
    for (const screen of screenHits) {
      // Text read inside the screen that a rule flags makes the screen itself a finding of that rule's weight.
      const shown = options.checkText(ocrLines.filter((line) => centreInside(line.box, screen.box)).map((line) => line.text).join('\n'));
      const what = screen.kind === 'book' ? 'A document or book' : 'A screen';
      findings.push({
        check: 'screens',
        severity: shown.reduce((worst, match) => higher(worst, match.severity), severity.screens),
        summary: shown.length
          ? `${what} in the photo ${name} shows ${shown.map((match) => `'${match.match}' (${match.ruleId})`).join(', ')}`
          : `${what} is visible in the photo ${name}: check nothing confidential is on it`,
        boxes: [screen.box],
      });
    }
    return { name, width: pixels.width, height: pixels.height, findings, unfinished, faces: faceBoxes.length, screens: screenHits, text: ocr?.text ?? '', timings };
  }

  /**
   * Lets go of everything loaded, once the reads under way are done: the OCR worker ends and the
   * models' tensors are freed. The next photo loads them again.
   */
  async stop(): Promise<void> {
    await this.reader.stop();
    const models = [...this.models.values()];
    this.models.clear();
    this.loads.clear();
    for (const model of await Promise.allSettled(models)) if (model.status === 'fulfilled') model.value.dispose();
  }

  private model(name: string): Promise<GraphModel> {
    let model = this.models.get(name);
    if (!model) {
      model = initBackend(this.files.wasmDirectory)
        .then(() => loadModel(this.files.readModel, name))
        .then((loaded) => {
          // The first run compiles the backend's kernels: pay it while loading, outside any photo's budget.
          const shape = loaded.inputs[0]!.shape!.map((size) => (size > 0 ? size : 1));
          tf.dispose(tf.tidy(() => loaded.execute(tf.zeros(shape))));
          return loaded;
        });
      // A failed load is retried with the next photo.
      model.catch(() => this.models.delete(name));
      this.models.set(name, model);
    }
    return model;
  }
}
