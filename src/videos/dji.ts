import { MalformedVideo } from './boxes';
import type { NotePosition } from './telemetry';

/**
 * DJI's protobuf telemetry (`djmd` samples, and `dbgi` debug samples in the same encoding: Osmo
 * Action 4 and later, Avata 2, Mavic 3, Mini 4 Pro, Air 3 and other drones). Each model has its own
 * .proto, but the position always has the same shape, as ExifTool's decoding of them shows: a
 * message whose field 1 is the GPS fix { 1: units (0 radians, 1 degrees), 2: latitude (double),
 * 3: longitude (double) } and whose field 2 is the altitude in millimetres. That shape is what is
 * looked for, at any depth, so models Sera has not seen are covered too; the values become zeros
 * without changing a length (a varint keeps its bytes: 0x80 … 0x00 still reads as zero).
 */

interface Field {
  readonly number: number;
  readonly wireType: number;
  /** Where the value starts (after the key, and after the length for wire type 2). */
  readonly start: number;
  readonly end: number;
}

/** Nested messages deeper than this are left unread: no DJI message nests anywhere near it. */
const MAX_DEPTH = 16;

/** The fields of `bytes[start, end)` read as a protobuf message, or undefined if it is not one. */
function parseMessage(bytes: Uint8Array, start: number, end: number): Field[] | undefined {
  const fields: Field[] = [];
  const varint = (at: number): [value: number, next: number] | undefined => {
    let value = 0;
    for (let i = 0; i < 10 && at + i < end; i++) {
      const byte = bytes[at + i]!;
      value += (byte & 0x7f) * 2 ** (7 * i);
      if (byte < 0x80) return [value, at + i + 1];
    }
    return undefined;
  };
  for (let at = start; at < end; ) {
    const key = varint(at);
    if (!key || key[0] < 8) return undefined;
    const [tag, valueStart] = key;
    const wireType = tag % 8;
    let valueEnd: number;
    let contentStart = valueStart;
    if (wireType === 0) {
      const value = varint(valueStart);
      if (!value) return undefined;
      valueEnd = value[1];
    } else if (wireType === 1) {
      valueEnd = valueStart + 8;
    } else if (wireType === 5) {
      valueEnd = valueStart + 4;
    } else if (wireType === 2) {
      const length = varint(valueStart);
      if (!length) return undefined;
      contentStart = length[1];
      valueEnd = contentStart + length[0];
    } else {
      return undefined;
    }
    if (valueEnd > end) return undefined;
    fields.push({ number: Math.floor(tag / 8), wireType, start: contentStart, end: valueEnd });
    at = valueEnd;
  }
  return fields;
}

/** A GPS fix: latitude and longitude as doubles in fields 2 and 3, the units in field 1, nothing else. */
function isGpsFix(fields: readonly Field[]): boolean {
  const has = (number: number) => fields.some((field) => field.number === number && field.wireType === 1);
  return has(2) && has(3) && fields.every((field) => (field.number === 1 && field.wireType === 0) || ((field.number === 2 || field.number === 3) && field.wireType === 1));
}

/**
 * Blanks every GPS fix (and the altitude beside it) in one DJI protobuf sample in place. Returns how
 * many held a position; throws when the sample is not protobuf at all.
 */
export function blankDjiPositions(sample: Uint8Array, notePosition: NotePosition): number {
  const view = new DataView(sample.buffer, sample.byteOffset, sample.byteLength);
  const top = parseMessage(sample, 0, sample.length);
  if (!top) throw new MalformedVideo('a DJI telemetry sample is not in the protobuf encoding Sera reads');
  const zero = (field: Field) => {
    const changed = sample.subarray(field.start, field.end).some((byte) => byte !== 0) && !(field.wireType === 0 && isZeroVarint(sample, field));
    if (field.wireType === 0) {
      sample.fill(0x80, field.start, field.end - 1);
      sample[field.end - 1] = 0;
    } else {
      sample.fill(0, field.start, field.end);
    }
    return changed;
  };
  let blanked = 0;
  const visit = (fields: readonly Field[], depth: number) => {
    for (const field of fields) {
      if (field.wireType !== 2 || depth >= MAX_DEPTH) continue;
      const inner = parseMessage(sample, field.start, field.end);
      if (!inner) continue; // a string or bytes
      if (!(field.number === 1 && isGpsFix(inner))) {
        visit(inner, depth + 1);
        continue;
      }
      const double = (number: number) => view.getFloat64(inner.find((part) => part.number === number)!.start, true);
      const degrees = inner.some((part) => part.number === 1 && sample[part.start] === 1);
      const [latitude, longitude] = [double(2), double(3)].map((value) => (degrees ? value : (value * 180) / Math.PI));
      let changed = false;
      for (const part of inner) if (part.number !== 1) changed = zero(part) || changed;
      // The altitude: field 2 of the message holding the fix.
      for (const sibling of fields) if (sibling.number === 2 && sibling.wireType !== 2) changed = zero(sibling) || changed;
      if (changed) {
        notePosition(latitude!, longitude!);
        blanked++;
      }
    }
  };
  visit(top, 0);
  return blanked;
}

/** Whether a varint field already reads as zero (0x00, or 0x80 … 0x00 as blanking writes it). */
function isZeroVarint(bytes: Uint8Array, field: Field): boolean {
  for (let at = field.start; at < field.end - 1; at++) if (bytes[at] !== 0x80) return false;
  return bytes[field.end - 1] === 0;
}
