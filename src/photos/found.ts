import exifr from 'exifr';
import { ascii, concat, indexOfAscii, latin1 } from './bytes';
import type { ImageFormat } from './format';
import { EXIF_HEADER } from './tiff';

/** What the file told about where, with what and when it was taken. */
export interface Found {
  readonly position?: { readonly latitude: number; readonly longitude: number };
  readonly device?: string;
  /** As the camera wrote it, in its local time: "2018-07-25 16:34:23". */
  readonly taken?: string;
}

/** A JPEG holding only an EXIF segment, so exifr can read EXIF from containers it does not know. */
function exifAsJpeg(tiff: Uint8Array): Uint8Array {
  const length = 2 + 6 + tiff.length;
  const header = Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, length >> 8, length & 0xff]);
  return concat([header, ascii(EXIF_HEADER), tiff, Uint8Array.from([0xff, 0xd9])]);
}

/** WebP's EXIF chunk (exifr cannot read WebP), found without trusting the RIFF sizes. */
function webpExif(bytes: Uint8Array): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 12; at + 8 <= bytes.length; ) {
    const size = view.getUint32(at + 4, true);
    const end = Math.min(bytes.length, at + 8 + size);
    if (latin1(bytes, at, at + 4) === 'EXIF') {
      const data = bytes.subarray(at + 8, end);
      return latin1(data, 0, EXIF_HEADER.length) === EXIF_HEADER ? data.subarray(EXIF_HEADER.length) : data;
    }
    at = end + (size & 1);
  }
  return undefined;
}

const COORDINATE = /^(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?([NSEW])$/i;

/** XMP coordinates: "DDD,MM,SSk" or "DDD,MM.mmk" (exif:GPSLatitude), or decimal degrees (drones). */
function parseCoordinate(text: string): number {
  const value = text.trim();
  const match = COORDINATE.exec(value);
  if (!match) return value === '' ? NaN : Number(value);
  const degrees = Number(match[1]) + Number(match[2]) / 60 + Number(match[3] ?? 0) / 3600;
  return /[SW]/i.test(match[4]!) ? -degrees : degrees;
}

function xmpValue(xmp: string, axis: 'latitude' | 'longitude'): number {
  const name = `[\\w.-]+:(?:gps)?${axis}`;
  const match = new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']|<${name}>([^<]*)<`, 'i').exec(xmp);
  return match ? parseCoordinate(match[1] ?? match[2]!) : NaN;
}

/**
 * A position in any uncompressed XMP packet of the file, wherever it sits: found by scanning the
 * bytes rather than the container, so it also sees packets that a container walk would miss.
 */
export function xmpPosition(bytes: Uint8Array): Found['position'] {
  for (let at = indexOfAscii(bytes, '<x:xmpmeta', 0); at >= 0; at = indexOfAscii(bytes, '<x:xmpmeta', at + 1)) {
    const close = indexOfAscii(bytes, '</x:xmpmeta>', at);
    const xmp = latin1(bytes, at, close < 0 ? bytes.length : close);
    const latitude = xmpValue(xmp, 'latitude');
    const longitude = xmpValue(xmp, 'longitude');
    if (Number.isFinite(latitude) && Number.isFinite(longitude)) return { latitude, longitude };
  }
  return undefined;
}

/** Reads position, device and time with exifr, and positions in XMP by scanning the bytes. */
export async function readFound(bytes: Uint8Array, format: ImageFormat | undefined): Promise<Found> {
  const webpTiff = format === 'webp' ? webpExif(bytes) : undefined;
  const exifSource = format === 'webp' ? webpTiff && exifAsJpeg(webpTiff) : bytes;
  // One exifr pass for everything: picking the GPS tags makes exifr add latitude and longitude.
  const tags = exifSource
    ? ((await exifr
        .parse(exifSource, {
          gps: true,
          pick: ['Make', 'Model', 'DateTimeOriginal', 'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef'],
          reviveValues: false,
        })
        .catch(() => undefined)) as { Make?: unknown; Model?: unknown; DateTimeOriginal?: unknown; latitude?: unknown; longitude?: unknown } | undefined)
    : undefined;
  const { latitude, longitude } = tags ?? {};
  const position =
    typeof latitude === 'number' && typeof longitude === 'number' && Number.isFinite(latitude) && Number.isFinite(longitude)
      ? { latitude, longitude }
      : xmpPosition(bytes);
  const text = (value: unknown) => (typeof value === 'string' ? value.replace(/\0/g, '').trim() : '');
  const make = text(tags?.Make);
  const model = text(tags?.Model);
  // Models often repeat the make ("Canon" + "Canon EOS 40D").
  const device = model.toLowerCase().startsWith(make.toLowerCase()) ? model : `${make} ${model}`.trim();
  const taken = /^(\d{4}):(\d\d):(\d\d) (\d\d:\d\d:\d\d)/.exec(text(tags?.DateTimeOriginal));
  return {
    ...(position ? { position } : {}),
    ...(device ? { device } : {}),
    ...(taken ? { taken: `${taken[1]}-${taken[2]}-${taken[3]} ${taken[4]}` } : {}),
  };
}
