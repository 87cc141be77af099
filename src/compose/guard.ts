import type { PackFinding } from '../packs/active';
import { withFix } from '../policy/engine';
import type { SiteAdapter } from '../sites/adapter';
import {
  renderComposeLayer,
  type ComposerView,
  type ConfirmView,
  type FindingView,
  type FixAction,
  type LayerActions,
} from '../ui/compose-layer';
import { editorFor } from './editor';
import { applyEdit } from './fixes';
import { ComposerSession, type CheckDraft, type TrackedFinding } from './session';

export interface ComposeGuardOptions {
  /** The page's adapters, most specific first. */
  readonly adapters: readonly SiteAdapter[];
  readonly check: CheckDraft;
  /** Sera's layer: a container inside a closed shadow root, created on first need. */
  readonly layer: () => Promise<HTMLElement>;
  readonly signal: AbortSignal;
}

export interface ComposeGuard {
  /** Findings in the composer the person used last, for the popup: a count, never text. */
  findingCount(): number;
}

type Note = NonNullable<FindingView['note']>;

/**
 * Checks every composer the person focuses: underlines and a badge while they write, a card with
 * the fix, and a confirmation before posting a draft with "block" findings. Composers are found
 * through focus (no page-wide observers or polling); each is watched only while it exists.
 */
export function guardComposers({ adapters, check, layer, signal }: ComposeGuardOptions): ComposeGuard {
  const sessions = new Map<HTMLElement, ComposerSession>();
  const notes = new Map<string, Note>();
  const openPanels = new Set<number>();
  let confirm: ConfirmView | undefined;
  /** Inside Sera's shadow root: `view` is Preact's; `mirrors` holds the textarea mirrors, apart from it. */
  let parts: { view: HTMLElement; mirrors: HTMLElement } | undefined;
  let partsCreated: Promise<NonNullable<typeof parts>> | undefined;
  const layerParts = () =>
    (partsCreated ??= layer().then((container) => {
      parts = { view: document.createElement('div'), mirrors: document.createElement('div') };
      container.append(parts.view, parts.mirrors);
      return parts;
    }));
  let nextId = 1;
  let frame = 0;

  // Also told when a composer leaves the document: the redraw then drops its session.
  const visibility = new IntersectionObserver(() => redraw());
  const resizes = new ResizeObserver(() => redraw());

  const drop = (element: HTMLElement) => {
    const session = sessions.get(element);
    if (!session) return;
    session.dispose();
    sessions.delete(element);
    openPanels.delete(session.id);
    visibility.unobserve(element);
    resizes.unobserve(element);
  };

  const attach = async (element: HTMLElement, adapter: SiteAdapter) => {
    const existing = sessions.get(element);
    if (existing) {
      existing.lastFocused = performance.now();
      return;
    }
    const { mirrors } = await layerParts();
    if (signal.aborted || sessions.has(element) || !element.isConnected) return;
    const session = new ComposerSession(nextId++, editorFor(element, mirrors), adapter, check, redraw);
    sessions.set(element, session);
    visibility.observe(element);
    resizes.observe(element);
  };

  const composerAt = (target: EventTarget | undefined): [HTMLElement, SiteAdapter] | undefined => {
    if (!(target instanceof Element)) return undefined;
    for (const adapter of adapters) {
      const element = target.closest<HTMLElement>(adapter.composer);
      if (element) return [element, adapter];
    }
    return undefined;
  };

  const sessionContaining = (target: EventTarget | undefined) => {
    if (!(target instanceof Node)) return undefined;
    for (const [element, session] of sessions) if (element.contains(target)) return session;
    return undefined;
  };

  function redraw(): void {
    if (frame || signal.aborted) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (!parts || signal.aborted) return;
      for (const element of [...sessions.keys()]) if (!element.isConnected) drop(element);
      renderComposeLayer(parts.view, { composers: [...sessions.values()].map(view), confirm }, actions);
    });
  }

  const view = (session: ComposerSession): ComposerView => {
    const findings = session.visibleFindings();
    const box = session.element.getBoundingClientRect();
    const underlines = findings.flatMap(({ finding, span }) =>
      span.rects().filter((rect) => rect.width > 0).map((rect) => ({ left: rect.left, top: rect.bottom, width: rect.width, severity: finding.severity })),
    );
    const underCaret = session.caretMoved ? findings.find(({ span }) => span.holdsCaret()) : undefined;
    const caretRect = underCaret?.span.rects().at(-1);
    return {
      id: session.id,
      siteName: session.adapter.name,
      box,
      dark: darkTheme(session.element),
      underlines,
      findings: findings.map((tracked) => findingView(session, tracked)),
      failures: session.failures,
      ...(underCaret && caretRect ? { caretCard: { key: underCaret.key, left: Math.min(caretRect.left, innerWidth - 368), top: caretRect.bottom + 6 } } : {}),
      panelOpen: openPanels.has(session.id),
    };
  };

  const findingView = (session: ComposerSession, { key, finding }: TrackedFinding): FindingView => {
    const note = notes.get(noteKey(session, key));
    return { key, finding, fix: fixAction(session, finding), ...(note ? { note } : {}) };
  };

  const fixAction = (session: ComposerSession, finding: PackFinding): FixAction => {
    if (!session.editor.editable) return { kind: 'copy-only' };
    const { replacement } = finding.fix;
    if (finding.kind !== 'disclaimer') return replacement ? { kind: 'replace', text: replacement } : { kind: 'remove', text: '' };
    const length = [...withFix(session.checkedText, finding.fix)].length;
    const limit = session.adapter.maxLength;
    return { kind: 'append', text: replacement.trim(), ...(limit && length > limit ? { tooLong: { length, limit } } : {}) };
  };

  const sessionById = (id: number) => [...sessions.values()].find((session) => session.id === id);

  const tracked = (id: number, key: string) => {
    const session = sessionById(id);
    const item = session?.visibleFindings().find((candidate) => candidate.key === key);
    return session && item ? { session, item } : undefined;
  };

  const setNote = (session: ComposerSession, key: string, note: Note | undefined) => {
    if (note) notes.set(noteKey(session, key), note);
    else notes.delete(noteKey(session, key));
    redraw();
  };

  const actions: LayerActions = {
    async fix(id, key) {
      const found = tracked(id, key);
      if (!found) return;
      const { session, item } = found;
      openPanels.delete(id);
      const outcome = await applyEdit(session.editor, session.checkedText, item.finding.fix);
      setNote(session, key, outcome === 'applied' ? undefined : outcome);
      if (outcome === 'changed') openPanels.add(id);
    },
    ignore(id, key) {
      const found = tracked(id, key);
      found?.session.ignore(key);
      if (found && found.session.visibleFindings().length === 0) restoreFocus(found.session, id);
    },
    async copy(id, key) {
      const found = tracked(id, key);
      if (!found) return;
      await navigator.clipboard.writeText(withFix(found.session.checkedText, found.item.finding.fix));
      setNote(found.session, key, 'copied');
    },
    setPanel(id, open) {
      if (open) openPanels.add(id);
      else {
        const session = sessionById(id);
        if (session) restoreFocus(session, id);
      }
      redraw();
    },
  };

  const restoreFocus = (session: ComposerSession, id: number) => {
    openPanels.delete(id);
    session.element.focus({ preventScroll: true });
    redraw();
  };

  /** Resolves true when posting may go ahead: no "block" findings, or the person confirmed. */
  const mayPost = async (session: ComposerSession): Promise<boolean> => {
    await session.settle();
    const blocking = session.blockFindings().map(({ finding }) => finding);
    if (blocking.length === 0) return true;
    const post = await new Promise<boolean>((answer) => {
      confirm = { dark: darkTheme(session.element), findings: blocking, answer };
      redraw();
    });
    confirm = undefined;
    redraw();
    if (!post) session.element.focus({ preventScroll: true });
    return post;
  };

  /** Holds a posting event when the draft may need confirming; `resend` posts after all. */
  const holdPosting = (event: Event, session: ComposerSession, resend: () => void) => {
    if (!session.stale && session.blockFindings().length === 0) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    void mayPost(session).then((post) => {
      if (post && !signal.aborted) resend();
    });
  };

  const postButtonAt = (target: EventTarget | undefined): HTMLElement | undefined => {
    if (!(target instanceof Element)) return undefined;
    for (const adapter of adapters) {
      const button = target.closest<HTMLElement>(adapter.postButton);
      if (button && (!adapter.postLabel || adapter.postLabel.test(button.textContent?.trim() ?? ''))) return button;
    }
    return undefined;
  };

  /** The composer a post button belongs to: the one sharing the deepest ancestor with it. */
  const sessionForButton = (button: HTMLElement): ComposerSession | undefined => {
    let best: { session: ComposerSession; depth: number } | undefined;
    for (const session of sessions.values()) {
      const depth = depthOf(commonAncestor(button, session.element));
      if (!best || depth > best.depth || (depth === best.depth && session.lastFocused > best.session.lastFocused)) best = { session, depth };
    }
    return best?.session;
  };

  /** "Post anyway": the site's own button, clicked once more; the hold lets a script's click through. */
  const clickAgain = (button: HTMLElement) => button.click();

  const options = { capture: true, signal };
  addEventListener(
    'focusin',
    (event) => {
      const found = composerAt(event.composedPath()[0]);
      if (found) void attach(...found);
      redraw();
    },
    options,
  );
  // Only the person's own presses are held: a page script that clicks Post (or presses keys) itself
  // would otherwise learn from the hold which words of its draft a rule flags.
  addEventListener(
    'click',
    (event) => {
      if (!event.isTrusted) return;
      const button = postButtonAt(event.composedPath()[0]);
      if (!button) return;
      const session = sessionForButton(button);
      if (session) holdPosting(event, session, () => clickAgain(button));
    },
    options,
  );
  addEventListener(
    'keydown',
    (event) => {
      if (!event.isTrusted || event.isComposing || event.keyCode === 229) return; // IME composition owns these keys
      const target = event.composedPath()[0];
      const session = sessionContaining(target);
      if (session) session.caretMoved = CARET_KEYS.has(event.key);
      if (session && event.altKey && event.shiftKey && event.code === 'KeyS') {
        event.preventDefault();
        event.stopImmediatePropagation();
        if (session.visibleFindings().length > 0) actions.setPanel(session.id, true);
        return;
      }
      if (session && event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        holdPosting(event, session, () => session.element.dispatchEvent(new KeyboardEvent('keydown', event)));
        return;
      }
      // Enter or Space on a post button that is a div with role=button.
      const button = (event.key === 'Enter' || event.key === ' ') && !(target instanceof HTMLButtonElement) ? postButtonAt(target) : undefined;
      const owner = button && sessionForButton(button);
      if (button && owner) holdPosting(event, owner, () => clickAgain(button));
    },
    options,
  );
  // A press anywhere outside Sera's layer closes open panels (events inside it reach the page retargeted to its host).
  addEventListener(
    'pointerdown',
    (event) => {
      if (openPanels.size === 0 || event.composedPath()[0] === (parts?.view.getRootNode() as ShadowRoot | undefined)?.host) return;
      openPanels.clear();
      redraw();
    },
    options,
  );
  addEventListener(
    'pointerup',
    (event) => {
      const session = sessionContaining(event.composedPath()[0]);
      if (!session) return;
      session.caretMoved = true;
      redraw();
    },
    options,
  );
  addEventListener('scroll', () => redraw(), { capture: true, passive: true, signal });
  addEventListener('resize', () => redraw(), { passive: true, signal });
  document.addEventListener('selectionchange', () => sessions.size > 0 && redraw(), { signal });

  // A composer that already has focus when Sera starts (a reload, or Sera turned on again).
  const focused = composerAt(deepActiveElement());
  if (focused) void attach(...focused);

  signal.addEventListener('abort', () => {
    for (const element of [...sessions.keys()]) drop(element);
    visibility.disconnect();
    resizes.disconnect();
    cancelAnimationFrame(frame);
    if (parts) renderComposeLayer(parts.view, { composers: [] }, actions);
  });

  return {
    findingCount() {
      const latest = [...sessions.values()].sort((a, b) => b.lastFocused - a.lastFocused)[0];
      return latest?.visibleFindings().length ?? 0;
    },
  };
}

const CARET_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

function noteKey(session: ComposerSession, key: string): string {
  return `${session.id}\u0000${key}`;
}

function commonAncestor(a: Node, b: Node): Node | null {
  const ancestors = new Set<Node>();
  for (let node: Node | null = a; node; node = node.parentNode) ancestors.add(node);
  for (let node: Node | null = b; node; node = node.parentNode) if (ancestors.has(node)) return node;
  return null;
}

function depthOf(node: Node | null): number {
  let depth = 0;
  for (let current = node; current; current = current.parentNode) depth++;
  return depth;
}

function deepActiveElement(): Element | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active ?? undefined;
}

/** Light text means a dark page theme (sites have their own dark modes, apart from the system's). */
function darkTheme(composer: HTMLElement): boolean {
  const [r = 0, g = 0, b = 0] = getComputedStyle(composer).color.match(/\d+(\.\d+)?/g)?.map(Number) ?? [];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 140;
}
