/** The bytes as Latin-1 text: one character per byte, so string indices are byte offsets. */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let text = '';
  // In slices: spreading a large array into one call overflows the stack.
  for (let i = start; i < end; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 0x8000)));
  return text;
}
