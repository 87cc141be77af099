/** The bytes as Latin-1 text: one character per byte, so string indices are byte offsets. */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let text = '';
  // In slices (one call with a large array overflows the stack), through apply, which takes the
  // typed array as it is: spreading it is tens of times slower, and XMP segments are 64 KB.
  for (let i = start; i < end; i += 0x2000) text += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(end, i + 0x2000)) as unknown as number[]);
  return text;
}

/** Latin-1 text as bytes, one byte per character: the inverse of `latin1`. */
export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

/** Where the ASCII `needle` first occurs in `bytes[from, end)`, or -1. */
export function indexOfAscii(bytes: Uint8Array, needle: string, from: number, end = bytes.length): number {
  const first = needle.charCodeAt(0);
  for (let at = bytes.indexOf(first, from); at >= 0 && at + needle.length <= end; at = bytes.indexOf(first, at + 1)) {
    let i = 1;
    while (i < needle.length && bytes[at + i] === needle.charCodeAt(i)) i++;
    if (i === needle.length) return at;
  }
  return -1;
}

export function toBase64(bytes: Uint8Array): string {
  return btoa(latin1(bytes));
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
