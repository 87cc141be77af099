import { ascii, latin1 } from '../photos/bytes';
import { xmpPosition, type Found } from '../photos/found';
import type { CleanMode, Removed } from '../photos/report';
import { removeXmpLocation } from '../photos/xmp';
import { childBoxes, type Box } from './boxes';
import { blankCaptionPositions } from './captions';
import { blankCammPositions } from './camm';
import { blankDjiPositions } from './dji';
import { blankGpmfPositions } from './gpmf';
import { sampleRanges } from './samples';
import { blankRtmdPositions } from './sony';
import { blankSubtitlePositions, blankTtmlPositions, blankWebVttPositions } from './subtitles';
import { eachSample, type NotePosition, type TelemetryTrack } from './telemetry';
import { blankTimedMetadata, timedMetadataKeys } from './timed-metadata';

/**
 * Removes location from one top-level box of an MP4/QuickTime file (`bytes` holds the whole box,
 * header included) in place: every edit overwrites bytes without changing a size, so no box moves
 * and the chunk offsets (stco, co64) into the media data stay valid without being touched.
 *
 * - Location atoms (`©xyz` as iPhones and Android write it, `@xyz`, 3GPP `loci`, dash-cam `gps0`
 *   and `udat`) in user data or item lists become `free` boxes of the same size, zero-filled.
 * - QuickTime `mdta` keys about location (`com.apple.quicktime.location.ISO6709`, `.location.name`,
 *   ...): their `ilst` item becomes `free` and the key's name is overwritten.
 * - XMP (in a `uuid` box with the XMP UUID, in `XMP_` user data, or in a `meta` box's `xml `):
 *   location properties are blanked with spaces, as in photos.
 * - Tracks whose samples hold positions in the media data: GoPro GPMF telemetry (gpmf.ts), Google
 *   CAMM (camm.ts), DJI protobuf telemetry (`djmd`, `dbgi`; dji.ts), Sony `rtmd` (sony.ts) and
 *   subtitles (`tx3g`, QuickTime `text`: DJI drones and dash cams write their position per frame
 *   there; subtitles.ts) are listed for the caller, which blanks the positions in their samples.
 * - Other tracks whose samples may hold positions (Apple timed metadata keyed by location, formats
 *   Sera does not know) are reported as problems, and the caller refuses the file.
 *
 * "all" mode also turns every user data, `meta` and XMP box into `free`.
 */

export interface Findings {
  readonly removed: Removed;
  found: Found;
  /** Why the file cannot be cleaned safely; empty when it can. */
  readonly problems: string[];
  /** Tracks whose samples hold positions: the caller blanks them. */
  readonly telemetry: TelemetryTrack[];
}

const LOCATION_ATOMS = new Set(['\xa9xyz', '@xyz', 'loci', 'gps0', 'udat']);
const LOCATION_KEY = /(?:^|\.)location(?:\.|$)|iso6709|gps/i;
const XMP_UUID = Uint8Array.from([0xbe, 0x7a, 0xcf, 0xcb, 0x97, 0xa9, 0x42, 0xe8, 0x9c, 0x71, 0x99, 0x94, 0x91, 0xe3, 0xaf, 0xac]);
const DESCEND = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'moof', 'traf']);
/** Track handlers whose samples are pictures, sound or time codes: never positions. */
const MEDIA_HANDLERS = new Set(['vide', 'soun', 'tmcd', 'hint', 'auxv', 'pict', 'sdsm', 'odsm']);

/**
 * Sample formats of non-media tracks that hold no position: GoPro's 'fdsc' ("GoPro SOS", the HERO5
 * and later's file-recovery track: firmware, serial numbers and settings at fixed offsets, as
 * ExifTool's GoPro.pm reads it; the positions are in the 'gpmd' track beside it).
 */
const NO_POSITIONS = new Set(['fdsc']);

/** Sample formats whose positions Sera blanks in place, by sample entry type. */
const TELEMETRY: Record<string, Omit<TelemetryTrack, 'samples'>> = {
  gpmd: { name: 'GoPro GPMF telemetry', blank: eachSample((sample) => blankGpmfPositions(sample)) },
  camm: { name: 'camera motion metadata (CAMM)', blank: eachSample(blankCammPositions) },
  djmd: { name: 'DJI telemetry', blank: eachSample(blankDjiPositions) },
  dbgi: { name: 'DJI debug telemetry', blank: eachSample(blankDjiPositions) },
  rtmd: { name: 'Sony real-time metadata', blank: eachSample(blankRtmdPositions) },
  tx3g: { name: 'subtitle track', blank: eachSample(blankSubtitlePositions) },
  text: { name: 'subtitle track', blank: eachSample(blankSubtitlePositions) },
  wvtt: { name: 'WebVTT subtitle track', blank: eachSample(blankWebVttPositions) },
  stpp: { name: 'TTML subtitle track', blank: eachSample(blankTtmlPositions) },
  c608: { name: 'CEA-608 closed caption track', blank: (samples, notePosition) => blankCaptionPositions('c608', samples, notePosition) },
  c708: { name: 'CEA-708 closed caption track', blank: (samples, notePosition) => blankCaptionPositions('c708', samples, notePosition) },
};

export function cleanMetadataBox(bytes: Uint8Array, mode: CleanMode, findings: Findings): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (box: Box) => latin1(bytes, box.start, box.end);
  const blank = (box: Box) => {
    bytes.set(ascii('free'), box.at + 4);
    bytes.fill(0, box.start, box.end);
  };
  const notePosition = (position: Found['position']) => {
    if (position && !findings.found.position) findings.found = { ...findings.found, position };
  };
  const noteDevice = (name: string, value: string) => {
    const known = findings.found.device ?? '';
    if (name === 'make' && !known) findings.found = { ...findings.found, device: value };
    // A phone writes its model in user data and again in the keys: name it once.
    if (name === 'model' && !known.toLowerCase().endsWith(value.toLowerCase())) findings.found = { ...findings.found, device: value.toLowerCase().startsWith(known.toLowerCase()) ? value : `${known} ${value}`.trim() };
  };
  const removeLocationAtom = (box: Box) => {
    notePosition(box.type === 'loci' ? lociPosition(view, box) : positionOf(text(box)).position);
    blank(box);
    findings.removed.gpsTags++;
  };
  const cleanXmp = (box: Box, start: number) => {
    const position = findings.found.position ?? xmpPosition(bytes.subarray(start, box.end));
    if (position) findings.found = { ...findings.found, position };
    findings.removed.xmpProperties.push(...removeXmpLocation(bytes, start, box.end).properties);
    if (mode === 'all') {
      blank(box);
      findings.removed.other.push('XMP');
    }
  };

  const visit = (box: Box): void => {
    if (LOCATION_ATOMS.has(box.type)) return removeLocationAtom(box);
    if (box.type === 'uuid') {
      if (box.end - box.start >= 16 && XMP_UUID.every((byte, i) => bytes[box.start + i] === byte)) cleanXmp(box, box.start + 16);
      return;
    }
    if (box.type === 'XMP_' || box.type === 'xml ') return cleanXmp(box, box.start);
    if (box.type === 'meta') return visitMeta(box);
    if (box.type === 'trak') checkTrack(box);
    if (box.type === 'udta') {
      for (const child of childBoxes(bytes, box.start, box.end)) {
        if (child.type === '\xa9mak') noteDevice('make', userDataText(child));
        if (child.type === '\xa9mod') noteDevice('model', userDataText(child));
        visit(child);
      }
      if (mode === 'all') {
        blank(box);
        findings.removed.other.push('QuickTime user data');
      }
      return;
    }
    if (box.type === 'free' || box.type === 'skip' || box.type === 'wide') {
      // Unused space may still hold a position an earlier editor left behind.
      if (locationLeftIn(bytes.subarray(box.start, box.end))) {
        bytes.fill(0, box.start, box.end);
        findings.removed.gpsTags++;
      }
      return;
    }
    if (DESCEND.has(box.type)) for (const child of childBoxes(bytes, box.start, box.end)) visit(child);
  };

  const userDataText = (box: Box) => {
    // QuickTime text atoms: 16-bit length, 16-bit language, text; others hold the text alone.
    const length = box.end - box.start >= 4 ? view.getUint16(box.start) : 0;
    return length > 0 && box.start + 4 + length <= box.end ? latin1(bytes, box.start + 4, box.start + 4 + length) : '';
  };

  const visitMeta = (meta: Box) => {
    // QuickTime's meta box has no version and flags; the ISO one (MP4) has, before its hdlr box.
    const start = latin1(bytes, meta.start + 4, meta.start + 8) === 'hdlr' ? meta.start : meta.start + 4;
    const children = [...childBoxes(bytes, start, meta.end)];
    const keysBox = children.find((child) => child.type === 'keys');
    const keys = keysBox ? readKeys(keysBox) : [];
    for (const child of children) {
      if (child.type !== 'ilst') {
        visit(child);
        continue;
      }
      for (const item of childBoxes(bytes, child.start, child.end)) {
        if (LOCATION_ATOMS.has(item.type)) {
          removeLocationAtom(item);
          continue;
        }
        const key = keys[view.getUint32(item.at + 4) - 1];
        if (!key) continue;
        const value = itemValue(item);
        if (/\.make$/.test(key.name)) noteDevice('make', value);
        if (/\.model$/.test(key.name)) noteDevice('model', value);
        if (!LOCATION_KEY.test(key.name)) continue;
        notePosition(positionOf(value).position);
        blank(item);
        findings.removed.gpsTags++;
      }
    }
    for (const key of keys) if (LOCATION_KEY.test(key.name)) bytes.set(ascii(renamed(key.end - key.start)), key.start);
    if (mode === 'all') {
      blank(meta);
      findings.removed.other.push('QuickTime metadata');
    }
  };

  /** The names of a keys box, in order: item types in ilst are 1-based indices into it. */
  const readKeys = (keys: Box) => {
    const names: { name: string; start: number; end: number }[] = [];
    let at = keys.start + 8; // version and flags, entry count
    while (at + 8 <= keys.end) {
      const size = view.getUint32(at);
      if (size < 8 || at + size > keys.end) break; // the re-check reads whatever is left unparsed
      names.push({ name: latin1(bytes, at + 8, at + size), start: at + 8, end: at + size });
      at += size;
    }
    return names;
  };

  const itemValue = (item: Box) => {
    const data = [...childBoxes(bytes, item.start, item.end)].find((child) => child.type === 'data');
    return data && data.end - data.start >= 8 ? latin1(bytes, data.start + 8, data.end) : '';
  };

  const checkTrack = (trak: Box) => {
    const find = (parent: Box | undefined, type: string) => parent && [...childBoxes(bytes, parent.start, parent.end)].find((child) => child.type === type);
    const mdia = find(trak, 'mdia');
    const hdlr = find(mdia, 'hdlr');
    const stbl = find(find(mdia, 'minf'), 'stbl');
    const stsd = find(stbl, 'stsd');
    const handler = hdlr && hdlr.end - hdlr.start >= 12 ? latin1(bytes, hdlr.start + 8, hdlr.start + 12) : undefined;
    if (!handler || !stsd) {
      findings.problems.push('a track without a handler or sample description cannot be checked');
      return;
    }
    if (MEDIA_HANDLERS.has(handler)) return;
    const entries = stsd.end - stsd.start >= 8 ? [...childBoxes(bytes, stsd.start + 8, stsd.end)] : [];
    // Key IDs are local to a sample entry: a track with location keys keeps, in every sample, the
    // values of IDs that no entry gives to a location key.
    const locationKeyIds = new Set<number>();
    const otherKeyIds = new Set<number>();
    for (const entry of entries) {
      const blanker = TELEMETRY[entry.type];
      if (blanker) {
        findings.telemetry.push({ ...blanker, samples: sampleRanges(bytes, stbl!) });
      } else if (entry.type === 'mebx') {
        for (const key of timedMetadataKeys(bytes, entry)) {
          if (!LOCATION_KEY.test(key.name) && !LOCATION_ATOMS.has(key.name)) {
            otherKeyIds.add(key.id);
            continue;
          }
          locationKeyIds.add(key.id);
          bytes.set(ascii(renamed(key.end - key.start)), key.start);
        }
      } else if (!NO_POSITIONS.has(entry.type)) {
        findings.problems.push(`its '${handler}' track ('${entry.type}' samples) may hold positions in the media data, which Sera cannot check yet`);
      }
    }
    if (locationKeyIds.size > 0) {
      const keptKeyIds = new Set([...otherKeyIds].filter((id) => !locationKeyIds.has(id)));
      const blank = (sample: Uint8Array, note: NotePosition) =>
        blankTimedMetadata(sample, keptKeyIds, (value) => {
          const { position } = positionOf(value);
          if (position) note(position.latitude, position.longitude);
        });
      findings.telemetry.push({ name: 'timed metadata track', samples: sampleRanges(bytes, stbl!), blank: eachSample(blank) });
    }
    if (entries.length === 0) findings.problems.push(`its '${handler}' track has no sample description`);
  };

  for (const box of childBoxes(bytes, 0, bytes.length)) visit(box);
}

/** A key name of `length` bytes that says nothing: "sera.removed....". */
function renamed(length: number): string {
  return 'sera.removed'.padEnd(length, '.').slice(0, length);
}

/**
 * The position in a 3GPP `loci` box (TS 26.244): after version, flags and language, a name ending
 * in NUL (UTF-8, or UTF-16 after a byte order mark, ending in two), a role byte, then longitude,
 * latitude and altitude, signed 16.16 fixed point.
 */
function lociPosition(view: DataView, box: Box): Found['position'] {
  let at = box.start + 6;
  const utf16 = at + 1 < box.end && (view.getUint16(at) === 0xfeff || view.getUint16(at) === 0xfffe);
  if (utf16) {
    for (at += 2; at + 1 < box.end && view.getUint16(at) !== 0; at += 2);
    at += 2;
  } else {
    while (at < box.end && view.getUint8(at) !== 0) at++;
    at += 1;
  }
  at += 1; // role
  if (at + 8 > box.end) return undefined;
  const longitude = view.getInt32(at) / 65536;
  const latitude = view.getInt32(at + 4) / 65536;
  return Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 ? { latitude, longitude } : undefined;
}

const ISO6709_POSITION = /([+-]\d{1,2}(?:\.\d+)?)([+-]\d{1,3}(?:\.\d+)?)/;

/** Decimal degrees from an ISO 6709 string ("+60.1699+024.9384+012.3/"), as phones write it. */
export function positionOf(value: string): Pick<Found, 'position'> {
  const match = ISO6709_POSITION.exec(value);
  if (!match) return {};
  const latitude = Number(match[1]);
  const longitude = Number(match[2]);
  return Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 ? { position: { latitude, longitude } } : {};
}

const LOCATION_LEFT: readonly [RegExp, string][] = [
  [/[+-]\d{2}(?:\.\d+)?[+-]\d{3}(?:\.\d+)?(?:[+-]\d+(?:\.\d+)?)?(?:CRS[^/]*)?\/|[+-]\d{1,2}\.\d{3,}[+-]\d{1,3}\.\d{3,}/, 'an ISO 6709 position'],
  [/quicktime\.location\.|location\.ISO6709/i, 'a QuickTime location key'],
  // Any prefix, even one a damaged byte made non-ASCII, which the XMP editor would not recognise;
  // case-sensitive, so that binary sample tables do not match by chance.
  [/[<\s/][^\s<>="'/]{1,40}:(?:GPS\w*|Gps\w*|\w*Latitude|\w*Longitude)\b/, 'an XMP GPS property'],
];

/**
 * What location text is left in metadata bytes, found by scanning the bytes rather than the boxes,
 * so it also sees what a box walk would miss: the independent re-check after cleaning.
 */
export function locationLeftIn(bytes: Uint8Array): string | undefined {
  const text = latin1(bytes);
  return LOCATION_LEFT.find(([pattern]) => pattern.test(text))?.[1];
}
