import { defineBackground } from '#imports';
import { browser } from 'wxt/browser';
import type { CheckReply, PacksReply, Request } from '../src/compose/messages';
import { activePacks, checkWithPacks, summarize } from '../src/packs/active';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message: Request, sender, sendResponse) => {
    // Only Sera's own pages and content scripts talk to the background.
    if (sender.id !== browser.runtime.id) return;
    switch (message?.type) {
      case 'sera:check':
        sendResponse({ findings: checkWithPacks(activePacks(), message.text, { site: message.site }) } satisfies CheckReply);
        return;
      case 'sera:packs':
        sendResponse({ packs: activePacks().map(summarize) } satisfies PacksReply);
        return;
    }
  });
});
