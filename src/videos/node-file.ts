import { constants } from 'node:fs';
import { copyFile, open, type FileHandle } from 'node:fs/promises';
import type { ByteSource, Patch } from './source';

/** Reads an open file by position: only the boxes the cleaner asks for. */
export async function fileSource(handle: FileHandle): Promise<ByteSource> {
  const { size } = await handle.stat();
  return {
    size,
    read: async (start, end) => {
      const bytes = new Uint8Array(Math.max(0, Math.min(end, size) - start));
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, start);
      return bytes.subarray(0, bytesRead);
    },
  };
}

/**
 * Writes the cleaned video to `target`, which must not exist: a copy of the original made by the
 * file system (no pass through memory), then the patches written at their offsets.
 */
export async function writePatchedCopy(original: string, target: string, patches: readonly Patch[]): Promise<void> {
  // FICLONE: a copy-on-write clone where the file system has them (btrfs, XFS, APFS), else a kernel copy.
  await copyFile(original, target, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
  const handle = await open(target, 'r+');
  try {
    for (const patch of patches) await handle.write(patch.bytes, 0, patch.bytes.length, patch.offset);
  } finally {
    await handle.close();
  }
}
