import { latin1 } from './bytes';
import { MalformedImage } from './tiff';

/** IPTC-IIM record 2 datasets that name a place. */
const PLACE_DATASETS = new Map([
  [26, 'Content Location Code'],
  [27, 'Content Location Name'],
  [90, 'City'],
  [92, 'Sub-location'],
  [95, 'Province-State'],
  [100, 'Country Code'],
  [101, 'Country'],
]);

const PHOTOSHOP = 'Photoshop 3.0\0';
const IPTC_RESOURCE = 0x0404;

/**
 * Removes place names from the IPTC block of a Photoshop image-resource segment (JPEG APP13) in
 * place: the datasets that remain move up and the freed bytes at the end become zero padding,
 * so the segment keeps its length.
 */
export function removeIptcPlaces(bytes: Uint8Array, start: number, end: number): string[] {
  if (latin1(bytes, start, Math.min(end, start + PHOTOSHOP.length)) !== PHOTOSHOP) return [];
  return removeIptcFromResources(bytes, start + PHOTOSHOP.length, end);
}

/** The same for bare Photoshop image resources ("8BIM" blocks), as PNG raw profiles hold them. */
export function removeIptcFromResources(bytes: Uint8Array, start: number, end: number): string[] {
  const removed: string[] = [];
  let at = start;
  while (at + 12 <= end && bytes[at] === 0x38 && bytes[at + 1] === 0x42 && bytes[at + 2] === 0x49 && bytes[at + 3] === 0x4d) {
    const id = (bytes[at + 4]! << 8) | bytes[at + 5]!;
    const nameLength = bytes[at + 6]!;
    const sizeAt = at + 6 + ((nameLength + 2) & ~1); // Pascal name padded to even length
    if (sizeAt + 4 > end) throw new MalformedImage('Photoshop resource header runs past the segment');
    const size = ((bytes[sizeAt]! << 24) | (bytes[sizeAt + 1]! << 16) | (bytes[sizeAt + 2]! << 8) | bytes[sizeAt + 3]!) >>> 0;
    const dataStart = sizeAt + 4;
    const dataEnd = dataStart + size;
    if (dataEnd > end) throw new MalformedImage('Photoshop resource runs past the segment');
    if (id === IPTC_RESOURCE) removed.push(...removeIptcDatasets(bytes, dataStart, dataEnd));
    at = dataEnd + (size & 1);
  }
  return removed;
}

/** Removes place datasets from raw IPTC-IIM data in place, zero-padding the freed bytes at the end. */
export function removeIptcDatasets(bytes: Uint8Array, start: number, end: number): string[] {
  const removed: string[] = [];
  let read = start;
  let write = start;
  while (read + 5 <= end && bytes[read] === 0x1c) {
    const record = bytes[read + 1]!;
    const dataset = bytes[read + 2]!;
    let length = (bytes[read + 3]! << 8) | bytes[read + 4]!;
    let header = 5;
    if (length & 0x8000) {
      // Extended dataset: the low bits give how many bytes hold the real length.
      const lengthBytes = length & 0x7fff;
      if (lengthBytes > 4 || read + 5 + lengthBytes > end) throw new MalformedImage('IPTC extended length is invalid');
      length = 0;
      for (let i = 0; i < lengthBytes; i++) length = length * 256 + bytes[read + 5 + i]!;
      header += lengthBytes;
    }
    const next = read + header + length;
    if (next > end) throw new MalformedImage('IPTC dataset runs past its block');
    const place = record === 2 ? PLACE_DATASETS.get(dataset) : undefined;
    if (place) {
      removed.push(place);
    } else {
      bytes.copyWithin(write, read, next);
      write += next - read;
    }
    read = next;
  }
  if (write < read) {
    bytes.copyWithin(write, read, end);
    bytes.fill(0, write + (end - read), end);
  }
  return removed;
}
