import { cleanImage, type CleanResult } from './clean';
import { detectFormat } from './format';
import { removedAnything, type CleanMode } from './report';
import { blobSource, patchedBlob } from '../videos/blob';
import { cleanVideo, type VideoCleanResult } from '../videos/clean';
import { mightBeVideo } from '../videos/format';

const IMAGE_NAME = /\.(?:jpe?g|png|webp|hei[cf]|avif|tiff?|dng)$/i;
const IMAGE_TYPE = /^image\/(?:jpeg|png|webp|hei[cf](?:-sequence)?|avif|tiff|x-adobe-dng)$/;

/** Whether a file may be a photo worth reading: by type or name, before any byte is read. */
export function mightBeImage(file: File): boolean {
  return file.type.startsWith('image/') || IMAGE_NAME.test(file.name);
}

/** A photo's or a video's: photos come back as bytes, videos as patches over the original File. */
export type MediaCleanResult = CleanResult | VideoCleanResult;

export interface Cleaned {
  readonly name: string;
  readonly result: MediaCleanResult & { cleaned: true };
}

export interface Uncleanable {
  readonly file: File;
  readonly result: MediaCleanResult & { cleaned: false };
}

export interface UploadDecisions {
  /** Called once per file that could not be cleaned: attach the original anyway? */
  readonly attachUncleaned: (held: Uncleanable) => Promise<boolean>;
  /** Called once with every file something was removed from. */
  readonly reportCleaned: (cleaned: Cleaned[]) => void;
}

/**
 * The files to hand to the page instead of `files`: cleaned copies (same name, type and date) of
 * photos that had something to remove, the very same File objects for everything else, and
 * uncleanable photos only when the person chose to attach them anyway.
 */
export async function prepareUploads(files: readonly File[], mode: CleanMode, decisions: UploadDecisions): Promise<File[]> {
  const results = await Promise.all(files.map(async (file) => ({ file, result: mightBeVideo(file) ? await cleanVideo(blobSource(file), mode) : await cleanIfImage(file, mode) })));
  const delivered: File[] = [];
  const cleaned: Cleaned[] = [];
  for (const { file, result } of results) {
    if (!result) {
      delivered.push(file);
    } else if (!result.cleaned) {
      if (await decisions.attachUncleaned({ file, result })) delivered.push(file);
    } else if (removedAnything(result.removed)) {
      const content = 'bytes' in result ? (result.bytes as Uint8Array<ArrayBuffer>) : patchedBlob(file, result.patches);
      delivered.push(new File([content], file.name, { type: file.type, lastModified: file.lastModified }));
      cleaned.push({ name: file.name, result });
    } else {
      delivered.push(file);
    }
  }
  if (cleaned.length > 0) decisions.reportCleaned(cleaned);
  return delivered;
}

/** Cleans a photo; undefined for anything that is not an image format Sera knows (left alone). */
async function cleanIfImage(file: File, mode: CleanMode): Promise<CleanResult | undefined> {
  if (!mightBeImage(file)) return undefined;
  // Copied: in a Firefox content script an array over the page's buffer stays the page's, and the
  // photo code may not even read its `constructor` ("Permission denied"); the copy is the script's own.
  const bytes = new Uint8Array(new Uint8Array(await file.arrayBuffer()));
  // GIF, SVG, BMP...: no location metadata to speak of. But a file that claims to be a format Sera
  // cleans and does not look like one is held back (fail closed) by cleanImage.
  if (!detectFormat(bytes) && !IMAGE_TYPE.test(file.type) && !IMAGE_NAME.test(file.name)) return undefined;
  return cleanImage(bytes, mode);
}
