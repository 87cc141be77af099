import type { ByteSource, Patch } from './source';

/** Reads a Blob (a File from the upload guard or the popup) slice by slice: never all of it. */
export function blobSource(blob: Blob): ByteSource {
  // Copied: in a Firefox content script an array over a page File's buffer stays the page's, and
  // reading it can fail ("Permission denied"); the copy is the script's own. Only metadata is read.
  return { size: blob.size, read: async (start, end) => new Uint8Array(new Uint8Array(await blob.slice(start, end).arrayBuffer())) };
}

/**
 * The cleaned video as a Blob: slices of the original around the patched bytes. The browser keeps
 * slices as references to the original, so the media data is never copied into memory.
 */
export function patchedBlob(original: Blob, patches: readonly Patch[], type = original.type): Blob {
  const parts: BlobPart[] = [];
  let at = 0;
  for (const patch of [...patches].sort((a, b) => a.offset - b.offset)) {
    parts.push(original.slice(at, patch.offset), patch.bytes as Uint8Array<ArrayBuffer>);
    at = patch.offset + patch.bytes.length;
  }
  parts.push(original.slice(at));
  return new Blob(parts, { type });
}
