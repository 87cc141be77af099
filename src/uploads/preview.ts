import { composedContains, composedParent, deepQueryAll, isElement } from '../compose/dom';
import { isPostButton } from '../compose/find';
import type { SiteAdapter } from '../sites/adapter';

/**
 * The previews a page renders for attached photos, and the page's own control that removes one.
 * Pure DOM, read when asked: nothing here observes the page except `watchPreview`, which watches
 * one preview's root until it is stopped.
 */

/** Elements that can show a photo: images, videos, and anything with an inline background image. */
export const MEDIA = 'img, video, [style*="url("]';
/** What a page shows a picked file with: an object URL or a data URL of a raster image (icons are SVG). */
const LOCAL_IMAGE = /^(?:blob:|data:image\/(?!svg))/i;
const CSS_URL = /url\(\s*["']?([^"')\s]+)/gi;
/** Anything a person can press. */
const CONTROLS = 'button, [role="button"], input[type="button"]';
/** A control that takes something away, by its accessible name: English, Finnish, Swahili. */
const REMOVE_WORDS = new Set(['remove', 'delete', 'discard', 'close', 'poista', 'sulje', 'hylkää', 'ondoa', 'futa', 'funga']);
const REMOVE_SIGNS = /[×✕✖✗⨯]|^x$/i;
/** Names of post buttons on sites Sera has no adapter for: a photo's container never holds one. */
const POST_NAMES = /^(post|share|publish|send|tweet|reply|julkaise|jaa|lähetä|vastaa|chapisha|shiriki|tuma|jibu)$/i;
/** How far up from a preview its own container may be: a tile, its frame, the list item around it. */
const CONTAINER_LEVELS = 6;
/** Editable regions: a container holding a text field of its own is the composer, not a photo's tile. */
const EDITABLE = 'textarea, [contenteditable="true"], [contenteditable=""]';

/** Every element that may show a photo, in `scope` and its open shadow roots and same-origin frames. */
export function mediaIn(scope: Document | Element): HTMLElement[] {
  return deepQueryAll(scope, MEDIA);
}

/** The object or data URL `element` shows a photo or video from; undefined when it shows none. */
export function localSource(element: Element): string | undefined {
  const urls = [element.getAttribute('src'), element.getAttribute('poster'), ...(element.getAttribute('srcset') ?? '').split(',').map((entry) => entry.trim().split(/\s+/)[0])];
  for (const match of (element.getAttribute('style') ?? '').matchAll(CSS_URL)) urls.push(match[1]!);
  if (element.tagName === 'VIDEO') urls.push(...[...element.querySelectorAll('source')].map((source) => source.getAttribute('src')));
  return urls.find((url): url is string => !!url && LOCAL_IMAGE.test(url));
}

/**
 * The previews among `fresh` (media that appeared since an upload), in page order, one per photo:
 * a site often shows one photo with two elements (an `<img>` over a background with the same URL,
 * or an image inside a framed tile), which count once.
 */
export function distinctPreviews<T extends Element>(fresh: readonly T[]): T[] {
  const shown = fresh.filter((element) => localSource(element));
  const seen = new Set<string>();
  return shown.filter((element) => {
    const source = localSource(element)!;
    if (seen.has(source) || shown.some((other) => other !== element && other.contains(element))) return false;
    seen.add(source);
    return true;
  });
}

/**
 * The page's own control that removes `preview`: the nearest control named remove, delete, close
 * or discard (or ×) in the preview's own container, the smallest element around it that holds such
 * a control. That container may not hold another photo, a post button or a text field, and only
 * one such control in it counts: anything less certain is undefined, and the person removes the
 * photo by hand, since pressing another photo's × or the composer's close button would break the post.
 */
export function removeControlOf(preview: Element, adapters: readonly SiteAdapter[]): HTMLElement | undefined {
  const source = localSource(preview);
  const isOtherPhoto = (element: Element) => {
    const shows = localSource(element);
    return !!shows && shows !== source;
  };
  const isPost = (control: HTMLElement) => POST_NAMES.test(accessibleName(control)) || adapters.some((adapter) => isPostButton(control, adapter));
  let levels = 0;
  for (let node = composedParent(preview); node && isElement(node) && levels < CONTAINER_LEVELS; node = composedParent(node)) {
    if (node.tagName === 'BODY' || node.tagName === 'HTML') return undefined;
    levels++;
    if (mediaIn(node).some(isOtherPhoto)) return undefined;
    if (deepQueryAll(node, EDITABLE).some((field) => !composedContains(field, preview))) return undefined;
    const controls = deepQueryAll(node, [CONTROLS, ...adapters.map((adapter) => adapter.postButton)].join(', '));
    if (controls.some(isPost)) return undefined;
    const removers = outermost(controls.filter(saysRemove));
    if (removers.length > 0) return removers.length === 1 ? removers[0] : undefined;
  }
  return undefined;
}

/** A `role="button"` wrapper around a `<button>` is one control. */
function outermost(controls: HTMLElement[]): HTMLElement[] {
  return controls.filter((control) => !controls.some((other) => other !== control && other.contains(control)));
}

function saysRemove(control: HTMLElement): boolean {
  const name = accessibleName(control);
  if (REMOVE_SIGNS.test(name)) return true;
  return (name.toLowerCase().match(/\p{L}+/gu) ?? []).some((word) => REMOVE_WORDS.has(word));
}

/** The name assistive technology reads for a control, as far as the markup tells it. */
function accessibleName(control: HTMLElement): string {
  const root = control.getRootNode() as Document | ShadowRoot;
  const labelledBy = (control.getAttribute('aria-labelledby') ?? '')
    .split(/\s+/)
    .map((id) => (id ? root.getElementById?.(id)?.textContent?.trim() : undefined))
    .filter(Boolean)
    .join(' ');
  if (labelledBy) return labelledBy;
  const label = control.getAttribute('aria-label')?.trim() || (control.tagName === 'INPUT' ? (control as HTMLInputElement).value.trim() : '');
  if (label) return label;
  // Icon buttons: the text, plus what their images and labelled icons say.
  const inner = [control.textContent, ...[...control.querySelectorAll('img[alt], [aria-label]')].map((part) => part.getAttribute('alt') ?? part.getAttribute('aria-label'))]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  return inner || control.getAttribute('title')?.trim() || '';
}

/**
 * Tells `onGone` once `preview` has left the page (the person pressed the site's own ×). A page
 * that renders the photo again in a new element (a re-render with the same URL) keeps it: the new
 * element stands for it, read through `current`. Nothing is polled; `stop` lets go of the observer.
 */
export function watchPreview(preview: Element, onGone: () => void): { current(): Element; stop(): void } {
  let current = preview;
  const source = localSource(preview);
  const observer = new MutationObserver(() => {
    if (current.isConnected) return;
    const again = source ? mediaIn(current.ownerDocument).find((element) => localSource(element) === source) : undefined;
    if (again) return watch(again);
    observer.disconnect();
    onGone();
  });
  const watch = (element: Element) => {
    current = element;
    observer.disconnect();
    // Its own shadow root, and the document in case the page drops the whole host.
    for (const root of new Set([element.getRootNode(), element.ownerDocument])) observer.observe(root, { childList: true, subtree: true });
  };
  watch(preview);
  return { current: () => current, stop: () => observer.disconnect() };
}
