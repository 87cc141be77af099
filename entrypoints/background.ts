import { defineBackground } from '#imports';
import { browser } from 'wxt/browser';
import type { CheckReply, PacksReply, Request } from '../src/compose/messages';
import { activePacks, checkWithPacks, summarize } from '../src/packs/active';
import { syncAddedSites } from '../src/sites/added-sites';
import { addedSites } from '../src/sites/site-settings';

export default defineBackground(() => {
  // Sites added at run time: their content script follows the list and the granted permissions.
  void syncAddedSites();
  addedSites.watch(() => void syncAddedSites());
  browser.permissions.onAdded.addListener(() => void syncAddedSites());
  browser.permissions.onRemoved.addListener(() => void syncAddedSites());

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
