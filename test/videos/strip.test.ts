import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripCommand } from '../../src/cli/strip';
import type { Streams } from '../../src/cli/io';
import { exiftoolJson, haveExiftool } from '../helpers/photos';
import { mediaDataHash, placesLeft, VIDEO_FIXTURES } from './helpers';

function streams(): Streams & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) }, stdin: (async function* () {})(), env: {} };
}

describe('sera strip with videos', () => {
  it('writes cleaned copies of videos beside photos, reports each as JSON, and refuses what it cannot clean', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'sera-strip-videos-'));
    const damaged = join(scratch, 'damaged.mp4');
    writeFileSync(damaged, readFileSync(`${VIDEO_FIXTURES}/android-udta-xyz.mp4`).subarray(0, 2000));
    const inputs = [`${VIDEO_FIXTURES}/iphone-keys-iso6709.mov`, `${VIDEO_FIXTURES}/3gp-xyz-loci.3gp`, 'test/fixtures/photos/webp-exif-gps.webp', damaged, `${VIDEO_FIXTURES}/webm-tags-location.webm`];
    const out = join(scratch, 'out');
    const io = streams();
    expect(await stripCommand([...inputs, '--out-dir', out, '--json'], io)).toBe(3);
    const reports = io.out.map((line) => JSON.parse(line) as { file: string; format: string | null; cleaned: boolean; reason?: string });
    expect(reports.map(({ format, cleaned }) => [format, cleaned])).toEqual([['mov', true], ['3gp', true], ['webp', true], ['mp4', false], ['webm', true]]);
    expect(reports[3]!.reason).toMatch(/cannot be cleaned/);

    const written = ['iphone-keys-iso6709.mov', '3gp-xyz-loci.3gp'].map((name) => join(out, name));
    for (const [i, file] of written.entries()) expect(mediaDataHash(readFileSync(file))).toBe(mediaDataHash(readFileSync(inputs[i]!)));
    if (haveExiftool) for (const report of exiftoolJson([...written, join(out, 'webm-tags-location.webm')])) expect(placesLeft(report)).toEqual([]);
    await expect(stripCommand([inputs[0]!, '--out-dir', out], streams())).rejects.toThrow(/already exists/);
    await expect(stripCommand([join(scratch, 'missing.mov'), '--out-dir', out], streams())).rejects.toThrow(/cannot read .*missing\.mov: no such file/);
  });
});
