import { MalformedVideo, type Box } from './boxes';
import type { Findings } from './metadata';
import type { SampleRange } from './samples';
import { patchBetween, type ByteSource, type Patch } from './source';

/** Called with the first position a blanker reads, so the person can be told where the video was. */
export type NotePosition = (latitude: number, longitude: number) => void;

/** A track whose samples, in the media data, may hold positions: the caller blanks them in place. */
export interface TelemetryTrack {
  /** What the samples are, for a reason: "GoPro GPMF telemetry". */
  readonly name: string;
  readonly samples: readonly SampleRange[];
  /**
   * Blanks the positions in the track's samples (all of them, in order: closed captions spell a
   * position out over many samples) in place, keeping their sizes; how many it blanked.
   */
  readonly blank: (samples: readonly Uint8Array[], notePosition: NotePosition) => number;
}

/** The blanker of a track whose samples each stand alone, from the blanker of one sample. */
export function eachSample(blank: (sample: Uint8Array, notePosition: NotePosition) => number): TelemetryTrack['blank'] {
  return (samples, notePosition) => samples.reduce((sum, sample) => sum + blank(sample, notePosition), 0);
}

/** Samples next to each other in the file are read together, up to this many bytes at once. */
const READ_AT_ONCE = 1024 * 1024;

/**
 * Blanks the positions in the samples of telemetry tracks, which lie in the media data: each
 * track's samples are read in runs of adjacent ones (telemetry is a few KB a second, often in many
 * tiny samples), each sample inside an mdat box, away from the metadata boxes that have patches
 * of their own; a track is held in memory while it is blanked (at most `limit` bytes in all).
 * The samples are blanked a second time on a copy: finding anything then means the blanker missed
 * something, and the file is refused.
 */
export async function blankTelemetry(source: ByteSource, mediaData: readonly Box[], findings: Findings, limit: number): Promise<Patch[]> {
  const patches: Patch[] = [];
  const notePosition: NotePosition = (latitude, longitude) => {
    if (!findings.found.position && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180) findings.found = { ...findings.found, position: { latitude, longitude } };
  };
  let read = 0;
  for (const track of findings.telemetry) {
    for (const sample of track.samples) {
      if (!mediaData.some((box) => sample.offset >= box.start && sample.offset + sample.size <= box.end)) throw new MalformedVideo(`a ${track.name} sample lies outside the media data`);
    }
    // A file cut short in its media data (an interrupted copy) holds the samples before the cut.
    const present = track.samples.filter((sample) => sample.offset < source.size);
    if (present.some((sample) => sample.offset + sample.size > source.size)) throw new MalformedVideo(`a ${track.name} sample is cut off by the end of the file`);
    const runs = [];
    for (const run of adjacentRuns(present)) {
      const start = run[0]!.offset;
      const end = run.at(-1)!.offset + run.at(-1)!.size;
      read += end - start;
      if (read > limit) throw new MalformedVideo('its telemetry is more than Sera reads');
      const original = await source.read(start, end);
      runs.push({ start, original, bytes: original.slice(), samples: run });
    }
    const samples = runs.flatMap(({ start, bytes, samples }) => samples.map((sample) => bytes.subarray(sample.offset - start, sample.offset - start + sample.size)));
    findings.removed.gpsTags += track.blank(samples, notePosition);
    if (track.blank(samples.map((sample) => sample.slice()), () => {}) > 0) findings.problems.push(`a position is still in its ${track.name} after cleaning`);
    for (const { start, original, bytes } of runs) {
      const patch = patchBetween(start, original, bytes);
      if (patch) patches.push(patch);
    }
  }
  return patches;
}

/** Samples in runs where each starts where the one before ends, each run at most READ_AT_ONCE long (or one sample). */
function* adjacentRuns(samples: readonly SampleRange[]): Generator<SampleRange[]> {
  let run: SampleRange[] = [];
  for (const sample of samples) {
    const last = run.at(-1);
    if (last && (sample.offset !== last.offset + last.size || sample.offset + sample.size - run[0]!.offset > READ_AT_ONCE)) {
      yield run;
      run = [];
    }
    run.push(sample);
  }
  if (run.length > 0) yield run;
}
