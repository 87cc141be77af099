import { deepQueryAll } from '../compose/dom';
import type { SiteAdapter } from '../sites/adapter';

/** Files the page received in one go, and the site's remove buttons that were there before. */
export interface Upload {
  readonly files: readonly File[];
  /** The file input they were picked in; none for drops and pastes. */
  readonly input: HTMLInputElement | undefined;
  readonly buttonsBefore: ReadonlySet<Element>;
  readonly removed: Set<File>;
}

/** "removed": the page no longer has the file; "manual": Sera could not tell which control removes it. */
export type RemoveOutcome = 'removed' | 'manual';

export interface Attachments {
  /** Call just before the page receives `files`. */
  record(files: readonly File[], input: HTMLInputElement | undefined): Upload;
  /** Takes `file` out of the page's composer the way the person would. */
  remove(upload: Upload, file: File): Promise<RemoveOutcome>;
}

/** Older uploads are forgotten: their photos can still be removed by hand. */
const KEPT_UPLOADS = 32;
/** How long a site may take to take the preview away after its remove button is pressed. */
const REMOVAL_WAIT_MS = 1500;

/**
 * Removes attached photos through the page's own controls. An upload's remove buttons are the ones
 * that appeared after it and were already there when the next upload came; with one per file (in
 * the page's order), the file's own is pressed. Where the adapter knows no such button, a file
 * input that still holds the photo (the page reads it from there) is emptied of it. Anything else
 * is left to the person: pressing a button that might belong to another photo would break the post.
 */
export function pageAttachments(adapters: readonly SiteAdapter[], setFiles: (input: HTMLInputElement, files: readonly File[]) => void): Attachments {
  const selector = adapters.flatMap((adapter) => adapter.removeAttachment ?? []).join(', ');
  const removeButtons = () => (selector ? deepQueryAll(document, selector) : []);
  const uploads: Upload[] = [];

  const buttonFor = (upload: Upload, file: File) => {
    const index = uploads.indexOf(upload);
    if (index < 0) return undefined;
    const later = uploads.slice(index + 1);
    const own = removeButtons().filter((button) => !upload.buttonsBefore.has(button) && later.every((next) => next.buttonsBefore.has(button)));
    const left = upload.files.filter((candidate) => !upload.removed.has(candidate));
    return own.length === left.length ? own[left.indexOf(file)] : undefined;
  };

  return {
    record(files, input) {
      const upload = { files, input, buttonsBefore: new Set(removeButtons()), removed: new Set<File>() };
      uploads.push(upload);
      if (uploads.length > KEPT_UPLOADS) uploads.shift();
      return upload;
    },
    async remove(upload, file) {
      if (upload.removed.has(file)) return 'removed';
      const button = buttonFor(upload, file);
      let outcome: RemoveOutcome = 'manual';
      if (button) {
        button.click();
        if (await disconnected(button)) outcome = 'removed';
      } else if (upload.input?.isConnected && [...(upload.input.files ?? [])].some((held) => sameFile(held, file))) {
        setFiles(upload.input, [...upload.input.files!].filter((held) => !sameFile(held, file)));
        outcome = 'removed';
      }
      if (outcome === 'removed') upload.removed.add(file);
      return outcome;
    },
  };
}

/** The same file: a page's FileList may hand out other objects for it (Firefox wraps them). */
function sameFile(a: File, b: File): boolean {
  return a === b || (a.name === b.name && a.size === b.size && a.type === b.type && a.lastModified === b.lastModified);
}

/** Resolves true once `element` has left the page, false if it is still there after a while. */
function disconnected(element: Element): Promise<boolean> {
  if (!element.isConnected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (element.isConnected) return;
      finish(true);
    });
    const timer = setTimeout(() => finish(false), REMOVAL_WAIT_MS);
    const finish = (gone: boolean) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(gone);
    };
    // Its own shadow root, and the document in case the page drops the whole host.
    for (const root of new Set([element.getRootNode(), element.ownerDocument])) observer.observe(root, { childList: true, subtree: true });
  });
}
