import { latin1 } from '../photos/bytes';
import { childBoxes, MalformedVideo, type Box } from './boxes';

/**
 * Apple timed metadata (`mebx` sample entries, QuickTime File Format "Timed Metadata Media"):
 * the sample entry's `keys` box holds one box a key, whose type is the key's local ID and whose
 * `keyd` child names it (a 4-byte namespace, `mdta` for reverse-DNS names, then the name); each
 * sample is a run of boxes whose type is a local key ID and whose payload is that key's value.
 * iPhones write their position this way (com.apple.quicktime.location.ISO6709, beside
 * location.name, .accuracy.horizontal and others); the same tracks carry detected faces, the
 * still-image time of a Live Photo or the video orientation, which have nothing to do with place.
 */

export interface TimedMetadataKey {
  /** The local key ID: the box type that values of this key have in the samples. */
  readonly id: number;
  readonly name: string;
  /** Where the name lies in the bytes read, so that it can be overwritten. */
  readonly start: number;
  readonly end: number;
}

/** The keys declared by a `mebx` sample entry (`entry` is its box in `bytes`). */
export function timedMetadataKeys(bytes: Uint8Array, entry: Box): TimedMetadataKey[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A sample entry starts with 6 reserved bytes and a data reference index.
  if (entry.end - entry.start < 8) throw new MalformedVideo('a timed metadata sample description is truncated');
  const keysBox = [...childBoxes(bytes, entry.start + 8, entry.end)].find((child) => child.type === 'keys');
  if (!keysBox) throw new MalformedVideo('a timed metadata sample description has no key table');
  const keys: TimedMetadataKey[] = [];
  for (const key of childBoxes(bytes, keysBox.start, keysBox.end)) {
    const declaration = [...childBoxes(bytes, key.start, key.end)].find((child) => child.type === 'keyd');
    if (!declaration || declaration.end - declaration.start < 4) throw new MalformedVideo('a timed metadata key has no declaration');
    keys.push({ id: view.getUint32(key.at + 4), name: latin1(bytes, declaration.start + 4, declaration.end), start: declaration.start + 4, end: declaration.end });
  }
  return keys;
}

/**
 * Blanks the values in one timed metadata sample in place, all but those of `keptKeys` (the
 * declared keys that say nothing about place): a value whose key is not declared is read by no
 * one, and goes too. Blanked values become zeros (an empty string, a zero number); the boxes and
 * their sizes stay. Each value is shown to `noteValue` as text first, so that a position can be
 * read from it. Returns how many values it blanked; throws when the sample is not a run of boxes.
 */
export function blankTimedMetadata(sample: Uint8Array, keptKeys: ReadonlySet<number>, noteValue: (value: string) => void): number {
  let blanked = 0;
  for (const value of childBoxes(sample, 0, sample.length)) {
    const id = new DataView(sample.buffer, sample.byteOffset + value.at + 4, 4).getUint32(0);
    if (keptKeys.has(id) || sample.subarray(value.start, value.end).every((byte) => byte === 0)) continue;
    noteValue(latin1(sample, value.start, value.end));
    sample.fill(0, value.start, value.end);
    blanked++;
  }
  return blanked;
}
