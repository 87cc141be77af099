import type { PackCheck } from '../packs/active';
import type { Surface } from '../packs/schema';
import { withFix } from '../policy/fix';
import type { SiteAdapter } from '../sites/adapter';
import { composerView, darkTheme, OFFER_NOTE, type Note } from './composer-view';
import { composedContains, focusChain, sameOriginWindow } from './dom';
import { editorFor } from './editor';
import { composerAt, type FoundComposer } from './find';
import { applyEdit } from './fixes';
import type { PhotoHold, PhotoHolds } from './photo-holds';
import { postHold, type BlockingFinding } from './post-hold';
import { ComposerSession, type CheckDraft } from './session';
import type { ComposeLayer, ConfirmView, LayerActions } from './view';

export interface ComposeGuardOptions {
  /** The page's adapters, most specific first. */
  readonly adapters: readonly SiteAdapter[];
  /** Checks a draft for where it goes: a post, a reply, a profile field. */
  readonly check: (text: string, surface: Surface, notAboutWork: readonly number[]) => Promise<PackCheck>;
  /** Sera's layer, created on first need. */
  readonly layer: () => Promise<ComposeLayer>;
  /** Attached photos whose "block" findings hold Post too. */
  readonly photos: PhotoHolds;
  readonly signal: AbortSignal;
}

export interface ComposeGuard {
  /** Findings in the composer the person used last, for the popup: a count, never text. */
  findingCount(): number;
}

/**
 * Checks every composer the person focuses: underlines and a badge while they write, a card with
 * the fix, and a confirmation before posting a draft with "block" findings. Composers are found
 * through focus, whose events cross open shadow roots; same-origin frames are joined when focus
 * enters them. There are no page-wide observers or polling; each composer is watched only while it exists.
 */
export function guardComposers({ adapters, check, layer: createLayer, photos, signal }: ComposeGuardOptions): ComposeGuard {
  const sessions = new Map<HTMLElement, ComposerSession>();
  const notes = new Map<string, Note>();
  const openPanels = new Set<number>();
  let confirm: ConfirmView | undefined;
  let layer: ComposeLayer | undefined;
  let layerCreated: Promise<ComposeLayer> | undefined;
  const ensureLayer = () => (layerCreated ??= createLayer().then((created) => (layer = created)));
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

  const attach = async ({ element, adapter, field, surface }: FoundComposer): Promise<ComposerSession | undefined> => {
    const existing = sessions.get(element);
    if (existing) {
      existing.lastFocused = performance.now();
      return existing;
    }
    const { mirrors } = await ensureLayer();
    if (signal.aborted || !element.isConnected) return undefined;
    if (sessions.has(element)) return sessions.get(element);
    // A post's disclaimer goes in its body, so a title is not asked for one.
    const checkSurface: CheckDraft = (text, notAboutWork) => check(text, surface, notAboutWork);
    const checkField: CheckDraft =
      field === 'title' ? async (text, notAboutWork) => {
        const result = await checkSurface(text, notAboutWork);
        return { ...result, findings: result.findings.filter((finding) => finding.kind !== 'disclaimer') };
      } : checkSurface;
    const session = new ComposerSession(nextId++, editorFor(element, mirrors), adapter, field, surface, checkField, redraw);
    sessions.set(element, session);
    visibility.observe(element);
    resizes.observe(element);
    return session;
  };

  const sessionContaining = (target: EventTarget | undefined) => {
    if (!(target as Node | undefined)?.nodeType) return undefined;
    for (const [element, session] of sessions) if (composedContains(element, target as Node)) return session;
    return undefined;
  };

  function redraw(): void {
    if (frame || signal.aborted) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (!layer || signal.aborted) return;
      // Gone from the page, or in a frame that was removed or navigated away.
      for (const element of [...sessions.keys()]) if (!element.isConnected || !element.ownerDocument.defaultView) drop(element);
      const views = [...sessions.values()].map((session) => composerView(session, (key) => notes.get(noteKey(session, key)), openPanels.has(session.id)));
      layer.render({ composers: views, confirm }, actions);
    });
  }

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
    notAboutWork(id, key) {
      const found = tracked(id, key);
      found?.session.dismissWorkTalk(key);
      if (found && found.session.visibleFindings().length === 0) restoreFocus(found.session, id);
    },
    async copy(id, key) {
      const found = tracked(id, key);
      if (!found) return;
      await navigator.clipboard.writeText(withFix(found.session.checkedText, found.item.finding.fix));
      setNote(found.session, key, 'copied');
    },
    async useOffer(id, offerId, how) {
      const session = sessionById(id);
      const offer = session?.offers.find((candidate) => candidate.id === offerId);
      if (!session || !offer) return;
      if (how === 'copy' || !session.editor.editable) {
        await navigator.clipboard.writeText(offer.text);
        setNote(session, OFFER_NOTE, 'copied');
        return;
      }
      const outcome = await applyEdit(session.editor, session.checkedText, { label: '', start: 0, end: session.checkedText.length, replacement: offer.text });
      setNote(session, OFFER_NOTE, outcome === 'applied' ? undefined : outcome);
      if (outcome === 'applied') restoreFocus(session, id);
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

  /** Asks "Post anyway?"; going back puts the caret in the first field with a finding. */
  const askToPost = async (blocking: readonly BlockingFinding[], heldPhotos: readonly PhotoHold[]): Promise<boolean> => {
    const first = blocking[0]?.session;
    // A post of photos alone may have no composer the person used: the layer is made now.
    await ensureLayer();
    const post = await new Promise<boolean>((answer) => {
      const findings = blocking.map(({ finding, field }) => ({ finding, field }));
      confirm = { dark: darkTheme(first?.element ?? document.body), findings, photos: heldPhotos.flatMap((photo) => photo.findings), answer };
      redraw();
    });
    confirm = undefined;
    redraw();
    // After the redraw has closed the modal dialog: until then the page is inert and cannot take focus.
    if (!post && first) requestAnimationFrame(() => first.element.focus({ preventScroll: true }));
    return post;
  };

  const hold = postHold({ adapters, sessions: () => sessions.values(), attach, photos, confirm: askToPost, signal });

  const attachFocused = () => {
    const found = composerAt(focusChain(document).at(-1), adapters);
    if (found) void attach(found);
  };

  /** The page's events, from the top window and from each same-origin frame focus enters. */
  const joined = new WeakSet<Window>();
  const join = (view: Window) => {
    if (joined.has(view)) return;
    joined.add(view);
    const options = { capture: true, signal };
    view.addEventListener(
      'focusin',
      (event) => {
        const found = composerAt(event.composedPath()[0], adapters);
        if (found) void attach(found);
        redraw();
      },
      options,
    );
    // Focus moving into a frame only blurs the window it leaves: once it has landed, join the frames on its way.
    view.addEventListener('blur', (event) => event.target === view && setTimeout(joinFocusedFrames), options);
    view.addEventListener('click', (event) => hold.onClick(event), options);
    view.addEventListener(
      'keydown',
      (event) => {
        // A page script's keys are not the person's (and must not probe the hold); IME composition owns its keys.
        if (!event.isTrusted || event.isComposing || event.keyCode === 229) return;
        const session = sessionContaining(event.composedPath()[0]);
        if (session) session.caretMoved = CARET_KEYS.has(event.key);
        if (session && event.altKey && event.shiftKey && event.code === 'KeyS') {
          event.preventDefault();
          event.stopImmediatePropagation();
          if (session.visibleFindings().length > 0) actions.setPanel(session.id, true);
          return;
        }
        hold.onKeydown(event, session);
      },
      options,
    );
    // A press anywhere outside Sera's layer closes open panels.
    view.addEventListener(
      'pointerdown',
      (event) => {
        if (openPanels.size === 0 || layer?.owns(event.composedPath()[0])) return;
        openPanels.clear();
        redraw();
      },
      options,
    );
    view.addEventListener(
      'pointerup',
      (event) => {
        const session = sessionContaining(event.composedPath()[0]);
        if (!session) return;
        session.caretMoved = true;
        redraw();
      },
      options,
    );
    view.addEventListener('scroll', () => redraw(), { capture: true, passive: true, signal });
    view.addEventListener('resize', () => redraw(), { passive: true, signal });
    view.document.addEventListener('selectionchange', () => sessions.size > 0 && redraw(), { signal });
  };
  const joinFocusedFrames = () => {
    if (signal.aborted) return;
    for (const element of focusChain(document)) {
      const frameWindow = sameOriginWindow(element);
      if (frameWindow) join(frameWindow);
    }
    attachFocused();
  };
  join(window);

  // A composer that already has focus when Sera starts (a reload, or Sera turned on again).
  attachFocused();

  signal.addEventListener('abort', () => {
    for (const element of [...sessions.keys()]) drop(element);
    visibility.disconnect();
    resizes.disconnect();
    cancelAnimationFrame(frame);
    layer?.render({ composers: [] }, actions);
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
