import { latin1 } from '../photos/bytes';
import { childBoxes, MalformedVideo } from './boxes';
import type { NotePosition } from './telemetry';

/**
 * Positions in subtitle text, as drones and dash cams write them per frame into a 3GPP (`tx3g`)
 * or QuickTime (`text`) subtitle track, and anyone into WebVTT, TTML or closed captions, each as a
 * pattern whose number groups are the position:
 *
 * - DJI: "GPS (8.6499, 53.1665, 18)" (longitude first), "HOME(149.0251,-20.2532)",
 *   "[latitude: 47.604228] [longitude: -122.339285] [rel_alt: 0.000 abs_alt: 134.470]" (also the
 *   misspelt "longtitude"); Autel: "GPS(W: 109.339287, N: 40.768574, 2371.76m)"; Yuneec "Lat:22.1 Lon:113.9 Alt:30";
 * - NMEA sentences of dash cams ("$GPRMC,…,4529.87489,N,07337.01215,W,…");
 * - ISO 6709 ("+60.1699+024.9384/"), and any other pair of numbers with four or more decimals.
 */
const IN_PARENTHESES = /\b(?:GPS|HOME)\s*\(([^)]*)\)/gi;
const LABELLED = /\b(?:latitude|longitude|longtitude|lat|lon|lng|abs_alt|altitude|alt)\s*[:=]\s*(?:[NSEW]\s*)?([-+]?\d+(?:\.\d+)?)/gi;
const NMEA_COORDINATE = /\d+\.\d+,[NSEW]\b/g;
const ISO6709 = /[+-]\d{2}(?:\.\d+)?[+-]\d{3}(?:\.\d+)?(?:[+-]\d+(?:\.\d+)?)?\/?/g;
const DECIMAL_PAIR = /[-+]?\d{1,3}\.\d{4,}[^\d\n]{1,20}?[-+]?\d{1,3}\.\d{4,}/g;
const NUMBER = /[-+]?\d+(?:\.\d+)?/g;
/** Each pattern, with the group that holds the position when not the whole match. */
const PATTERNS: readonly [RegExp, number?][] = [[IN_PARENTHESES, 1], [LABELLED, 1], [NMEA_COORDINATE], [ISO6709], [DECIMAL_PAIR]];

/**
 * Blanks the positions in a text: `blank(from, to)` is called for each number of a position (as
 * indices into `text`), which the caller overwrites with spaces wherever the text came from.
 * Other text (camera settings, distances, times) stays. Returns how many positions it blanked.
 */
export function blankPositionsInText(text: string, blank: (from: number, to: number) => void, notePosition: NotePosition): number {
  const labelled = new Map<string, number>();
  for (const match of text.matchAll(LABELLED)) {
    const label = match[0].slice(0, 3).toLowerCase();
    if (!labelled.has(label)) labelled.set(label, Number(match[1]));
  }
  if (labelled.has('lat') && labelled.has('lon')) notePosition(labelled.get('lat')!, labelled.get('lon')!);
  for (const match of text.matchAll(IN_PARENTHESES)) {
    const numbers = [...match[1]!.matchAll(NUMBER)].map(Number);
    if (numbers.length >= 2) notePosition(numbers[1]!, numbers[0]!);
  }

  let current = text;
  let blanked = 0;
  const blankNumbers = (pattern: RegExp, group?: number) => {
    for (const match of current.matchAll(pattern)) {
      const whole = match[0];
      const part = group === undefined ? whole : match[group]!;
      const offset = match.index + whole.lastIndexOf(part);
      const numbers = [...part.matchAll(NUMBER)];
      for (const number of numbers) {
        const [from, to] = [offset + number.index, offset + number.index + number[0].length];
        current = current.slice(0, from) + ' '.repeat(to - from) + current.slice(to);
        blank(from, to);
      }
      if (numbers.length > 0) blanked++;
    }
  };
  // Until nothing is left: blanking a number can bring a label next to the digits after it.
  for (let before = -1; before !== blanked; ) {
    before = blanked;
    for (const [pattern, group] of PATTERNS) blankNumbers(pattern, group);
  }
  return blanked;
}

/** Blanks the positions in the text `bytes[start, end)` (ASCII, Latin-1 or UTF-8) in place with spaces. */
export function blankTextPositions(bytes: Uint8Array, start: number, end: number, notePosition: NotePosition): number {
  // Read as Latin-1, one character a byte, so indices are byte offsets; digits are ASCII in UTF-8 too.
  return blankPositionsInText(latin1(bytes, start, end), (from, to) => bytes.fill(0x20, start + from, start + to), notePosition);
}

/**
 * Blanks the positions in one 3GPP or QuickTime subtitle sample in place (a 16-bit text length,
 * the text, then style boxes that are left alone): the sample keeps its size.
 */
export function blankSubtitlePositions(sample: Uint8Array, notePosition: NotePosition): number {
  // Even an empty subtitle has its 2-byte length: a shorter sample is damage that may hide text.
  if (sample.length < 2) throw new MalformedVideo('a subtitle sample is truncated');
  const length = (sample[0]! << 8) | sample[1]!;
  if (2 + length > sample.length) throw new MalformedVideo('a subtitle sample says its text is longer than the sample');
  return blankTextPositions(sample, 2, 2 + length, notePosition);
}

/**
 * Blanks the positions in one WebVTT-in-MP4 sample (`wvtt`, ISO/IEC 14496-30): cue boxes (`vttc`)
 * whose children hold the cue's text (`payl`), identifier (`iden`) and settings (`sttg`), empty
 * cues (`vtte`) and comments (`vtta`). All of that is text: every payload is blanked as text.
 */
export function blankWebVttPositions(sample: Uint8Array, notePosition: NotePosition): number {
  let blanked = 0;
  for (const cue of childBoxes(sample, 0, sample.length)) {
    const parts = cue.type === 'vttc' ? [...childBoxes(sample, cue.start, cue.end)] : [cue];
    for (const part of parts) blanked += blankTextPositions(sample, part.start, part.end, notePosition);
  }
  return blanked;
}

/** Blanks the positions in one TTML sample (`stpp`: an XML document, in UTF-8) in place. */
export function blankTtmlPositions(sample: Uint8Array, notePosition: NotePosition): number {
  return blankTextPositions(sample, 0, sample.length, notePosition);
}
