import type { PackFinding } from '../packs/active';
import type { SiteAdapter } from '../sites/adapter';
import { commonAncestor, composedContains, depthOf, insideComposed, isElement, isTextField } from './dom';
import { fieldsWithin, postButtonOn, type FoundComposer } from './find';
import type { PhotoHold, PhotoHolds } from './photo-holds';
import type { ComposerSession } from './session';
import type { Field } from './view';

export interface BlockingFinding {
  readonly finding: PackFinding;
  readonly field: Field;
  readonly session: ComposerSession;
}

export interface PostHoldOptions {
  readonly adapters: readonly SiteAdapter[];
  readonly sessions: () => Iterable<ComposerSession>;
  /** Starts checking a field nobody focused; resolves with its session once there is one. */
  readonly attach: (found: FoundComposer) => Promise<ComposerSession | undefined>;
  /** Attached photos with "block" findings nobody has removed or kept yet. */
  readonly photos: PhotoHolds;
  /** Asks the person; resolves true for "Post anyway". */
  readonly confirm: (blocking: readonly BlockingFinding[], photos: readonly PhotoHold[]) => Promise<boolean>;
  readonly signal: AbortSignal;
}

/**
 * The pre-post check: a press on a post button (or Ctrl/Cmd+Enter in a composer) is held only while
 * a field of that post has an unchecked change or "block" findings, or an attached photo has
 * "block" findings the person has not answered, and sent again after "Post anyway". Only the
 * person's own presses count: a page script that presses Post itself would otherwise learn from the
 * hold which words of its draft a rule flags.
 */
export function postHold({ adapters, sessions, attach, photos, confirm, signal }: PostHoldOptions) {
  const hold = (event: Event, { checked, unchecked }: Post, resend: () => void) => {
    // Photo findings that arrive after this press do not hold it.
    const heldPhotos = photos.unresolved();
    if (heldPhotos.length === 0 && unchecked.length === 0 && checked.every((session) => !session.stale && session.blockFindings().length === 0)) {
      photos.posted();
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    void (async () => {
      const attached = await Promise.all(unchecked.map(attach));
      const post = [...checked, ...attached.filter((session) => session !== undefined)];
      await Promise.all(post.map((session) => session.settle()));
      const blocking = post.flatMap((session) => session.blockFindings().map(({ finding }) => ({ finding, field: session.field, session })));
      const photosLeft = heldPhotos.filter((photo) => photos.isOpen(photo));
      if ((blocking.length + photosLeft.length > 0 && !(await confirm(blocking, photosLeft))) || signal.aborted) return;
      photos.posted();
      resend();
    })();
  };

  /** The session nearest to `node` in the page's composed tree (shadow roots and frames included). */
  const nearest = (node: Node, candidates: readonly ComposerSession[]) => {
    let best: { session: ComposerSession; depth: number } | undefined;
    for (const session of candidates) {
      const depth = depthOf(commonAncestor(node, session.element));
      if (!best || depth > best.depth || (depth === best.depth && session.lastFocused > best.session.lastFocused)) best = { session, depth };
    }
    return best?.session;
  };

  /**
   * The fields a press at `node` posts: the nearest composer, the nearest field of each other kind
   * (its title), the profile's other fields for a save button, and, for a post button, the fields
   * around both that nobody focused but that hold text.
   */
  const postAt = (node: Node): Post => {
    const all = [...sessions()];
    const first = nearest(node, all);
    if (!first) return { checked: [], unchecked: [] };
    const others = new Set(all.map((session) => session.field).filter((field) => field !== first.field));
    const scope = node === first.element ? undefined : commonAncestor(node, first.element);
    // Saving a profile saves all its fields (a headline and an about).
    const profileFields = first.surface === 'bio' && scope ? all.filter((session) => session !== first && session.surface === 'bio' && composedContains(scope, session.element)) : [];
    const checked = [first, ...profileFields, ...[...others].flatMap((field) => nearest(first.element, all.filter((session) => session.field === field)) ?? [])];
    const unchecked = scope ? fieldsWithin(scope, adapters).filter(({ element }) => !all.some((session) => session.element === element) && hasText(element)) : [];
    return { checked, unchecked };
  };

  /** "Post anyway": the element the person pressed, clicked again (untrusted, so the hold lets it through). */
  const clickAgain = (pressed: Element) => {
    // An icon's svg (Threads' reply arrow) has no click(); a dispatched click reaches the button the same way.
    if (typeof (pressed as HTMLElement).click === 'function') (pressed as HTMLElement).click();
    else pressed.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
  };

  return {
    onClick(event: MouseEvent): void {
      if (!event.isTrusted) return;
      const path = event.composedPath();
      const button = postButtonOn(path, adapters);
      if (button && isElement(path[0])) hold(event, postAt(button), () => clickAgain(path[0] as Element));
    },
    /**
     * Ctrl/Cmd+Enter in `session` (Enter alone where the site posts on it), or Enter/Space on a post
     * button that is not a `<button>`; for the person's own keys only.
     */
    onKeydown(event: KeyboardEvent, session: ComposerSession | undefined): void {
      const enterPosts = (session: ComposerSession) => !event.shiftKey && !event.altKey && !!session.adapter.enterPosts && insideComposed(session.element, session.adapter.enterPosts);
      if (session && event.key === 'Enter' && (event.ctrlKey || event.metaKey || enterPosts(session))) {
        hold(event, postAt(session.element), () => session.element.dispatchEvent(new KeyboardEvent('keydown', event)));
        return;
      }
      const path = event.composedPath();
      if ((event.key !== 'Enter' && event.key !== ' ') || !isElement(path[0]) || path[0].tagName === 'BUTTON') return;
      const button = postButtonOn(path, adapters);
      if (button) hold(event, postAt(button), () => clickAgain(button));
    },
  };
}

/** The fields a press posts: those being checked, and those found only now. */
interface Post {
  readonly checked: readonly ComposerSession[];
  readonly unchecked: readonly FoundComposer[];
}

function hasText(element: HTMLElement): boolean {
  return !!(isTextField(element) ? element.value : element.textContent)?.trim();
}
