import { browser } from 'wxt/browser';
import type { ModelLoad, PhotoCheck, PhotoReport } from './photo-checks';

/** Content script → background: check this photo (already cleaned and handed to the page). */
export interface PhotoCheckRequest {
  readonly type: 'sera:photo-check';
  readonly name: string;
  /** The photo as a data: URL; it never leaves the extension. */
  readonly dataUrl: string;
  readonly site: string;
}

/** What the checks found; none when no active pack has a photo rule for the site. */
export type PhotoCheckReply = { readonly report?: Omit<PhotoReport, 'text'>; readonly error?: string };

/** Files Sera's photo checks read: images the page received. */
export const CHECKED_TYPES = /^image\/(jpeg|png|webp|gif|bmp|avif)$/;

/** Asks the background to check `file`; resolves once the checks answer (the upload does not wait). */
export async function requestPhotoCheck(file: File, site: string): Promise<PhotoCheckReply> {
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
  return (await browser.runtime.sendMessage({ type: 'sera:photo-check', name: file.name, dataUrl, site } satisfies PhotoCheckRequest)) as PhotoCheckReply;
}

/** Options page → background: how the photo checks stand (the options page never loads a model). */
export interface PhotoStatusRequest {
  readonly type: 'sera:photo-status';
}

export interface CheckModelStatus {
  readonly check: PhotoCheck;
  /** 'not loaded' until a photo needs the check, and again after the models were let go (idle, or turned off). */
  readonly state: ModelLoad['state'] | 'not loaded';
  /** The files the check loads, and their size in the package. */
  readonly files: readonly string[];
  readonly bytes: number;
  /** The last load, also after the models were let go. */
  readonly loadMs?: number;
  readonly loadedAt?: number;
}

export interface PhotoStatusReply {
  /** Photo checks run for packs with photo rules; off: uploads still lose their location, nothing is analysed. */
  readonly on: boolean;
  /** Set by the organisation (policy photoChecks): the switch is shown locked. */
  readonly locked: boolean;
  readonly models: readonly CheckModelStatus[];
}

export async function requestPhotoStatus(): Promise<PhotoStatusReply> {
  return (await browser.runtime.sendMessage({ type: 'sera:photo-status' } satisfies PhotoStatusRequest)) as PhotoStatusReply;
}
