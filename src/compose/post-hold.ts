import type { PackFinding } from '../packs/active';
import type { SiteAdapter } from '../sites/adapter';
import { commonAncestor, depthOf, isElement } from './dom';
import { postButtonOn } from './find';
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
  /** Asks the person; resolves true for "Post anyway". */
  readonly confirm: (blocking: readonly BlockingFinding[]) => Promise<boolean>;
  readonly signal: AbortSignal;
}

/**
 * The pre-post check: a press on a post button (or Ctrl/Cmd+Enter in a composer) is held only while
 * a field of that post has an unchecked change or "block" findings, and sent again after "Post
 * anyway". Only the person's own presses count: a page script that presses Post itself would
 * otherwise learn from the hold which words of its draft a rule flags.
 */
export function postHold({ adapters, sessions, confirm, signal }: PostHoldOptions) {
  const hold = (event: Event, post: readonly ComposerSession[], resend: () => void) => {
    if (post.every((session) => !session.stale && session.blockFindings().length === 0)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    void (async () => {
      await Promise.all(post.map((session) => session.settle()));
      const blocking = post.flatMap((session) => session.blockFindings().map(({ finding }) => ({ finding, field: session.field, session })));
      if ((blocking.length === 0 || (await confirm(blocking))) && !signal.aborted) resend();
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

  /** The fields a press at `node` posts: the nearest composer, and the nearest field of each other kind (its title). */
  const postAt = (node: Node): ComposerSession[] => {
    const all = [...sessions()];
    const first = nearest(node, all);
    if (!first) return [];
    const others = new Set(all.map((session) => session.field).filter((field) => field !== first.field));
    return [first, ...[...others].flatMap((field) => nearest(first.element, all.filter((session) => session.field === field)) ?? [])];
  };

  /** "Post anyway": the element the person pressed, clicked again (untrusted, so the hold lets it through). */
  const clickAgain = (pressed: HTMLElement) => pressed.click();

  return {
    onClick(event: MouseEvent): void {
      if (!event.isTrusted) return;
      const path = event.composedPath();
      const button = postButtonOn(path, adapters);
      if (button && isElement(path[0])) hold(event, postAt(button), () => clickAgain(path[0] as HTMLElement));
    },
    /** Ctrl/Cmd+Enter in `session`, or Enter/Space on a post button that is not a `<button>`. */
    onKeydown(event: KeyboardEvent, session: ComposerSession | undefined): void {
      if (!event.isTrusted) return;
      if (session && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
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
