import { defineContentScript } from '#imports';
import { browser } from 'wxt/browser';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { guardComposers, type ComposeGuard } from '../src/compose/guard';
import { PhotoHolds } from '../src/compose/photo-holds';
import type { ComposeLayer } from '../src/compose/view';
import { checkDraft, managedSummary, type TabStatus, type TabStatusRequest } from '../src/compose/messages';
import { checkPhotosAfterUpload } from '../src/ml/content';
import { prepareUploads } from '../src/photos/uploads';
import { adaptersFor } from '../src/sites';
import { SITE_MATCHES } from '../src/sites/matches';
import { disabledSites, siteKey } from '../src/sites/site-settings';
import { mountComposeLayer } from '../src/ui/compose-layer';
import { photoNotices, type PhotoNotices } from '../src/ui/photo-notices';
import { pageAttachments } from '../src/uploads/attachments';
import { guardUploads } from '../src/uploads/guard';
import { photoMode } from '../src/uploads/photo-mode';

export default defineContentScript({
  matches: SITE_MATCHES,
  // Upload events are caught at window before any page script has registered its own listeners.
  runAt: 'document_start',
  allFrames: true,
  main(ctx) {
    const site = location.hostname;
    // Each layer is created on first use: most pages never upload a photo or show a finding.
    const layer = <T>(name: string, onMount: (container: HTMLElement) => T) => {
      let mounted: Promise<T> | undefined;
      return () =>
        (mounted ??= createShadowRootUi(ctx, { name, position: 'inline', anchor: 'body', mode: 'closed', onMount }).then((ui) => {
          ui.mount();
          return ui.mounted!;
        }));
    };
    const showNotices = layer<PhotoNotices>('sera-photo-notices', photoNotices);
    const composeLayer = layer<ComposeLayer>('sera-compose', mountComposeLayer);

    // Photos whose checks found "block" findings hold Post, as such findings in a draft do.
    const photoHolds = new PhotoHolds();
    const uploads = guardUploads(async (files, input, target) => {
      const { mode } = await photoMode();
      const prepared = await prepareUploads(files, mode, {
        attachUncleaned: async (held) => (await showNotices()).askAttach(held),
        reportCleaned: (cleaned) => void showNotices().then((ui) => ui.cleaned(cleaned)),
      });
      // Location removal comes first and alone decides what the page gets; the checks follow.
      checkPhotosAfterUpload(attachments.record(prepared, input, target), { site, notices: showNotices, holds: photoHolds, attachments, signal: ctx.signal });
      return prepared;
    }, ctx.signal);
    const attachments = pageAttachments(adaptersFor(site), uploads.setFiles);

    // Draft checks run unless the person turned them off for this site (where the organisation
    // allows that); the switch applies at once.
    let running: { guard: ComposeGuard; stop: AbortController } | undefined;
    const userMayDisable = managedSummary().then((settings) => settings.allowUserDisable);
    // A same-origin child frame's composers are guarded by the frame above it, which draws over it.
    const guardsComposers = window === window.top || !parentIsSameOrigin();
    const apply = async (disabled: readonly string[]) => {
      // The background's answer is awaited only for a site the person turned off: elsewhere the
      // guard starts at once, even while the background is still starting.
      const off = !guardsComposers || (disabled.includes(siteKey(site)) && (await userMayDisable));
      if (off && running) {
        running.stop.abort();
        running = undefined;
      } else if (!off && !running && !ctx.signal.aborted) {
        const stop = new AbortController();
        ctx.signal.addEventListener('abort', () => stop.abort());
        const guard = guardComposers({ adapters: adaptersFor(site), check: (text, surface, notAboutWork) => checkDraft(text, site, { surface, notAboutWork }), layer: composeLayer, photos: photoHolds, signal: stop.signal });
        running = { guard, stop };
      }
    };
    void disabledSites.getValue().then(apply);
    const unwatch = disabledSites.watch((disabled) => void apply(disabled));
    ctx.signal.addEventListener('abort', unwatch);

    // The popup asks the top frame's script how this tab is doing: counts only.
    if (window === window.top) {
      const onMessage = (message: TabStatusRequest, _sender: unknown, reply: (status: TabStatus) => void) => {
        if (message?.type !== 'sera:tab-status') return;
        reply({ active: !!running, site: siteKey(site), findings: running?.guard.findingCount() ?? 0 });
      };
      browser.runtime.onMessage.addListener(onMessage);
      ctx.signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage));
    }
  },
});

function parentIsSameOrigin(): boolean {
  try {
    return !!window.parent.document;
  } catch {
    return false;
  }
}
