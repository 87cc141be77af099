import { childBoxes, MalformedVideo, type Box } from './boxes';

export interface SampleRange {
  /** Where the sample starts in the file. */
  readonly offset: number;
  readonly size: number;
}

/**
 * Where each sample of a track lies in the file, from its sample table (`stbl`, inside `bytes`):
 * chunk offsets (stco or co64), samples per chunk (stsc) and sample sizes (stsz).
 */
export function sampleRanges(bytes: Uint8Array, stbl: Box): SampleRange[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map([...childBoxes(bytes, stbl.start, stbl.end)].map((box) => [box.type, box]));
  const stsz = tables.get('stsz');
  const stsc = tables.get('stsc');
  const chunkTable = tables.get('stco') ?? tables.get('co64');
  if (!stsz || !stsc || !chunkTable) throw new MalformedVideo('a telemetry track has no sample table (stsz, stsc, stco)');
  const entries = (box: Box, header: number, entrySize: number) => {
    const count = view.getUint32(box.start + header - 4);
    if (box.start + header + count * entrySize > box.end) throw new MalformedVideo(`${box.type} box is truncated`);
    return count;
  };

  const wide = chunkTable.type === 'co64';
  const chunkOffsets = Array.from({ length: entries(chunkTable, 8, wide ? 8 : 4) }, (_, i) => {
    const at = chunkTable.start + 8 + i * (wide ? 8 : 4);
    return wide ? view.getUint32(at) * 2 ** 32 + view.getUint32(at + 4) : view.getUint32(at);
  });
  const fixedSize = view.getUint32(stsz.start + 4);
  const sampleCount = fixedSize ? view.getUint32(stsz.start + 8) : entries(stsz, 12, 4);
  const sizeOf = (sample: number) => fixedSize || view.getUint32(stsz.start + 12 + sample * 4);
  const runs = Array.from({ length: entries(stsc, 8, 12) }, (_, i) => ({
    firstChunk: view.getUint32(stsc.start + 8 + i * 12),
    samplesPerChunk: view.getUint32(stsc.start + 12 + i * 12),
  }));

  const ranges: SampleRange[] = [];
  let run = 0;
  let chunk = 0;
  for (; chunk < chunkOffsets.length && ranges.length < sampleCount; chunk++) {
    while (run + 1 < runs.length && runs[run + 1]!.firstChunk <= chunk + 1) run++;
    let offset = chunkOffsets[chunk]!;
    for (let i = 0; i < (runs[run]?.samplesPerChunk ?? 0) && ranges.length < sampleCount; i++) {
      const size = sizeOf(ranges.length);
      ranges.push({ offset, size });
      offset += size;
    }
  }
  if (ranges.length < sampleCount) throw new MalformedVideo('a telemetry track has fewer chunks than samples');
  // Chunks left over hold samples the size table does not list: data no reader shows, yet in the file.
  if (chunk < chunkOffsets.length) throw new MalformedVideo('a telemetry track has more chunks than samples');
  return ranges;
}
