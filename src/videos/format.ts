import { latin1 } from '../photos/bytes';
import { detectFormat } from '../photos/format';
import { detectMatroska } from './matroska';

export type VideoFormat = 'mp4' | 'mov' | '3gp' | 'm4v' | 'webm' | 'mkv';

/** Boxes an old QuickTime movie may start with, when it has no ftyp box. */
const QUICKTIME_FIRST_BOXES = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/**
 * The video format by the first bytes (64 are plenty): the EBML header's DocType (WebM, Matroska),
 * the ftyp box's major brand, or a QuickTime box where an old movie starts without one. HEIF and
 * AVIF images share the ftyp box and are not videos.
 */
export function detectVideoFormat(head: Uint8Array): VideoFormat | undefined {
  const matroska = detectMatroska(head);
  if (matroska) return matroska;
  const type = latin1(head, 4, Math.min(8, head.length));
  if (type !== 'ftyp') return QUICKTIME_FIRST_BOXES.has(type) ? 'mov' : undefined;
  if (detectFormat(head)) return undefined;
  const brand = latin1(head, 8, Math.min(12, head.length));
  if (brand === 'qt  ') return 'mov';
  if (brand.startsWith('3g')) return '3gp';
  if (brand.startsWith('M4V')) return 'm4v';
  return brand.length === 4 ? 'mp4' : undefined;
}

const VIDEO_NAME = /\.(?:mp4|m4v|mov|qt|3gp|3g2|webm|mkv)$/i;

/** Whether a file may be a video Sera cleans: by type or name, before any byte is read. */
export function mightBeVideo(file: { readonly name: string; readonly type: string }): boolean {
  return /^video\/(?:mp4|quicktime|3gpp2?|x-m4v|webm|x-matroska)$/.test(file.type) || VIDEO_NAME.test(file.name);
}
