import { commonAncestor, deepQueryAll, depthOf } from '../compose/dom';
import { fieldsWithin } from '../compose/find';
import type { SiteAdapter } from '../sites/adapter';
import { distinctPreviews, MEDIA, mediaIn, removeControlOf } from './preview';

/** Files the page received in one go, and the site's remove buttons and pictures that were there before. */
export interface Upload {
  readonly files: readonly File[];
  /** The file input they were picked in; none for drops and pastes. */
  readonly input: HTMLInputElement | undefined;
  /** That input, or the element they were dropped or pasted on: the composer they belong to is the nearest. */
  readonly target: Element;
  readonly buttonsBefore: ReadonlySet<Element>;
  readonly mediaBefore: ReadonlySet<Element>;
  readonly removed: Set<File>;
}

/** Where the page shows an attached file; either may be unknown. */
export interface ShownAt {
  readonly preview?: Element;
  readonly composer?: Element;
}

/** "removed": the page no longer has the file; "manual": Sera could not tell which control removes it. */
export type RemoveOutcome = 'removed' | 'manual';

export interface Attachments {
  /** Call just before the page receives `files`. */
  record(files: readonly File[], input: HTMLInputElement | undefined, target: Element): Upload;
  /** Takes `file` out of the page's composer the way the person would. */
  remove(upload: Upload, file: File): Promise<RemoveOutcome>;
  /** The preview the page rendered for `file`, and the composer it went to, as they are now. */
  shownAt(upload: Upload, file: File): ShownAt;
}

/** Older uploads are forgotten: their photos can still be removed by hand. */
const KEPT_UPLOADS = 32;
/** How long a site may take to take the preview away after its remove button is pressed. */
const REMOVAL_WAIT_MS = 1500;

/**
 * Removes attached photos through the page's own controls. An upload's remove buttons and previews
 * are the ones that appeared after it and were already there when the next upload came; with one
 * per file (in the page's order), the file's own is used: the adapter's remove button, else the
 * one control in the preview's own container that says remove (`removeControlOf`). Otherwise a
 * file input that still holds the photo (the page reads it from there) is emptied of it. Anything
 * else is left to the person: pressing a button that might belong to another photo would break the post.
 */
export function pageAttachments(adapters: readonly SiteAdapter[], setFiles: (input: HTMLInputElement, files: readonly File[]) => void): Attachments {
  const selector = adapters.flatMap((adapter) => adapter.removeAttachment ?? []).join(', ');
  const removeButtons = () => (selector ? deepQueryAll(document, selector) : []);
  const uploads: Upload[] = [];

  /** The file's own of `elements` (one per file left, in order), among those that came with `upload`. */
  const ownOf = <T extends Element>(upload: Upload, file: File, elements: readonly T[], before: (upload: Upload) => ReadonlySet<Element>, distinct = (own: T[]) => own) => {
    const index = uploads.indexOf(upload);
    if (index < 0) return undefined;
    const later = uploads.slice(index + 1);
    const own = distinct(elements.filter((element) => !before(upload).has(element) && later.every((next) => before(next).has(element))));
    const left = upload.files.filter((candidate) => !upload.removed.has(candidate));
    return own.length === left.length ? own[left.indexOf(file)] : undefined;
  };
  const previewOf = (upload: Upload, file: File) => ownOf(upload, file, mediaIn(document), (each) => each.mediaBefore, distinctPreviews);

  return {
    record(files, input, target) {
      // One walk of the page for both: the page is waiting for the files.
      const found = deepQueryAll(document, selector ? `${MEDIA}, ${selector}` : MEDIA);
      const buttonsBefore = new Set<Element>(selector ? found.filter((element) => element.matches(selector)) : []);
      const upload = { files, input, target, buttonsBefore, mediaBefore: new Set<Element>(found.filter((element) => element.matches(MEDIA))), removed: new Set<File>() };
      uploads.push(upload);
      if (uploads.length > KEPT_UPLOADS) uploads.shift();
      return upload;
    },
    async remove(upload, file) {
      if (upload.removed.has(file)) return 'removed';
      const preview = previewOf(upload, file);
      const button = ownOf(upload, file, removeButtons(), (each) => each.buttonsBefore) ?? (preview && removeControlOf(preview, adapters));
      let outcome: RemoveOutcome = 'manual';
      if (button) {
        button.click();
        if (await leftPage([button, ...(preview ? [preview] : [])])) outcome = 'removed';
      } else if (upload.input?.isConnected && [...(upload.input.files ?? [])].some((held) => sameFile(held, file))) {
        setFiles(upload.input, [...upload.input.files!].filter((held) => !sameFile(held, file)));
        outcome = 'removed';
      }
      if (outcome === 'removed') upload.removed.add(file);
      return outcome;
    },
    shownAt(upload, file) {
      return { preview: previewOf(upload, file), composer: nearestComposer(upload.target, adapters) };
    },
  };
}

/** The composer nearest to where the files arrived (the one whose tree it shares most of). */
function nearestComposer(target: Element, adapters: readonly SiteAdapter[]): Element | undefined {
  if (!target.isConnected) return undefined;
  const composers = fieldsWithin(target.ownerDocument, adapters).map(({ element }) => element);
  const closeness = (composer: Element) => depthOf(commonAncestor(composer, target));
  return composers.reduce<Element | undefined>((best, composer) => (!best || closeness(composer) > closeness(best) ? composer : best), undefined);
}

/** The same file: a page's FileList may hand out other objects for it (Firefox wraps them). */
function sameFile(a: File, b: File): boolean {
  return a === b || (a.name === b.name && a.size === b.size && a.type === b.type && a.lastModified === b.lastModified);
}

/** Resolves true once one of `elements` (a remove button, the preview) has left the page, false if all are still there after a while. */
function leftPage(elements: readonly Element[]): Promise<boolean> {
  const gone = () => elements.some((element) => !element.isConnected);
  if (gone()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (gone()) finish(true);
    });
    const timer = setTimeout(() => finish(false), REMOVAL_WAIT_MS);
    const finish = (gone: boolean) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(gone);
    };
    // Their own shadow roots, and the document in case the page drops a whole host.
    for (const root of new Set(elements.flatMap((element) => [element.getRootNode(), element.ownerDocument]))) observer.observe(root, { childList: true, subtree: true });
  });
}
