import { cleanImage } from '../photos/clean';
import { detectFormat } from '../photos/format';
import { latin1 } from '../photos/bytes';
import { crc32 } from '../photos/png';
import { nothingRemoved, type CleanMode } from '../photos/report';
import { removeXmpLocation } from '../photos/xmp';
import { MalformedVideo } from './boxes';
import { locationLeftIn, positionOf, type Findings } from './metadata';
import { cleanRegions, type ByteSource, type Patch } from './source';

/**
 * Matroska and WebM: the EBML header, then a Segment whose children are metadata elements (Info,
 * Tracks, Tags, Chapters, Attachments, SeekHead), Cues and Clusters with the media. Every element
 * but Clusters and Cues is read and cleaned in place; Clusters are stepped over by their size, or,
 * when a live recorder (MediaRecorder) left their size unknown, block by block through their headers.
 *
 * - A SimpleTag about location (its name says LOCATION, GPS, ISO6709, LATITUDE or LONGITUDE, as
 *   `ffmpeg -metadata location=` and remuxed iPhone videos write them) or whose value is a
 *   position becomes a Void element of the same length, so nothing after it moves.
 * - XMP in a tag value loses its location properties, blanked with spaces as in photos.
 * - Void elements (space an editor freed) holding location text left behind are zero-filled.
 * - An attached picture (cover art) loses its location in place, or the file is refused.
 * - "all" mode turns every SimpleTag and the Segment's date (DateUTC) and title into Void.
 * - A CRC-32 element of a changed element is computed again.
 */

const EBML = 0x1a45dfa3;
const DOC_TYPE = 0x4282;
const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
const CUES = 0x1c53bb6b;
const VOID = 0xec;
const CRC32 = 0xbf;
const TAG = 0x7373;
const SIMPLE_TAG = 0x67c8;
const TAG_NAME = 0x45a3;
const TAG_STRING = 0x4487;
const TAG_BINARY = 0x4485;
/** What "all" mode takes from the Segment's Info: its date (DateUTC) and title. */
const IDENTIFYING_INFO: Record<number, string> = { 0x4461: 'date', 0x7ba9: 'title' };
const ATTACHED_FILE = 0x61a7;
const FILE_DATA = 0x465c;

/** Elements of a Segment besides Clusters: one of them after a Cluster of unknown size ends it. */
const SEGMENT_CHILDREN = new Set([0x114d9b74, 0x1549a966, 0x1654ae6b, 0x1254c367, CLUSTER, CUES, 0x1043a770, 0x1941a469]);
/** What a Cluster holds: timestamp, positions, blocks; Void and CRC-32 may be anywhere. */
const CLUSTER_CHILDREN = new Set([0xe7, 0x5854, 0xa7, 0xab, 0xa3, 0xa0, 0xaf, VOID, CRC32]);
/**
 * Master elements that are walked for tags, Voids and attachments: Info, Tracks and TrackEntry,
 * Tags and Tag, Chapters with EditionEntry, ChapterAtom and ChapterDisplay, Attachments, SeekHead.
 */
const MASTERS = new Set([0x1549a966, 0x1654ae6b, 0xae, 0x1254c367, TAG, 0x1043a770, 0x45b9, 0xb6, 0x80, 0x1941a469, 0x114d9b74]);
const LOCATION_NAME = /location|gps|iso6709|latitude|longitude/i;
/** Location text in freed space: positions, XMP GPS properties, and tag names about location. */
const LOCATION_TEXT = /LOCATION|ISO6709/i;

export type MatroskaFormat = 'webm' | 'mkv';

/** WebM or Matroska by the EBML header's DocType, read from the first bytes (64 are plenty). */
export function detectMatroska(head: Uint8Array): MatroskaFormat | undefined {
  if (head.length < 4 || new DataView(head.buffer, head.byteOffset).getUint32(0) !== EBML) return undefined;
  try {
    const id = readId(head, 0);
    const size = readVint(head, id.length, false);
    for (let at = id.length + size.length; at < head.length; ) {
      const child = readElement(head, at, 0, head.length);
      if (child.id === DOC_TYPE) {
        const docType = latin1(head, child.start, child.end).replace(/\0+$/, '');
        return docType === 'webm' ? 'webm' : docType === 'matroska' ? 'mkv' : undefined;
      }
      at = child.end;
    }
  } catch {
    // A header cut off by the 64 bytes, or damaged: not a file Sera recognises.
  }
  return undefined;
}

interface Element {
  readonly id: number;
  /** Where the element starts (its ID). */
  readonly at: number;
  /** Where its data starts, after the ID and size. */
  readonly start: number;
  /** Where it ends; for an element of unknown size, where its parent ends. */
  readonly end: number;
  readonly unknownSize: boolean;
}

/** An EBML variable-length integer at `at`: an ID keeps its length marker, a size does not. */
function readVint(bytes: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number; allOnes: boolean } {
  const first = bytes[at];
  if (first === undefined || first === 0) throw new MalformedVideo(`an EBML number at byte ${at} is invalid`);
  const length = Math.clz32(first) - 23;
  if (at + length > bytes.length) throw new MalformedVideo(`an EBML number at byte ${at} runs past its parent`);
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + bytes[at + i]!;
    allOnes &&= bytes[at + i] === 0xff;
  }
  return { value, length, allOnes };
}

function readId(bytes: Uint8Array, at: number): { value: number; length: number } {
  const id = readVint(bytes, at, true);
  if (id.length > 4) throw new MalformedVideo(`an element ID at byte ${at} is longer than 4 bytes`);
  return id;
}

/** The element whose header starts at `at` in `bytes`; `offset` is where `bytes` lies in the file, `parentEnd` in file positions. */
function readElement(bytes: Uint8Array, at: number, offset: number, parentEnd: number): Element {
  const id = readId(bytes, at);
  const size = readVint(bytes, at + id.length, false);
  const start = offset + at + id.length + size.length;
  if (size.allOnes) return { id: id.value, at: offset + at, start, end: parentEnd, unknownSize: true };
  const end = start + size.value;
  if (end > parentEnd) throw new MalformedVideo(`element ${nameOf(id.value)} at byte ${offset + at} runs past its parent`);
  return { id: id.value, at: offset + at, start, end, unknownSize: false };
}

/** The children of an element held in `bytes` (positions relative to `bytes`); none may have an unknown size. */
function* children(bytes: Uint8Array, start: number, end: number): Generator<Element> {
  for (let at = start; at < end; ) {
    const child = readElement(bytes.subarray(0, end), at, 0, end);
    if (child.unknownSize) throw new MalformedVideo(`element ${nameOf(child.id)} at byte ${at} has an unknown size inside metadata`);
    yield child;
    at = child.end;
  }
}

const NAMES: Record<number, string> = { [EBML]: 'EBML header', 0x114d9b74: 'SeekHead', 0x1549a966: 'Info', 0x1654ae6b: 'Tracks', 0x1254c367: 'Tags', 0x1043a770: 'Chapters', 0x1941a469: 'Attachments', [VOID]: 'Void' };
/** An element's name for a reason: the Matroska name of top-level elements, else its ID. */
const nameOf = (id: number) => NAMES[id] ?? `0x${id.toString(16).toUpperCase()}`;

/**
 * Reads element headers through a window: a few KB where elements are far apart (the Segment's
 * children, Clusters stepped over by their size), 1 MB inside a Cluster of unknown size, so that
 * walking its blocks one by one takes one read for many small (audio) blocks.
 */
class HeaderReader {
  private windowStart = 0;
  private window: Uint8Array = new Uint8Array();
  constructor(private readonly source: ByteSource) {}

  async element(at: number, parentEnd: number, windowSize = 4096): Promise<Element> {
    if (at < this.windowStart || at + 12 > this.windowStart + this.window.length) {
      this.windowStart = at;
      this.window = await this.source.read(at, Math.min(parentEnd, at + windowSize));
    }
    return readElement(this.window, at - this.windowStart, this.windowStart, parentEnd);
  }
}

/**
 * Cleans a Matroska or WebM file: the patches to lay over it. Problems that make it unsafe go to
 * `findings.problems`; a structure Sera cannot follow throws MalformedVideo.
 */
export async function cleanMatroska(source: ByteSource, mode: CleanMode, findings: Findings, metadataLimit: number): Promise<Patch[]> {
  const headers = new HeaderReader(source);
  const metadata: Element[] = [];
  let segments = 0;
  for (let at = 0; at < source.size; ) {
    const element = await headers.element(at, source.size);
    if (element.id === SEGMENT) {
      segments++;
      await segmentChildren(headers, element, metadata);
    } else if (element.id === EBML || element.id === VOID) {
      metadata.push(element);
    } else {
      throw new MalformedVideo(`element ${nameOf(element.id)} at byte ${at} is not a Matroska segment`);
    }
    if (element.unknownSize) break;
    at = element.end;
  }
  if (segments === 0) throw new MalformedVideo('it has no Matroska segment');
  const regions = metadata.map((element) => ({ at: element.at, end: element.end, name: `${nameOf(element.id)} element` }));
  return cleanRegions(source, regions, metadataLimit, (bytes) => cleanElement(bytes, mode, findings), locationLeftInElement, findings.problems);
}

/** The Segment's metadata elements, each whole: Clusters and Cues are stepped over. */
async function segmentChildren(headers: HeaderReader, segment: Element, metadata: Element[]): Promise<void> {
  for (let at = segment.start; at < segment.end; ) {
    const child = await headers.element(at, segment.end);
    if (child.id === CLUSTER && child.unknownSize) {
      at = await unknownSizeClusterEnd(headers, child, segment.end);
      continue;
    }
    if (child.unknownSize) throw new MalformedVideo(`element ${nameOf(child.id)} at byte ${at} has an unknown size`);
    if (child.id !== CLUSTER && child.id !== CUES) metadata.push(child);
    at = child.end;
  }
}

/** Where a Cluster of unknown size ends: at the first element that cannot be one of its children. */
async function unknownSizeClusterEnd(headers: HeaderReader, cluster: Element, segmentEnd: number): Promise<number> {
  for (let at = cluster.start; at < segmentEnd; ) {
    const child = await headers.element(at, segmentEnd, 1024 * 1024);
    if (SEGMENT_CHILDREN.has(child.id)) return at;
    if (!CLUSTER_CHILDREN.has(child.id) || child.unknownSize) throw new MalformedVideo(`element ${nameOf(child.id)} at byte ${at} cannot be in a cluster`);
    at = child.end;
  }
  return segmentEnd;
}

/** Cleans one top-level metadata element (`bytes` holds it whole, header included) in place. */
async function cleanElement(bytes: Uint8Array, mode: CleanMode, findings: Findings): Promise<void> {
  const original = bytes.slice();
  const visit = async (element: Element): Promise<void> => {
    if (element.id === VOID) return blankFreedSpace(bytes, element, findings);
    if (element.id === TAG) return cleanTag(bytes, element, mode, findings);
    if (IDENTIFYING_INFO[element.id] && mode === 'all') {
      toVoid(bytes, element);
      findings.removed.other.push(IDENTIFYING_INFO[element.id]!);
      return;
    }
    if (element.id === ATTACHED_FILE) return cleanAttachment(bytes, element, findings);
    if (!MASTERS.has(element.id)) return;
    const inside = [...children(bytes, element.start, element.end)];
    for (const child of inside) await visit(child);
    updateCrc(bytes, original, element, inside);
  };
  for (const element of children(bytes, 0, bytes.length)) await visit(element);
}

function cleanTag(bytes: Uint8Array, tag: Element, mode: CleanMode, findings: Findings): void {
  const original = bytes.slice(tag.start, tag.end);
  const inside = [...children(bytes, tag.start, tag.end)];
  const visitSimpleTag = (simpleTag: Element) => {
    const parts = [...children(bytes, simpleTag.start, simpleTag.end)];
    const text = (id: number) => parts.filter((part) => part.id === id).map((part) => new TextDecoder().decode(bytes.subarray(part.start, part.end)));
    const name = text(TAG_NAME).join(' ');
    const value = text(TAG_STRING).join(' ');
    for (const part of parts) {
      if (part.id === TAG_STRING || part.id === TAG_BINARY) findings.removed.xmpProperties.push(...removeXmpLocation(bytes, part.start, part.end).properties);
    }
    if (mode === 'all' || LOCATION_NAME.test(name) || locationLeftIn(bytes.subarray(simpleTag.start, simpleTag.end))) {
      const position = positionOf(value).position;
      if (position && !findings.found.position) findings.found = { ...findings.found, position };
      toVoid(bytes, simpleTag);
      if (mode === 'all' && !LOCATION_NAME.test(name)) findings.removed.other.push(`tag ${name}`);
      else findings.removed.gpsTags++;
      return;
    }
    for (const part of parts) if (part.id === SIMPLE_TAG) visitSimpleTag(part);
  };
  for (const child of inside) {
    if (child.id === SIMPLE_TAG) visitSimpleTag(child);
    if (child.id === VOID) blankFreedSpace(bytes, child, findings);
  }
  updateCrc(bytes, original, tag, inside, tag.start);
}

/** Space an editor freed may still hold a tag it removed: zero it when it shows location text. */
function blankFreedSpace(bytes: Uint8Array, element: Element, findings: Findings): void {
  const content = bytes.subarray(element.start, element.end);
  if (!locationLeftIn(content) && !LOCATION_TEXT.test(latin1(content))) return;
  content.fill(0);
  findings.removed.gpsTags++;
}

/** An attached picture (cover art) is a photo: its location is removed in place, or the file is refused. */
async function cleanAttachment(bytes: Uint8Array, attachment: Element, findings: Findings): Promise<void> {
  const original = bytes.slice(attachment.start, attachment.end);
  const inside = [...children(bytes, attachment.start, attachment.end)];
  for (const data of inside.filter((child) => child.id === FILE_DATA)) {
    const file = bytes.subarray(data.start, data.end);
    if (!detectFormat(file)) continue;
    const result = await cleanImage(file.slice(), 'location');
    if (!result.cleaned) {
      findings.problems.push(`an attached picture cannot be cleaned (${result.reason})`);
    } else if (result.bytes.length !== file.length) {
      if (result.removed.gpsTags + result.removed.xmpProperties.length + result.removed.iptcPlaces.length > 0) findings.problems.push('the location of an attached picture cannot be removed in place');
    } else if (result.bytes.some((byte, i) => byte !== file[i])) {
      file.set(result.bytes);
      findings.removed.gpsTags += result.removed.gpsTags;
      findings.removed.xmpProperties.push(...result.removed.xmpProperties);
      if (result.found.position && !findings.found.position) findings.found = { ...findings.found, position: result.found.position };
    }
  }
  updateCrc(bytes, original, attachment, inside, attachment.start);
}

/**
 * Turns an element into a Void element of the same length, its content zeroed: the ID shrinks to
 * one byte, and the size field takes the bytes that frees.
 */
function toVoid(bytes: Uint8Array, element: Element): void {
  const total = element.end - element.at;
  for (let sizeLength = 1; sizeLength <= 8; sizeLength++) {
    const dataLength = total - 1 - sizeLength;
    if (dataLength < 0 || dataLength > 2 ** (7 * sizeLength) - 2) continue;
    bytes.fill(0, element.at, element.end);
    bytes[element.at] = VOID;
    let value = dataLength;
    for (let i = sizeLength; i >= 1; i--) {
      bytes[element.at + i] = value % 256;
      value = Math.floor(value / 256);
    }
    bytes[element.at + 1]! |= 0x80 >> (sizeLength - 1);
    return;
  }
  throw new MalformedVideo(`element ${nameOf(element.id)} at byte ${element.at} is too short to be voided`);
}

/**
 * Recomputes the CRC-32 element (always the first child) of a master element whose content
 * changed; `before` is the content as it was, starting at `beforeOffset` in `bytes`.
 */
function updateCrc(bytes: Uint8Array, before: Uint8Array, element: Element, inside: readonly Element[], beforeOffset = 0): void {
  const crc = inside[0];
  if (crc?.id !== CRC32 || crc.end - crc.start !== 4) return;
  const changed = bytes.subarray(crc.end, element.end).some((byte, i) => byte !== before[crc.end - beforeOffset + i]);
  if (changed) new DataView(bytes.buffer, bytes.byteOffset).setUint32(crc.start, crc32(bytes.subarray(crc.end, element.end)), true);
}

/** The re-check of one cleaned element: a second pass removes nothing, and the raw bytes show no location text. */
async function locationLeftInElement(cleaned: Uint8Array): Promise<string | undefined> {
  const again: Findings = { removed: nothingRemoved(), found: {}, problems: [], telemetry: [] };
  await cleanElement(cleaned.slice(), 'location', again);
  if (again.removed.gpsTags + again.removed.xmpProperties.length > 0) return 'a location tag';
  return locationLeftIn(cleaned);
}
