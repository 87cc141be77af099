import { defineContentScript } from '#imports';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { prepareUploads } from '../src/photos/uploads';
import { SITE_MATCHES } from '../src/sites/matches';
import { photoNotices, type PhotoNotices } from '../src/ui/photo-notices';
import { guardUploads } from '../src/uploads/guard';
import { photoMode } from '../src/uploads/photo-mode';

export default defineContentScript({
  matches: SITE_MATCHES,
  // Upload events are caught at window before any page script has registered its own listeners.
  runAt: 'document_start',
  allFrames: true,
  main(ctx) {
    let notices: Promise<PhotoNotices> | undefined;
    // The notice layer is created on first use: most pages never upload a photo.
    const showNotices = () =>
      (notices ??= createShadowRootUi(ctx, {
        name: 'sera-photo-notices',
        position: 'inline',
        anchor: 'body',
        mode: 'closed',
        onMount: (container) => photoNotices(container),
      }).then((ui) => {
        ui.mount();
        return ui.mounted!;
      }));

    guardUploads(async (files) => {
      const { mode } = await photoMode();
      return prepareUploads(files, mode, {
        attachUncleaned: async (held) => (await showNotices()).askAttach(held),
        reportCleaned: (cleaned) => void showNotices().then((ui) => ui.cleaned(cleaned)),
      });
    }, ctx.signal);
  },
});
