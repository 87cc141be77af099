/** The bytes as Latin-1 text: one character per byte, so string indices are byte offsets. */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let text = '';
  // In slices: spreading a large array into one call overflows the stack.
  for (let i = start; i < end; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 0x8000)));
  return text;
}

/** Latin-1 text as bytes, one byte per character: the inverse of `latin1`. */
export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
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
