/** A one-click edit of the draft: replace [start, end) (UTF-16 offsets) with `replacement`. */
export interface Fix {
  readonly label: string;
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

/** The draft as it reads once `fix` is applied. Its own module: the content script needs only this. */
export function withFix(text: string, fix: Fix): string {
  return text.slice(0, fix.start) + fix.replacement + text.slice(fix.end);
}
