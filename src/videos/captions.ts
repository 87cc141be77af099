import { childBoxes, MalformedVideo } from './boxes';
import { blankPositionsInText } from './subtitles';
import type { NotePosition } from './telemetry';

/**
 * Closed captions in QuickTime/MP4 tracks (Apple's QuickTime File Format, "Closed captioning"):
 * `c608` samples hold CEA-608 byte pairs in `cdat` (field 1) and `cdt2` (field 2) boxes; `c708`
 * samples hold a caption distribution packet (SMPTE 334-2) in a `ccdp` box, whose cc_data carries
 * CEA-608 pairs and CEA-708 (DTVCC) packets. Captions spell their text out a character or two a
 * frame, so a position runs over many samples: the whole track is decoded into text, one text per
 * caption channel, each character remembering the byte it came from; positions found in it are
 * blanked there with spaces (0x20 is a 608 space with its odd parity bit, and a 708 space).
 * Decoded only as far as needed to read the characters as a viewer sees them: control codes
 * separate lines, a backspace takes the last character back, repeated 608 control codes count
 * once, command parameters are never read as text.
 */

const SPACE = 0x20;

/** The text of one caption channel, and for each character the byte it came from (none for characters a code stands for). */
class CaptionText {
  private readonly characters: string[] = [];
  private readonly sources: ({ readonly sample: Uint8Array; readonly at: number } | undefined)[] = [];

  add(character: string, sample?: Uint8Array, at = 0): void {
    this.characters.push(character);
    this.sources.push(sample && { sample, at });
  }

  removeLast(): void {
    this.characters.pop();
    this.sources.pop();
  }

  blankPositions(notePosition: NotePosition): number {
    const blank = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const source = this.sources[i];
        if (source) source.sample[source.at] = SPACE;
      }
    };
    return blankPositionsInText(this.characters.join(''), blank, notePosition);
  }
}

/** Characters of the 608 basic set that differ from ASCII. */
const BASIC_608: Record<number, string> = { 0x2a: 'á', 0x5c: 'é', 0x5e: 'í', 0x5f: 'ó', 0x60: 'ú', 0x7b: 'ç', 0x7c: '÷', 0x7d: 'Ñ', 0x7e: 'ñ', 0x7f: '█' };
/** The 608 special characters (second byte 0x30-0x3f); 0x39 is a transparent space. */
const SPECIAL_608 = '®°½¿™¢£♪à èâêîôû';
/** A character from a code whose meaning does not matter here (accented letters, symbols): never part of a number. */
const OTHER = '\ufffd';

/** One field of a CEA-608 stream: two caption channels (CC1/CC2, or CC3/CC4 in field 2) and, in field 2, XDS. */
class Cea608Field {
  private readonly channels = [new CaptionText(), new CaptionText()];
  private readonly xds = new CaptionText();
  private channel = 0;
  private inXds = false;
  private lastControl = -1;

  constructor(private readonly second: boolean) {}

  pair(sample: Uint8Array, at: number): void {
    // Parity (bit 7) is not checked: a decoder that ignores it would still show the character.
    const [first, second] = [sample[at]! & 0x7f, sample[at + 1]! & 0x7f];
    if (first >= 0x10 && first <= 0x1f) return this.control(first, second);
    if (first === 0 && second === 0) return; // padding, which does not end a repeated control code
    this.lastControl = -1;
    if (this.second && first >= 0x01 && first <= 0x0f) {
      // XDS: a class code and a type, data characters, then 0x0f and a checksum.
      this.inXds = first !== 0x0f;
      return;
    }
    const text = this.inXds ? this.xds : this.channels[this.channel]!;
    if (first >= 0x20) text.add(BASIC_608[first] ?? String.fromCharCode(first), sample, at);
    if (second >= 0x20) text.add(BASIC_608[second] ?? String.fromCharCode(second), sample, at + 1);
  }

  private control(first: number, second: number): void {
    const code = (first << 8) | second;
    const repeated = code === this.lastControl;
    this.lastControl = repeated ? -1 : code; // sent twice for safety, acted on once
    this.inXds = false;
    if (repeated) return;
    this.channel = first >= 0x18 ? 1 : 0;
    const text = this.channels[this.channel]!;
    const group = first & 0x07; // the same codes for either channel
    if (group === 1 && second >= 0x30 && second <= 0x3f) {
      text.add(SPECIAL_608[second - 0x30]!);
    } else if ((group === 2 || group === 3) && second >= 0x20 && second <= 0x3f) {
      // An extended character replaces the standard one sent before it.
      text.removeLast();
      text.add(OTHER);
    } else if (group === 4 || group === 5) {
      if (second === 0x21) text.removeLast(); // backspace
      else text.add('\n'); // carriage return, end of caption, erase and the like
    } else {
      // Attribute codes and tab offsets (second byte 0x20-0x2f) show as a space; a row address
      // (0x40-0x7f) starts another line.
      text.add(second >= 0x20 && second <= 0x2f ? ' ' : '\n');
    }
  }

  blankPositions(notePosition: NotePosition): number {
    return [...this.channels, this.xds].reduce((sum, text) => sum + text.blankPositions(notePosition), 0);
  }
}

/** The number of parameter bytes after each CEA-708 C1 command (0x80-0x9f). */
const C1_PARAMETERS = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 2, 3, 2, 0, 0, 0, 0, 4, 6, 6, 6, 6, 6, 6, 6, 6];

/** CEA-708 (DTVCC): caption channel packets assembled from cc_data, split into service blocks, each service decoded to text. */
class Dtvcc {
  private readonly services = new Map<number, CaptionText>();
  private packet: { sample: Uint8Array; at: number }[] = [];
  private packetSize = 0;

  /** One cc_data byte pair of type 3 (a packet starts) or 2 (it goes on). */
  pair(sample: Uint8Array, at: number, starts: boolean): void {
    if (starts) {
      this.decodePacket();
      // The packet header: a sequence number and the size code; the pair's second byte is data.
      const sizeCode = sample[at]! & 0x3f;
      this.packetSize = sizeCode === 0 ? 127 : sizeCode * 2 - 1;
      this.packet = [{ sample, at: at + 1 }];
    } else if (this.packet.length > 0) {
      this.packet.push({ sample, at }, { sample, at: at + 1 });
    } // else the rest of a packet whose start is not in the track: no decoder shows it
    if (this.packet.length >= this.packetSize) this.decodePacket();
  }

  /** Decodes the packet gathered so far (a packet cut short by the next one is decoded as far as it goes). */
  decodePacket(): void {
    const bytes = this.packet.slice(0, this.packetSize);
    this.packet = [];
    const byte = (i: number) => bytes[i]!.sample[bytes[i]!.at]!;
    for (let at = 0; at < bytes.length; ) {
      let service = byte(at) >> 5;
      const size = byte(at) & 0x1f;
      at++;
      if (size === 0) break; // a null block: the rest is padding
      if (service === 7) {
        if (at >= bytes.length) break;
        service = byte(at++) & 0x3f;
      }
      const text = this.services.get(service) ?? new CaptionText();
      this.services.set(service, text);
      decodeServiceBlock(bytes.slice(at, at + size), text);
      at += size;
    }
  }

  blankPositions(notePosition: NotePosition): number {
    this.decodePacket();
    return [...this.services.values()].reduce((sum, text) => sum + text.blankPositions(notePosition), 0);
  }
}

/** Reads one service block's characters into `text`, stepping over commands and their parameters. */
function decodeServiceBlock(bytes: readonly { sample: Uint8Array; at: number }[], text: CaptionText): void {
  const byte = (i: number) => bytes[i]!.sample[bytes[i]!.at]!;
  for (let i = 0; i < bytes.length; ) {
    const code = byte(i);
    if (code >= 0x20 && code <= 0x7e) {
      text.add(String.fromCharCode(code), bytes[i]!.sample, bytes[i]!.at);
      i++;
    } else if (code === 0x7f || code >= 0xa0) {
      text.add(OTHER); // a music note, or G1 (Latin-1 letters and signs): never part of a number
      i++;
    } else if (code === 0x08) {
      text.removeLast(); // backspace
      i++;
    } else if (code === 0x10) {
      // EXT1: a character of the G2/G3 sets or a C2/C3 command, with its parameters.
      const extended = i + 1 < bytes.length ? byte(i + 1) : 0;
      if (extended >= 0x20 && extended <= 0x7f) text.add(extended <= 0x21 ? ' ' : OTHER);
      else if (extended >= 0xa0) text.add(OTHER);
      const parameters = extended < 0x20 ? extended >> 3 : extended >= 0x80 && extended <= 0x87 ? 4 : extended >= 0x88 && extended <= 0x8f ? 5 : 0;
      const variable = extended >= 0x90 && extended <= 0x9f && i + 2 < bytes.length ? 1 + (byte(i + 2) & 0x3f) : 0;
      i += 2 + parameters + variable;
    } else if (code < 0x20) {
      // C0: P16 (0x18) is a 16-bit character; 0x11-0x17 take one parameter, 0x18-0x1f two.
      if (code === 0x18) text.add(OTHER);
      else if (code === 0x03 || code === 0x0c || code === 0x0d || code === 0x0e) text.add('\n');
      i += 1 + (code >= 0x18 ? 2 : code >= 0x11 ? 1 : 0);
    } else {
      // C1 (0x80-0x9f): window and pen commands. Pen attributes and colour leave the text joined;
      // the others move to another place on the screen.
      if (code !== 0x90 && code !== 0x91) text.add('\n');
      i += 1 + C1_PARAMETERS[code - 0x80]!;
    }
  }
}

/** The caption decoders of one track, fed its samples in order. */
class CaptionTrack {
  private readonly fields = [new Cea608Field(false), new Cea608Field(true)];
  private readonly dtvcc = new Dtvcc();

  /** A c608 sample: byte pairs of field 1 (`cdat`) and field 2 (`cdt2`); other boxes are ignored, as players ignore them. */
  cea608(sample: Uint8Array): void {
    for (const box of childBoxes(sample, 0, sample.length)) {
      const field = box.type === 'cdat' ? 0 : box.type === 'cdt2' ? 1 : -1;
      if (field < 0) continue;
      if ((box.end - box.start) % 2 !== 0) throw new MalformedVideo('a closed caption sample has half a byte pair');
      for (let at = box.start; at < box.end; at += 2) this.fields[field]!.pair(sample, at);
    }
  }

  /** A c708 sample: caption distribution packets (`ccdp`), and 608 pairs if there are any. */
  cea708(sample: Uint8Array): void {
    for (const box of childBoxes(sample, 0, sample.length)) {
      if (box.type === 'ccdp') this.distributionPacket(sample, box.start, box.end);
    }
    this.cea608(sample);
  }

  /** SMPTE 334-2: identifier 0x9669, length, frame rate, flags, sequence counter, an optional time code, then cc_data. */
  private distributionPacket(sample: Uint8Array, start: number, end: number): void {
    if (end - start < 7 || sample[start] !== 0x96 || sample[start + 1] !== 0x69) throw new MalformedVideo('a CEA-708 caption packet does not start as one');
    const flags = sample[start + 4]!;
    let at = start + 7;
    if (flags & 0x80) {
      if (sample[at] !== 0x71) throw new MalformedVideo('a CEA-708 caption packet has a broken time code');
      at += 5;
    }
    if (!(flags & 0x40)) return; // no caption data in this packet
    if (at + 2 > end || sample[at] !== 0x72) throw new MalformedVideo('a CEA-708 caption packet has no caption data where it says');
    const count = sample[at + 1]! & 0x1f;
    at += 2;
    if (at + count * 3 > end) throw new MalformedVideo('a CEA-708 caption packet has less caption data than it says');
    for (let i = 0; i < count; i++, at += 3) {
      const header = sample[at]!;
      if (!(header & 0x04)) continue; // not valid: decoders skip it
      const type = header & 0x03;
      if (type < 2) this.fields[type]!.pair(sample, at + 1);
      else this.dtvcc.pair(sample, at + 1, type === 3);
    }
  }

  blankPositions(notePosition: NotePosition): number {
    return this.fields.reduce((sum, field) => sum + field.blankPositions(notePosition), 0) + this.dtvcc.blankPositions(notePosition);
  }
}

/** Blanks the positions in the samples of a CEA-608 (`c608`) or CEA-708 (`c708`) caption track; how many. */
export function blankCaptionPositions(format: 'c608' | 'c708', samples: readonly Uint8Array[], notePosition: NotePosition): number {
  const track = new CaptionTrack();
  for (const sample of samples) {
    if (format === 'c608') track.cea608(sample);
    else track.cea708(sample);
  }
  return track.blankPositions(notePosition);
}
