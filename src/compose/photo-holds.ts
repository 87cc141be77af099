import type { PhotoFindingView } from './view';

/** The "block" findings in one attached photo, holding Post until the person removes or keeps it. */
export interface PhotoHold {
  readonly findings: readonly PhotoFindingView[];
}

/**
 * Photos whose checks found something that asks for confirmation, as the pre-post check sees them.
 * A photo is held from the moment its findings arrive until "Remove photo" or "Keep"; a post that
 * goes out takes every photo attached before it along, so findings that arrive later hold nothing.
 */
export class PhotoHolds {
  private readonly open = new Set<PhotoHold>();
  private uploads = 0;
  private uploadsPosted = 0;

  /** Call when the page receives photos; the number names the upload in `add`. */
  attached(): number {
    return ++this.uploads;
  }

  /** Holds the post for the photo's "block" findings; undefined when none is, or it was already posted. */
  add(upload: number, findings: readonly (PhotoFindingView & { readonly severity: string })[]): PhotoHold | undefined {
    const blocking = findings.filter((finding) => finding.severity === 'block');
    if (blocking.length === 0 || upload <= this.uploadsPosted) return undefined;
    const hold = { findings: blocking.map(({ summary, message, policyRef }) => ({ summary, message, policyRef })) };
    this.open.add(hold);
    return hold;
  }

  /** "Remove photo" or "Keep". */
  resolve(hold: PhotoHold): void {
    this.open.delete(hold);
  }

  isOpen(hold: PhotoHold): boolean {
    return this.open.has(hold);
  }

  unresolved(): readonly PhotoHold[] {
    return [...this.open];
  }

  /** A post went out: the photos attached so far went with it. */
  posted(): void {
    this.uploadsPosted = this.uploads;
    this.open.clear();
  }
}
