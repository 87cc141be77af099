import { ascii, latin1 } from '../photos/bytes';
import { MalformedVideo } from './boxes';

/** GoPro's position entries: GPS5/GPS9 (position, altitude, speed), GPSU (time), GPSF, GPSP, Karma's GLPI and GPRI. */
const POSITION_KEY = /^(?:GPS.|GLPI|GPRI)$/;

/**
 * Blanks the position entries of one GPMF sample (GoPro telemetry, key-length-value) in place: the
 * key becomes "FREE", which GPMF readers skip as unknown, and its values zeros. Lengths never change.
 * Returns how many entries were blanked.
 */
export function blankGpmfPositions(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let blanked = 0;
  for (let at = start; at < end; ) {
    if (end - at < 8) {
      if (bytes.subarray(at, end).every((byte) => byte === 0)) break; // padding
      throw new MalformedVideo(`GPMF entry at byte ${at} is truncated`);
    }
    const key = latin1(bytes, at, at + 4);
    const type = bytes[at + 4]!;
    const length = bytes[at + 5]! * view.getUint16(at + 6);
    const next = at + 8 + ((length + 3) & ~3);
    if (at + 8 + length > end) throw new MalformedVideo(`GPMF entry ${JSON.stringify(key)} runs past its sample`);
    if (type === 0) {
      blanked += blankGpmfPositions(bytes, at + 8, at + 8 + length);
    } else if (POSITION_KEY.test(key)) {
      bytes.set(ascii('FREE'), at);
      bytes.fill(0, at + 8, at + 8 + length);
      blanked++;
    }
    at = Math.min(next, end);
  }
  return blanked;
}
