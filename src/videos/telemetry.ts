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
  /** Blanks the positions in one sample in place, keeping its size; how many it blanked. */
  readonly blank: (sample: Uint8Array, notePosition: NotePosition) => number;
}

/** Samples next to each other in the file are read together, up to this many bytes at once. */
const READ_AT_ONCE = 1024 * 1024;

/**
 * Blanks the positions in the samples of telemetry tracks, which lie in the media data: read a
 * run of adjacent samples at a time (telemetry is a few KB a second, often in many tiny samples),
 * each sample inside an mdat box, away from the metadata boxes that have patches of their own.
 * Every sample is blanked a second time on a copy: finding anything then means the blanker missed
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
    for (const run of adjacentRuns(track.samples)) {
      const start = run[0]!.offset;
      const end = run.at(-1)!.offset + run.at(-1)!.size;
      read += end - start;
      if (read > limit) throw new MalformedVideo('its telemetry is more than Sera reads');
      const original = await source.read(start, end);
      const bytes = original.slice();
      for (const sample of run) {
        const inSample = bytes.subarray(sample.offset - start, sample.offset - start + sample.size);
        findings.removed.gpsTags += track.blank(inSample, notePosition);
        if (track.blank(inSample.slice(), () => {}) > 0) findings.problems.push(`a position is still in its ${track.name} after cleaning`);
      }
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
