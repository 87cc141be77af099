import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareUploads, type Cleaned, type Uncleanable } from '../../src/photos/uploads';
import { cleanVideo } from '../../src/videos/clean';
import { memorySource } from '../../src/videos/source';
import { VIDEO_FIXTURES } from './helpers';

const videoFile = (name: string, type = 'video/quicktime', bytes: Uint8Array = readFileSync(`${VIDEO_FIXTURES}/${name}`)) =>
  new File([bytes as Uint8Array<ArrayBuffer>], name, { type, lastModified: 1_700_000_000_000 });

describe('prepareUploads with videos', () => {
  it('hands the page a cleaned copy with the same name, type and date, and reports it', async () => {
    const original = videoFile('iphone-keys-iso6709.mov');
    const reported: Cleaned[] = [];
    const [delivered] = await prepareUploads([original], 'location', { attachUncleaned: async () => true, reportCleaned: (cleaned) => reported.push(...cleaned) });
    expect(delivered).not.toBe(original);
    expect(delivered).toMatchObject({ name: original.name, type: original.type, lastModified: original.lastModified, size: original.size });
    const bytes = new Uint8Array(await delivered!.arrayBuffer());
    expect(await cleanVideo(memorySource(bytes))).toMatchObject({ cleaned: true, found: {}, patches: [] });
    expect(reported.map(({ name, result }) => [name, result.found.position?.latitude])).toEqual([[original.name, -1.2864]]);
  });

  it('holds a video it cannot clean until the person decides, and passes one without location as it is', async () => {
    const damaged = videoFile('android-udta-xyz.mp4', 'video/mp4', readFileSync(`${VIDEO_FIXTURES}/android-udta-xyz.mp4`).subarray(0, 1000));
    const clean = videoFile('no-location.mp4', 'video/mp4');
    const held: Uncleanable[] = [];
    const delivered = await prepareUploads([damaged, clean], 'location', { attachUncleaned: async (file) => (held.push(file), false), reportCleaned: () => {} });
    expect(held.map(({ file, result }) => [file.name, result.reason])).toEqual([['android-udta-xyz.mp4', expect.stringMatching(/cannot be cleaned/)]]);
    expect(delivered).toEqual([clean]);
    expect(delivered[0]).toBe(clean);
  });
});
