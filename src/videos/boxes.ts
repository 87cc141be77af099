import { latin1 } from '../photos/bytes';
import type { ByteSource } from './source';

/** A video whose structure Sera cannot follow: it is refused, never guessed at. */
export class MalformedVideo extends Error {}

export interface Box {
  readonly type: string;
  /** Where the box starts (its size field). */
  readonly at: number;
  /** Where its payload starts (after size, type and any large size). */
  readonly start: number;
  readonly end: number;
}

/** The boxes in `bytes[start, end)`, each checked to lie inside it. */
export function* childBoxes(bytes: Uint8Array, start: number, end: number): Generator<Box> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = start; at < end; ) {
    if (end - at < 8) {
      // QuickTime ends some user data lists with a 32-bit zero.
      if (bytes.subarray(at, end).every((byte) => byte === 0)) return;
      throw new MalformedVideo(`box header at byte ${at} runs past its parent`);
    }
    const header = readHeader(view, bytes, at, end);
    yield { type: header.type, at, start: at + header.headerSize, end: at + header.size };
    at += header.size;
  }
}

interface Header {
  readonly type: string;
  readonly size: number;
  readonly headerSize: number;
}

/** Size and type of the box at `at` in `bytes`, which ends (as does the box's parent) at `end`. */
function readHeader(view: DataView, bytes: Uint8Array, at: number, end: number): Header {
  let size = view.getUint32(at);
  const type = latin1(bytes, at + 4, at + 8);
  let headerSize = 8;
  if (size === 1) {
    if (end - at < 16) throw new MalformedVideo(`${type} box at byte ${at} runs past its parent`);
    size = view.getUint32(at + 8) * 2 ** 32 + view.getUint32(at + 12);
    headerSize = 16;
  } else if (size === 0) {
    size = end - at;
  }
  if (size < headerSize || at + size > end) throw new MalformedVideo(`${type} box at byte ${at} runs past its parent`);
  return { type, size, headerSize };
}

/** Box types are four letters, digits or signs (QuickTime's start with ©). */
const BOX_TYPE = /^[\x20-\x7e\xa9]{4}$/;

export interface TopLevel {
  /** The boxes in order; the media data of a file cut short ends past the end of the file. */
  readonly boxes: Box[];
  /** Bytes after the last box that do not form one (appended junk), if any. */
  readonly trailing?: { readonly at: number; readonly end: number };
}

/**
 * The top-level boxes of a file, found by reading 16 bytes per box: the media data is stepped over
 * by its size, never read. A file cut short by an interrupted copy still has its metadata when the
 * cut is in the media data: that box keeps the size it declares, ending past the file. Bytes after
 * the last box whose header is not a box's are trailing junk; a box of another type that runs past
 * the end of the file is metadata cut short, and refused.
 */
export async function topLevelBoxes(source: ByteSource): Promise<TopLevel> {
  const boxes: Box[] = [];
  for (let at = 0; at < source.size; ) {
    const head = await source.read(at, Math.min(source.size, at + 16));
    const type = latin1(head, 4, Math.min(8, head.length));
    if (head.length < 8 || !BOX_TYPE.test(type)) {
      if (boxes.length > 0) return { boxes, trailing: { at, end: source.size } };
      throw new MalformedVideo(`box header at byte ${at} runs past the end of the file`);
    }
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    // Relative to `at`: the header is read alone, so its end is where the file ends.
    const header = readHeader(view, head, 0, type === 'mdat' ? Math.max(source.size - at, declaredSize(view)) : source.size - at);
    boxes.push({ type: header.type, at, start: at + header.headerSize, end: at + header.size });
    at += header.size;
  }
  return { boxes };
}

/** The size a box header declares (0 for "to the end of the file"). */
function declaredSize(view: DataView): number {
  const size = view.getUint32(0);
  return size === 1 && view.byteLength >= 16 ? view.getUint32(8) * 2 ** 32 + view.getUint32(12) : size;
}
