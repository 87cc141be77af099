import { MalformedVideo } from './boxes';
import type { NotePosition } from './telemetry';

/** CAMM packet sizes by type, the 4-byte header (reserved, type) included (Google's CAMM spec). */
const PACKET_SIZE = [16, 12, 16, 16, 16, 28, 60, 16];
/**
 * What a GPS packet says about where the camera was, as [from, to) in the packet, and where its
 * latitude and longitude (doubles) lie. Type 5 is latitude, longitude and altitude; type 6 (after
 * its GPS time, which stays) is the fix type, position, accuracies and velocities: all zeros read
 * as "no fix".
 */
const POSITION_FIELDS: Record<number, { readonly from: number; readonly to: number; readonly latitude: number; readonly longitude: number }> = {
  5: { from: 4, to: 28, latitude: 4, longitude: 12 },
  6: { from: 0x0c, to: 0x3c, latitude: 0x10, longitude: 0x18 },
};

/**
 * Blanks the GPS packets of one Google CAMM sample (camera motion metadata, as the Street View app
 * and 360° cameras write it) in place: the position fields become zeros; packet types and sizes
 * stay, so the track stays valid and the motion data (gyro, acceleration, exposure, magnetic
 * field) is kept. Returns how many packets held a position.
 */
export function blankCammPositions(sample: Uint8Array, notePosition: NotePosition): number {
  const view = new DataView(sample.buffer, sample.byteOffset, sample.byteLength);
  let blanked = 0;
  for (let at = 0; at < sample.length; ) {
    if (sample.length - at < 4) {
      if (sample.subarray(at).every((byte) => byte === 0)) break;
      throw new MalformedVideo(`a CAMM packet at byte ${at} of its sample is truncated`);
    }
    const type = view.getUint16(at + 2, true);
    const size = PACKET_SIZE[type];
    if (!size) throw new MalformedVideo(`a CAMM packet has an unknown type (${type})`);
    if (at + size > sample.length) throw new MalformedVideo(`a CAMM packet of type ${type} runs past its sample`);
    const fields = POSITION_FIELDS[type];
    if (fields && sample.subarray(at + fields.from, at + fields.to).some((byte) => byte !== 0)) {
      notePosition(view.getFloat64(at + fields.latitude, true), view.getFloat64(at + fields.longitude, true));
      sample.fill(0, at + fields.from, at + fields.to);
      blanked++;
    }
    at += size;
  }
  return blanked;
}
