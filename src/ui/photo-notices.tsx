import { render } from 'preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { i18n } from '#i18n';
import { viewportOffset } from '../compose/dom';
import { formatPosition } from '../photos/describe';
import { locationItemsRemoved } from '../photos/report';
import type { PhotoCheckReply } from '../ml/messages';
import type { Cleaned, Uncleanable } from '../photos/uploads';
import type { RemoveOutcome } from '../uploads/attachments';

type PhotoFindings = Pick<NonNullable<PhotoCheckReply['report']>, 'findings' | 'unfinished'>;

/** How long a "removed location" (or "removed from the post") notice stays; the others wait for the person. */
const STATUS_NOTICE_MS = 8000;

/** The person's answers to what the photo checks found. */
export interface PhotoChoices {
  /** "Remove photo": takes it out of the page's composer, or says the person must. */
  remove(): Promise<RemoveOutcome>;
  /** "Keep", or "I removed it" once Sera has said it could not. */
  keep(): void;
}

/**
 * What a checked photo's notice sits beside: the photo's preview on the page (read again at each
 * placement: the page may render it anew), else the composer it was attached to.
 */
export interface NoticeAnchor {
  readonly preview?: () => Element;
  readonly composer?: Element;
}

/** A checked photo's notice: open, removing, or waiting for the person to remove it by hand. */
type Removal = 'open' | 'removing' | 'manual';

type Notice =
  | { readonly id: number; readonly kind: 'status'; readonly lines: string[] }
  | { readonly id: number; readonly kind: 'checked'; readonly name: string; readonly report: PhotoFindings; readonly removal: Removal; readonly remove: () => void; readonly keep: () => void; readonly anchor: NoticeAnchor }
  | { readonly id: number; readonly kind: 'held'; readonly held: Uncleanable; readonly answer: (attach: boolean) => void };

export interface PhotoNotices {
  cleaned(files: Cleaned[]): void;
  /** Resolves true for "Attach without cleaning", false for "Cancel". */
  askAttach(held: Uncleanable): Promise<boolean>;
  /**
   * What the photo checks found in a photo the page already has, beside `anchor`; stays until the
   * person chooses, or `close` (the photo left the page another way).
   */
  checked(name: string, report: PhotoFindings, choices: PhotoChoices, anchor: NoticeAnchor): { close(): void };
}

/**
 * Notices about photos, rendered into `container` (inside a closed shadow root) in the top layer
 * (popover), so page styles and stacking cannot hide them and page scripts cannot read them. A
 * checked photo's notice sits beside its preview (or composer); the others stack at the bottom right.
 */
export function photoNotices(container: HTMLElement): PhotoNotices {
  let notices: Notice[] = [];
  let nextId = 1;
  const update = (next: Notice[]) => {
    notices = next;
    render(<Notices notices={notices} />, container);
  };
  const dismiss = (id: number) => update(notices.filter((notice) => notice.id !== id));
  const status = (lines: string[]) => {
    const id = nextId++;
    update([...notices, { id, kind: 'status', lines }]);
    setTimeout(() => dismiss(id), STATUS_NOTICE_MS);
  };
  const setRemoval = (id: number, removal: Removal) => update(notices.map((notice) => (notice.id === id && notice.kind === 'checked' ? { ...notice, removal } : notice)));
  return {
    cleaned(files) {
      status(
        files.map(({ name, result }) => {
          if (locationItemsRemoved(result.removed) === 0) return i18n.t('notices.removedIdentifying', [name]);
          return result.found.position
            ? i18n.t('notices.removedPosition', [formatPosition(result.found.position), name])
            : i18n.t('notices.removedLocation', [name]);
        }),
      );
    },
    checked(name, report, choices, anchor) {
      const id = nextId++;
      const remove = async () => {
        setRemoval(id, 'removing');
        if ((await choices.remove()) === 'manual') return setRemoval(id, 'manual');
        dismiss(id);
        status([i18n.t('notices.removedFromPost', [name])]);
      };
      const keep = () => {
        choices.keep();
        dismiss(id);
      };
      update([...notices, { id, kind: 'checked', name, report, removal: 'open', remove: () => void remove(), keep, anchor }]);
      return { close: () => dismiss(id) };
    },
    askAttach(held) {
      return new Promise((resolve) => {
        const id = nextId++;
        const answer = (attach: boolean) => {
          dismiss(id);
          resolve(attach);
        };
        update([...notices, { id, kind: 'held', held, answer }]);
      });
    },
  };
}

function Notices({ notices }: { notices: Notice[] }) {
  const layer = useRef<HTMLDivElement>(null);
  const anchored = (notice: Notice) => notice.kind === 'checked' && !!(notice.anchor.preview || notice.anchor.composer);
  const stacked = notices.filter((notice) => !anchored(notice));
  useEffect(() => {
    const element = layer.current;
    if (!element) return;
    if (stacked.length > 0 && !element.matches(':popover-open')) element.showPopover();
    if (stacked.length === 0 && element.matches(':popover-open')) element.hidePopover();
    // A new held-back photo needs an answer: focus its safe choice (once the layer is shown).
    if (stacked.at(-1)?.kind === 'held') element.querySelector<HTMLElement>('.held:last-of-type .primary')?.focus();
  }, [stacked.length]);
  return (
    <>
      <style>{STYLE}</style>
      <div ref={layer} popover="manual" class="layer">
        {stacked.map((notice) =>
          notice.kind === 'status' ? (
            <StatusNotice key={notice.id} lines={notice.lines} />
          ) : notice.kind === 'checked' ? (
            <CheckedNotice key={notice.id} {...notice} />
          ) : (
            <HeldNotice key={notice.id} {...notice} />
          ),
        )}
      </div>
      {notices.map((notice) =>
        notice.kind === 'checked' && anchored(notice) ? (
          <Beside key={notice.id} anchor={notice.anchor}>
            <CheckedNotice {...notice} />
          </Beside>
        ) : null,
      )}
    </>
  );
}

/** Space between a notice and what it sits beside, and between a notice and the viewport's edge. */
const GAP = 8;

/**
 * A popover of its own beside the anchor: right of it, else left, else below, else above, kept in
 * the viewport. It moves with the page on scroll and resize (passive listeners, at most once a
 * frame) and when the anchor or the notice changes size; it never polls. Without an anchor on
 * screen it sits at the bottom right.
 */
function Beside({ anchor, children }: { anchor: NoticeAnchor; children: ComponentChildren }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current!;
    element.showPopover();
    let frame = 0;
    const resizes = new ResizeObserver(() => schedule());
    let observed: Element | undefined;
    const place = () => {
      frame = 0;
      const target = [anchor.preview?.(), anchor.composer].find((candidate) => candidate && shownRect(candidate));
      if (target !== observed) {
        if (observed) resizes.unobserve(observed);
        if (target) resizes.observe(target);
        observed = target;
      }
      element.classList.toggle('corner', !target);
      if (target) placeBeside(element, shownRect(target)!);
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(place);
    };
    const listeners = new AbortController();
    const views = new Set([window, ...[anchor.preview?.(), anchor.composer].flatMap((target) => target?.ownerDocument.defaultView ?? [])]);
    for (const view of views) {
      view.addEventListener('scroll', schedule, { capture: true, passive: true, signal: listeners.signal });
      view.addEventListener('resize', schedule, { passive: true, signal: listeners.signal });
    }
    resizes.observe(element);
    if (anchor.composer) resizes.observe(anchor.composer);
    place();
    return () => {
      listeners.abort();
      resizes.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [anchor]);
  return (
    <div ref={box} popover="manual" class="beside">
      {children}
    </div>
  );
}

/** Where `element` is in the viewport Sera draws in; undefined when it is gone or not rendered. */
function shownRect(element: Element): DOMRect | undefined {
  if (!element.isConnected) return undefined;
  const rect = element.getBoundingClientRect();
  if (rect.width === 0 && rect.height === 0) return undefined;
  const { x, y } = viewportOffset(element);
  return new DOMRect(rect.x + x, rect.y + y, rect.width, rect.height);
}

function placeBeside(notice: HTMLElement, target: DOMRect): void {
  const { width, height } = notice.getBoundingClientRect();
  const viewWidth = document.documentElement.clientWidth;
  const viewHeight = document.documentElement.clientHeight;
  let left = target.left;
  let top = target.top;
  if (target.right + GAP + width <= viewWidth - GAP) left = target.right + GAP;
  else if (target.left - GAP - width >= GAP) left = target.left - GAP - width;
  else if (target.bottom + GAP + height <= viewHeight - GAP) top = target.bottom + GAP;
  else top = target.top - GAP - height;
  notice.style.left = `${Math.round(Math.max(GAP, Math.min(left, viewWidth - width - GAP)))}px`;
  notice.style.top = `${Math.round(Math.max(GAP, Math.min(top, viewHeight - height - GAP)))}px`;
}

function StatusNotice({ lines }: { lines: string[] }) {
  return (
    <div class="notice" role="status" aria-live="polite">
      <strong>Sera</strong>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}

function CheckedNotice({ id, name, report, removal, remove, keep }: { id: number; name: string; report: PhotoFindings; removal: Removal; remove: () => void; keep: () => void }) {
  const titleId = `sera-checked-${id}`;
  const worst = report.findings.some((finding) => finding.severity === 'block') ? 'block' : report.findings.some((finding) => finding.severity === 'warn') ? 'warn' : 'info';
  return (
    <div class={`notice checked ${worst}`} role="status" aria-labelledby={titleId}>
      <strong id={titleId}>{i18n.t('notices.photoChecked', [name])}</strong>
      {report.findings.map((finding, i) => (
        <p key={i} class={finding.severity}>
          {finding.summary}
          {finding.message && <> ({finding.message})</>}
        </p>
      ))}
      {report.unfinished.length > 0 && <p>{i18n.t('notices.photoUnfinished', [report.unfinished.join(', ')])}</p>}
      {removal === 'manual' && <p role="alert">{i18n.t('notices.removeByHand', [name])}</p>}
      <div class="actions">
        {removal !== 'manual' && report.findings.length > 0 && (
          <button type="button" class="primary" onClick={remove} disabled={removal === 'removing'}>
            {i18n.t('notices.removePhoto')}
          </button>
        )}
        <button type="button" class={removal === 'manual' || report.findings.length === 0 ? 'primary' : undefined} onClick={keep} disabled={removal === 'removing'}>
          {removal === 'manual' ? i18n.t('notices.removedByHand') : i18n.t('notices.keep')}
        </button>
      </div>
    </div>
  );
}

function HeldNotice({ id, held, answer }: { id: number; held: Uncleanable; answer: (attach: boolean) => void }) {
  const titleId = `sera-held-${id}`;
  return (
    <div class="notice held" role="alertdialog" aria-labelledby={titleId} aria-describedby={`${titleId}-why`}>
      <strong id={titleId}>{i18n.t('notices.heldTitle', [held.file.name])}</strong>
      <p id={`${titleId}-why`}>
        {i18n.t('notices.heldBody')} ({held.result.reason})
      </p>
      <div class="actions">
        <button type="button" onClick={() => answer(true)}>
          {i18n.t('notices.attach')}
        </button>
        <button type="button" class="primary" onClick={() => answer(false)}>
          {i18n.t('notices.cancel')}
        </button>
      </div>
    </div>
  );
}

const STYLE = `
.layer { position: fixed; inset: auto 16px 16px auto; margin: 0; padding: 0; border: 0; background: transparent;
  overflow: visible; display: flex; flex-direction: column; gap: 8px; max-width: min(420px, calc(100vw - 32px)); }
.layer:not(:popover-open) { display: none; }
.beside { position: fixed; inset: auto; margin: 0; padding: 0; border: 0; background: transparent; overflow: visible;
  width: min(360px, calc(100vw - 16px)); }
.beside.corner { inset: auto 16px 16px auto; }
.notice { font: 14px/1.4 system-ui, sans-serif; color: #1b1d21; background: #fff; border: 1px solid #c9ced6;
  border-left: 4px solid #2f7d4f; border-radius: 8px; padding: 10px 14px; box-shadow: 0 4px 16px rgb(0 0 0 / 0.18); }
.notice.held, .notice.checked.block { border-left-color: #b3261e; }
.notice.checked.warn { border-left-color: #b26b00; }
.notice.checked.info { border-left-color: #2864d8; }
.notice p { margin: 4px 0 0; overflow-wrap: anywhere; }
.actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 10px; }
button { font: inherit; border-radius: 6px; padding: 6px 12px; border: 1px solid #8a919c; background: transparent; color: inherit; cursor: pointer; }
button.primary { background: #1b1d21; color: #fff; border-color: #1b1d21; }
button:disabled { opacity: 0.5; cursor: progress; }
button:focus-visible { outline: 2px solid #2864d8; outline-offset: 2px; }
@media (prefers-color-scheme: dark) {
  .notice { color: #e8eaed; background: #23262b; border-color: #464b53; }
  button.primary { background: #e8eaed; color: #1b1d21; border-color: #e8eaed; }
}
`;
