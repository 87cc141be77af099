import { i18n } from '#i18n';
import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Severity } from '../packs/schema';
import type { Box, ComposeLayer, ComposerView, ConfirmView, FindingView, LayerActions, LayerState } from '../compose/view';

/**
 * Sera's layer over the page: underlines, a badge per composer, cards and the pre-post dialog.
 * It lives in a closed shadow root in the top layer (popover), so page styles cannot hide it and
 * page scripts cannot read what it shows; it never puts anything inside an editor.
 */
export function mountComposeLayer(container: HTMLElement): ComposeLayer {
  const view = document.createElement('div');
  const mirrors = document.createElement('div');
  container.append(view, mirrors);
  const host = (container.getRootNode() as ShadowRoot).host;
  return {
    render: (state, actions) => render(<Layer state={state} actions={actions} />, view),
    mirrors,
    owns: (target) => target === host,
  };
}

function Layer({ state, actions }: { state: LayerState; actions: LayerActions }) {
  const layer = useRef<HTMLDivElement>(null);
  const visible = state.composers.some((view) => view.findings.length > 0 || view.failures.length > 0 || view.offers.length > 0);
  useEffect(() => {
    const element = layer.current!;
    if (visible !== element.matches(':popover-open')) element.togglePopover(visible);
  }, [visible]);
  return (
    <>
      <style>{STYLE}</style>
      <div ref={layer} popover="manual" class="layer">
        {state.composers.map((view) => (
          <Composer key={view.id} view={view} actions={actions} />
        ))}
      </div>
      {state.confirm && <Confirm view={state.confirm} />}
    </>
  );
}

function Composer({ view, actions }: { view: ComposerView; actions: LayerActions }) {
  if (view.findings.length === 0 && view.failures.length === 0 && view.offers.length === 0) return null;
  // A draft that could not be checked is never shown as clean: the badge says so.
  const worst = view.failures.length ? 'unchecked' : view.findings.length ? worstSeverity(view.findings.map(({ finding }) => finding.severity)) : 'offer';
  const panelId = `sera-panel-${view.id}`;
  const caretFinding = view.caretCard && !view.panelOpen && view.findings.find(({ key }) => key === view.caretCard!.key);
  return (
    <div class={view.dark ? 'dark' : 'light'}>
      <div class="clip" style={px(clipBox(view.box))}>
        {view.underlines.map((line, index) => (
          <div key={index} class={`underline ${line.severity}`} style={px({ left: line.left - view.box.left, top: line.top - view.box.top, width: line.width })} />
        ))}
      </div>
      <button
        type="button"
        class={`badge ${worst}`}
        style={px({ left: view.box.right - 34, top: view.box.bottom - 30 })}
        aria-label={view.failures.length ? i18n.t('unchecked.badge') : view.findings.length ? i18n.t('badge', view.findings.length) : i18n.t('offers.badge')}
        title={i18n.t('badgeHint')}
        aria-expanded={view.panelOpen}
        aria-controls={panelId}
        // A mouse press opens it at once, so a re-render before the release cannot swallow the click;
        // Enter and Space arrive as a click without a press (detail 0).
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          event.preventDefault();
          actions.setPanel(view.id, !view.panelOpen);
        }}
        onClick={(event) => event.detail === 0 && actions.setPanel(view.id, !view.panelOpen)}
      >
        {view.failures.length ? '!' : view.findings.length || '✓'}
      </button>
      {view.panelOpen && (
        <Panel id={panelId} view={view} actions={actions} />
      )}
      {caretFinding && (
        // Pressing on the card must not move the caret out of the span, which would close the card.
        <div class="floating" style={px({ left: view.caretCard!.left, top: view.caretCard!.top })} onMouseDown={(event) => event.preventDefault()}>
          <Card composer={view.id} item={caretFinding} view={view} actions={actions} />
        </div>
      )}
    </div>
  );
}

function Panel({ id, view, actions }: { id: string; view: ComposerView; actions: LayerActions }) {
  const panel = useRef<HTMLDivElement>(null);
  const focusFirstFix = () => (panel.current?.querySelector<HTMLElement>('.card button') ?? panel.current?.querySelector<HTMLElement>('.offer button'))?.focus();
  // Straight to the first finding's fix; Escape or the close button goes back to the draft.
  useEffect(focusFirstFix, []);
  // When a re-check removes the focused card, focus moves on to the next fix instead of getting lost.
  useEffect(() => {
    if (document.activeElement === document.body) focusFirstFix();
  }, [view.findings]);
  // Beside the composer where there is room, so that the site's own buttons under it stay reachable.
  const beside = view.box.right + 8 + PANEL_WIDTH <= innerWidth;
  const below = view.box.bottom + 8;
  const fitsBelow = below + 240 < innerHeight;
  const left = Math.max(8, view.box.right - PANEL_WIDTH);
  const position: Record<string, number> = beside
    ? { left: view.box.right + 8, top: Math.max(8, Math.min(view.box.top, innerHeight - 260)) }
    : fitsBelow
      ? { left, top: below }
      : { left, bottom: innerHeight - view.box.top + 8 };
  return (
    <div
      ref={panel}
      id={id}
      class="floating panel"
      role="dialog"
      aria-label={i18n.t('panelTitle')}
      style={px(position)}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        actions.setPanel(view.id, false);
      }}
    >
      <div class="panel-head">
        <strong>{i18n.t('panelTitle')}</strong>
        <button type="button" class="plain" aria-label={i18n.t('card.close')} onClick={() => actions.setPanel(view.id, false)}>
          ×
        </button>
      </div>
      {view.failures.map(({ packName, reason }) => (
        <p key={packName ?? ''} class="unchecked" role="alert">
          {packName ? i18n.t('unchecked.pack', [packName, reason ?? '']) : i18n.t('unchecked.all', [reason ?? ''])}
        </p>
      ))}
      {/* First: using an approved post answers the findings below it as well. */}
      {view.offers.length > 0 && <Offers view={view} actions={actions} />}
      {view.findings.map((item) => (
        <Card key={item.key} composer={view.id} item={item} view={view} actions={actions} />
      ))}
    </div>
  );
}

/** Approved posts about what the draft names: one press puts the post in place of the draft. */
function Offers({ view, actions }: { view: ComposerView; actions: LayerActions }) {
  return (
    <section class="offers" aria-label={i18n.t('offers.title')}>
      <p class="severity">{i18n.t('offers.title')}</p>
      {view.offerNote && <p class="note" role="status">{i18n.t(`offers.${view.offerNote}`)}</p>}
      {view.offers.map((offer) => (
        <div key={`${offer.packName}:${offer.id}`} class="offer">
          <p class="message">{offer.text}</p>
          <div class="actions">
            {view.offerNote !== 'failed' && (
              <button type="button" class="primary" onClick={() => actions.useOffer(view.id, offer.id, 'insert')}>
                {i18n.t('offers.use')}
              </button>
            )}
            <button type="button" onClick={() => actions.useOffer(view.id, offer.id, 'copy')}>
              {i18n.t('offers.copy')}
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}

/** An e-mail address becomes a mailto: link; links are used as they are. */
function escalationHref(contact: string): string {
  return /^(?:mailto:|https:)/.test(contact) ? contact : `mailto:${contact}`;
}

function Card({ composer, item, view, actions }: { composer: number; item: FindingView; view: ComposerView; actions: LayerActions }) {
  const { finding, fix, note } = item;
  const tooLong = fix.kind !== 'copy-only' ? fix.tooLong : undefined;
  return (
    <section class={`card ${finding.severity}`} aria-label={`${i18n.t(`severity.${finding.severity}`)}: ${finding.match}`}>
      <p class="severity">{i18n.t(`severity.${finding.severity}`)}</p>
      {view.field === 'title' && <p class="field">{i18n.t('card.inTitle')}</p>}
      <p class="message">{finding.message}</p>
      <p class="source">
        {finding.policyRef &&
          (finding.policyUrl ? (
            <a href={finding.policyUrl} target="_blank" rel="noreferrer noopener">
              {i18n.t('card.policy', [finding.policyRef])}
            </a>
          ) : (
            i18n.t('card.policy', [finding.policyRef])
          ))}
        {finding.policyRef && ' · '}
        {finding.packName}
      </p>
      {tooLong && <p class="note">{i18n.t('card.tooLong', [String(tooLong.length), view.siteName, String(tooLong.limit)])}</p>}
      {note && <p class="note" role="status">{i18n.t(`card.${note}`)}</p>}
      <div class="actions">
        {fix.kind !== 'copy-only' && note !== 'failed' && (
          <button type="button" class="primary" disabled={!!tooLong} onClick={() => actions.fix(composer, item.key)}>
            {fix.kind === 'remove' ? i18n.t('card.remove') : i18n.t(`card.${fix.kind}`, [fix.text])}
          </button>
        )}
        {(fix.kind === 'copy-only' || note === 'failed') && (
          <button type="button" class="primary" onClick={() => actions.copy(composer, item.key)}>
            {i18n.t('card.copy')}
          </button>
        )}
        {/* A work-talk finding is the model's guess: the person who knows says it is not about work. */}
        {finding.workTalk ? (
          <button type="button" onClick={() => actions.notAboutWork(composer, item.key)}>
            {i18n.t('card.notWork')}
          </button>
        ) : (
          <button type="button" onClick={() => actions.ignore(composer, item.key)}>
            {i18n.t('card.ignore')}
          </button>
        )}
        {finding.escalate && (
          <a class="button" href={escalationHref(finding.escalate.contact)} target="_blank" rel="noreferrer noopener">
            {finding.escalate.text}
          </a>
        )}
      </div>
    </section>
  );
}

function Confirm({ view }: { view: ConfirmView }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current!.showModal();
    dialog.current!.querySelector<HTMLElement>('.primary')!.focus();
  }, []);
  return (
    <dialog
      ref={dialog}
      class={`confirm ${view.dark ? 'dark' : 'light'}`}
      aria-labelledby="sera-confirm-title"
      aria-describedby="sera-confirm-intro"
      // Escape means "go back": the safe choice.
      onCancel={(event) => {
        event.preventDefault();
        view.answer(false);
      }}
    >
      <h2 id="sera-confirm-title">{i18n.t('dialog.title')}</h2>
      <p id="sera-confirm-intro">{i18n.t('dialog.intro')}</p>
      <ul>
        {view.findings.map(({ finding, field }, index) => (
          <li key={index}>
            <strong>“{finding.match}”</strong>
            {field === 'title' && ` ${i18n.t('dialog.inTitle')}`}: {finding.message}
            {finding.policyRef && <span class="source"> ({finding.policyRef})</span>}
          </li>
        ))}
        {view.photos.map((finding, index) => (
          <li key={`photo-${index}`}>
            <strong>{finding.summary}</strong>
            {finding.message && `: ${finding.message}`}
            {finding.policyRef && <span class="source"> ({finding.policyRef})</span>}
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" onClick={() => view.answer(true)}>
          {i18n.t('dialog.post')}
        </button>
        <button type="button" class="primary" onClick={() => view.answer(false)}>
          {i18n.t('dialog.back')}
        </button>
      </div>
    </dialog>
  );
}

const PANEL_WIDTH = 360;

const SEVERITY_ORDER: readonly Severity[] = ['info', 'warn', 'block'];

function worstSeverity(severities: readonly Severity[]): Severity {
  return severities.reduce((worst, next) => (SEVERITY_ORDER.indexOf(next) > SEVERITY_ORDER.indexOf(worst) ? next : worst), 'info');
}

function clipBox(box: Box) {
  return { left: box.left, top: box.top, width: box.right - box.left, height: box.bottom - box.top + 4 };
}

/** Pixel lengths as CSS (Preact 11 no longer adds "px" to numbers). */
function px(lengths: Record<string, number>): string {
  return Object.entries(lengths)
    .map(([name, value]) => `${name}:${value}px`)
    .join(';');
}

const STYLE = `
.layer { position: fixed; inset: 0; width: 100vw; height: 100vh; margin: 0; padding: 0; border: 0;
  background: transparent; overflow: visible; pointer-events: none; }
.layer:not(:popover-open) { display: none; }
.light { --fg: #1b1d21; --bg: #fff; --line: #c9ced6; --muted: #5f6670; --block: #c5221f; --warn: #b06000; --info: #1a73e8; }
.dark { --fg: #e8eaed; --bg: #23262b; --line: #464b53; --muted: #a6acb5; --block: #f28b82; --warn: #fdd663; --info: #8ab4f8; }
.clip { position: fixed; overflow: hidden; }
.underline { position: absolute; height: 3px; margin-top: -2px; border-radius: 2px; pointer-events: none;
  background: repeating-linear-gradient(135deg, var(--c) 0 2px, transparent 2px 4px); }
.underline.block { --c: var(--block); background: var(--block); opacity: .9; }
.underline.warn { --c: var(--warn); }
.underline.info { --c: var(--info); }
.badge { position: fixed; z-index: 1; pointer-events: auto; min-width: 26px; height: 24px; padding: 0 7px; border-radius: 12px;
  border: 0; font: 600 13px/24px system-ui, sans-serif; color: #fff; cursor: pointer; box-shadow: 0 1px 4px rgb(0 0 0 / .3); }
.badge.block { background: var(--block); } .badge.warn { background: var(--warn); } .badge.info { background: var(--info); }
.badge.unchecked { background: #6b7280; } .badge.offer { background: #15803d; }
.offers { font: 14px/1.4 system-ui, sans-serif; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; }
.offer + .offer { border-top: 1px solid var(--line); margin-top: 6px; padding-top: 6px; }
a.button { display: inline-block; padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; color: inherit; text-decoration: none; }
.unchecked { margin: 0 4px; padding: 6px 8px; border-left: 3px solid #6b7280; }
.dark .badge { color: #1b1d21; }
.floating { position: fixed; pointer-events: auto; width: min(360px, calc(100vw - 16px)); }
.panel { max-height: min(60vh, 520px); overflow: auto; background: var(--bg); color: var(--fg); border: 1px solid var(--line);
  border-radius: 10px; box-shadow: 0 6px 24px rgb(0 0 0 / .22); padding: 8px; display: flex; flex-direction: column; gap: 8px;
  font: 14px/1.4 system-ui, sans-serif; }
.panel-head { display: flex; justify-content: space-between; align-items: center; padding: 0 4px; }
.card { font: 14px/1.4 system-ui, sans-serif; color: var(--fg); background: var(--bg); border: 1px solid var(--line);
  border-left: 4px solid var(--c); border-radius: 8px; padding: 8px 12px; box-shadow: 0 4px 16px rgb(0 0 0 / .16); }
.card.block { --c: var(--block); } .card.warn { --c: var(--warn); } .card.info { --c: var(--info); }
.card p { margin: 2px 0; overflow-wrap: anywhere; }
.severity { font-weight: 600; color: var(--c); }
.source, .note, .field { color: var(--muted); font-size: 13px; }
a { color: inherit; }
.actions { display: flex; gap: 8px; justify-content: flex-end; flex-wrap: wrap; margin-top: 8px; }
button { font: inherit; border-radius: 6px; padding: 5px 10px; border: 1px solid var(--line); background: transparent; color: inherit; cursor: pointer; }
button.primary { background: var(--fg); color: var(--bg); border-color: var(--fg); }
button:disabled { opacity: .5; cursor: not-allowed; }
button.plain { border: 0; font-size: 18px; padding: 0 6px; }
button:focus-visible, a:focus-visible { outline: 2px solid var(--info); outline-offset: 2px; }
.confirm { font: 14px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); border: 1px solid var(--line);
  border-radius: 12px; max-width: min(480px, calc(100vw - 32px)); padding: 18px 20px; }
.confirm::backdrop { background: rgb(0 0 0 / .45); }
.confirm h2 { font-size: 17px; margin: 0 0 8px; }
.confirm ul { padding-left: 18px; }
`;
