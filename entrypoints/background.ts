import { defineBackground } from '#imports';
import { browser } from 'wxt/browser';
import type { ApprovedPostsReply, CheckReply, ManagedReply, PackCommand, PackCommandReply, PacksReply, Request } from '../src/compose/messages';
import { readManagedSettings, watchManagedSettings } from '../src/managed/storage';
import { listenForPhotoChecks } from '../src/ml/background';
import { withWorkTalkReasons } from '../src/compose/work-talk-reason';
import { loadTextModels, textModelsFor } from '../src/ml/text-models';
import { approvedPostsFor, checkWithPacks, explainWithPacks, packState, type PackState } from '../src/packs/active';
import { importPackFile, packRecords, refreshAllPacks, removePackSource, subscribeToPack } from '../src/packs/store';
import { ascii } from '../src/photos/bytes';
import { syncAddedSites } from '../src/sites/added-sites';
import { addedSites } from '../src/sites/site-settings';

const REFRESH_ALARM = 'sera-refresh-packs';

export default defineBackground(() => {
  // Sites added at run time (by the person or the organisation): the content script follows the
  // lists and the granted permissions.
  void syncAddedSites();
  addedSites.watch(() => void syncAddedSites());
  browser.permissions.onAdded.addListener(() => void syncAddedSites());
  browser.permissions.onRemoved.addListener(() => void syncAddedSites());

  // Compiled packs are kept until the records or the policy change.
  let state: Promise<PackState> | undefined;
  const currentState = () => (state ??= Promise.all([packRecords.getValue(), readManagedSettings()]).then(([records, settings]) => packState(records, settings)));
  packRecords.watch(() => (state = undefined));

  // Packs are fetched at browser start, when the policy changes and every refreshHours.
  const refresh = async () => {
    const { refreshHours } = await readManagedSettings();
    const alarm = await browser.alarms.get(REFRESH_ALARM);
    if (alarm?.periodInMinutes !== refreshHours * 60) {
      await browser.alarms.create(REFRESH_ALARM, { delayInMinutes: refreshHours * 60, periodInMinutes: refreshHours * 60 });
    }
    await refreshAllPacks();
  };
  browser.runtime.onStartup.addListener(() => void refresh());
  browser.runtime.onInstalled.addListener(() => void refresh());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) void refreshAllPacks();
  });
  watchManagedSettings(() => {
    state = undefined;
    void refresh();
    void syncAddedSites();
  });

  listenForPhotoChecks(async () => (await currentState()).active.map(({ compiled }) => compiled.pack));

  browser.runtime.onMessage.addListener((message: Request, sender, sendResponse) => {
    // Only Sera's own pages and content scripts talk to the background.
    if (sender.id !== browser.runtime.id) return;
    switch (message?.type) {
      case 'sera:check':
        void currentState().then(async ({ active }) => {
          // The text models load here, on the first check that needs them (never in a content script);
          // the playground's explanation shows their scores even when no pack uses them.
          const textModels = message.explain ? await loadTextModels() : await textModelsFor(active.map(({ compiled }) => compiled.pack));
          const options = { site: message.site, surface: message.surface, at: message.at, notAboutWork: message.notAboutWork, ...(textModels ? { textModels } : {}) };
          const { findings, ...rest } = checkWithPacks(active, message.text, options);
          const explanation = message.explain && textModels ? { explanation: explainWithPacks(active, message.text, textModels, options) } : {};
          sendResponse({ ...rest, findings: await withWorkTalkReasons(findings), ...explanation } satisfies CheckReply);
        });
        return true;
      case 'sera:approved-posts':
        void currentState().then(({ active }) => sendResponse({ posts: approvedPostsFor(active, message.site) } satisfies ApprovedPostsReply));
        return true;
      case 'sera:packs':
        void currentState().then(({ views }) => sendResponse({ packs: [...views] } satisfies PacksReply));
        return true;
      case 'sera:managed':
        void readManagedSettings().then(({ photoMode, allowUserDisable }) => sendResponse({ photoMode, allowUserDisable } satisfies ManagedReply));
        return true;
      case 'sera:pack-subscribe':
      case 'sera:pack-import':
      case 'sera:pack-remove':
      case 'sera:pack-refresh':
        // Only Sera's own pages change packs, never a content script (which runs in a web page).
        if (!sender.url?.startsWith(browser.runtime.getURL('/'))) return;
        void runPackCommand(message).then(sendResponse);
        return true;
    }
  });
});

async function runPackCommand(command: PackCommand): Promise<PackCommandReply> {
  switch (command.type) {
    case 'sera:pack-subscribe': {
      const record = await subscribeToPack(command.url);
      return record.good ? {} : { problem: record.error };
    }
    case 'sera:pack-import': {
      const result = await importPackFile(command.fileName, ascii(atob(command.base64)), command.signature);
      return result.ok ? {} : { problem: result.problem };
    }
    case 'sera:pack-remove':
      await removePackSource(command.key);
      return {};
    case 'sera:pack-refresh':
      await refreshAllPacks();
      return {};
  }
}
