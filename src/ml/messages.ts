import { browser } from 'wxt/browser';
import type { PhotoReport } from './photo-checks';

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
