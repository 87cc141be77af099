import { ascii, latin1 } from './bytes';
import type { CleanMode, Removed } from './report';
import { MalformedImage, orientationOnlyTiff, removeTiffGps, tiffOrientation } from './tiff';
import { orientationOnlyXmp, removeXmpLocation, xmpOrientation } from './xmp';

/**
 * The metadata items of a HEIF/AVIF file (ISO base media format): where the bytes of each Exif
 * item and each XMP item lie. Editors change those bytes in place, so the `iloc` offsets, the
 * coded image items and every box size stay valid.
 */

export interface MetadataItem {
  readonly kind: 'exif' | 'xmp';
  readonly start: number;
  readonly end: number;
}

interface Box {
  readonly type: string;
  /** Where the box's payload starts (after size, type and any large size). */
  readonly start: number;
  readonly end: number;
}

function* boxes(bytes: Uint8Array, view: DataView, start: number, end: number): Generator<Box> {
  for (let at = start; at < end; ) {
    if (at + 8 > end) throw new MalformedImage(`box header at byte ${at} runs past its parent`);
    let size = view.getUint32(at);
    const type = latin1(bytes, at + 4, at + 8);
    let header = 8;
    if (size === 1) {
      if (at + 16 > end) throw new MalformedImage(`box header at byte ${at} runs past its parent`);
      size = view.getUint32(at + 8) * 2 ** 32 + view.getUint32(at + 12);
      header = 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < header || at + size > end) throw new MalformedImage(`${type} box at byte ${at} runs past its parent`);
    yield { type, start: at + header, end: at + size };
    at += size;
  }
}

function child(bytes: Uint8Array, view: DataView, parent: Box, type: string, skip = 0): Box | undefined {
  for (const box of boxes(bytes, view, parent.start + skip, parent.end)) if (box.type === type) return box;
  return undefined;
}

function cString(bytes: Uint8Array, at: number, end: number): { text: string; next: number } {
  const nul = bytes.indexOf(0, at);
  const stop = nul < 0 || nul >= end ? end : nul;
  return { text: latin1(bytes, at, stop), next: stop + 1 };
}

/** Exif and XMP items, from `iinf` (what each item is) and `iloc` (where its bytes are). */
export function heifMetadataItems(bytes: Uint8Array): MetadataItem[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const file: Box = { type: 'file', start: 0, end: bytes.length };
  const meta = child(bytes, view, file, 'meta');
  if (!meta) throw new MalformedImage('HEIF file has no meta box');
  const FULL_BOX = 4;
  const iinf = child(bytes, view, meta, 'iinf', FULL_BOX);
  const iloc = child(bytes, view, meta, 'iloc', FULL_BOX);
  if (!iinf) return []; // no items described: nothing can hold metadata
  if (!iloc) throw new MalformedImage('HEIF meta box has items but no iloc box');

  const kinds = new Map<number, MetadataItem['kind']>();
  const iinfVersion = bytes[iinf.start]!;
  for (const infe of boxes(bytes, view, iinf.start + FULL_BOX + (iinfVersion === 0 ? 2 : 4), iinf.end)) {
    if (infe.type !== 'infe') continue;
    const version = bytes[infe.start]!;
    if (version < 2) continue; // versions 0 and 1 have no item type, so they cannot mark Exif or XMP
    let at = infe.start + FULL_BOX;
    const id = version === 2 ? view.getUint16(at) : view.getUint32(at);
    at += (version === 2 ? 2 : 4) + 2; // item id, protection index
    const type = latin1(bytes, at, at + 4);
    at = cString(bytes, at + 4, infe.end).next; // item name
    if (type === 'Exif') kinds.set(id, 'exif');
    if (type === 'mime') {
      const contentType = cString(bytes, at, infe.end);
      const encoding = cString(bytes, contentType.next, infe.end).text;
      if (contentType.text !== 'application/rdf+xml') continue;
      if (encoding) throw new MalformedImage(`XMP item encoded as "${encoding}" cannot be edited yet`);
      kinds.set(id, 'xmp');
    }
  }
  if (kinds.size === 0) return [];

  const idat = child(bytes, view, meta, 'idat', FULL_BOX);
  const items: MetadataItem[] = [];
  const version = bytes[iloc.start]!;
  let at = iloc.start + FULL_BOX;
  const need = (length: number) => {
    if (at + length > iloc.end) throw new MalformedImage('iloc box is truncated');
  };
  const readSized = (size: number): number => {
    need(size);
    const value = size === 0 ? 0 : size === 4 ? view.getUint32(at) : size === 8 ? view.getUint32(at) * 2 ** 32 + view.getUint32(at + 4) : NaN;
    if (Number.isNaN(value)) throw new MalformedImage(`iloc field size ${size} is invalid`);
    at += size;
    return value;
  };
  need(2);
  const offsetSize = bytes[at]! >> 4;
  const lengthSize = bytes[at]! & 15;
  const baseOffsetSize = bytes[at + 1]! >> 4;
  const indexSize = version >= 1 ? bytes[at + 1]! & 15 : 0;
  at += 2;
  need(version < 2 ? 2 : 4);
  const count = version < 2 ? view.getUint16(at) : view.getUint32(at);
  at += version < 2 ? 2 : 4;
  for (let i = 0; i < count; i++) {
    need(version < 2 ? 2 : 4);
    const id = version < 2 ? view.getUint16(at) : view.getUint32(at);
    at += version < 2 ? 2 : 4;
    let method = 0;
    if (version >= 1) {
      need(2);
      method = view.getUint16(at) & 15;
      at += 2;
    }
    at += 2; // data reference index
    const baseOffset = readSized(baseOffsetSize);
    need(2);
    const extents = view.getUint16(at);
    at += 2;
    const kind = kinds.get(id);
    for (let e = 0; e < extents; e++) {
      readSized(indexSize);
      const offset = readSized(offsetSize);
      const length = readSized(lengthSize);
      if (!kind) continue;
      if (extents !== 1) throw new MalformedImage(`${kind} item ${id} is split into ${extents} extents`);
      if (method > 1) throw new MalformedImage(`${kind} item ${id} is stored by reference to other items`);
      const base = method === 1 ? (idat?.start ?? NaN) : 0;
      const start = base + baseOffset + offset;
      const end = length === 0 ? (method === 1 ? idat!.end : bytes.length) : start + length;
      if (!(start >= 0 && end <= bytes.length && start <= end)) throw new MalformedImage(`${kind} item ${id} lies outside the file`);
      items.push({ kind, start, end });
    }
  }
  return items;
}

/**
 * Removes location metadata from a HEIF/AVIF file in place: the GPS IFD of each Exif item and the
 * location properties of each XMP item. "all" mode overwrites each Exif item with a TIFF structure
 * that holds Orientation alone and each XMP item with a packet that holds Orientation alone, padded
 * with spaces. Item lengths never change, so the iloc offsets and coded images stay valid.
 */
export function cleanHeif(bytes: Uint8Array, removed: Removed, mode: CleanMode): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const item of heifMetadataItems(bytes)) {
    if (item.kind === 'exif') {
      // An Exif item starts with the offset from its fifth byte to the TIFF header.
      if (item.end - item.start < 4) continue;
      const tiff = { bytes, start: item.start + 4 + view.getUint32(item.start), end: item.end };
      if (tiff.start > item.end) throw new MalformedImage('Exif item points past its end');
      removed.gpsTags += removeTiffGps(tiff).gpsTags;
      if (mode === 'all') {
        const minimal = orientationOnlyTiff(tiffOrientation(tiff) ?? 1);
        bytes.fill(0, item.start, item.end);
        if (item.end - item.start >= 4 + minimal.length) bytes.set(minimal, item.start + 4);
        removed.other.push('EXIF');
      }
    } else {
      removed.xmpProperties.push(...removeXmpLocation(bytes, item.start, item.end).properties);
      if (mode === 'all') {
        const kept = orientationOnlyXmp(xmpOrientation(bytes, item.start, item.end));
        bytes.fill(0x20, item.start, item.end);
        if (item.end - item.start >= kept.length) bytes.set(ascii(kept), item.start);
        removed.other.push('XMP');
      }
    }
  }
  return bytes;
}
