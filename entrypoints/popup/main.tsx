import { i18n } from '#i18n';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { packViews, type TabStatus, type TabStatusRequest } from '../../src/compose/messages';
import { readManagedSettings } from '../../src/managed/storage';
import type { PackView } from '../../src/packs/active';
import { addSite, originFor, sitesAwaitingPermission } from '../../src/sites/added-sites';
import { disabledSites, siteKey } from '../../src/sites/site-settings';
import { ApprovedPosts } from '../../src/ui/approved-posts';
import { CleanPhotos } from '../../src/ui/clean-photos';
import { OrganisationWaiting } from '../../src/ui/pack-list';
import { PhotoModeChoice } from '../../src/ui/photo-mode-choice';
import type { PhotoModeState } from '../../src/uploads/photo-mode';
import './style.css';

interface TabInfo {
  readonly id: number;
  /** The tab's host when Sera may know it (its own sites, or the click that opened the popup). */
  readonly host?: string;
  /** Answered by Sera's content script; missing where Sera does not run. */
  readonly status?: TabStatus;
}

/** The tab the popup is about: the active one, or the one named in `?tab=` when opened as a page. */
async function currentTab(): Promise<TabInfo | undefined> {
  const named = Number(new URLSearchParams(location.search).get('tab'));
  const tab = named ? await browser.tabs.get(named) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (tab?.id === undefined) return undefined;
  const status = (await browser.tabs.sendMessage(tab.id, { type: 'sera:tab-status' } satisfies TabStatusRequest).catch(() => undefined)) as TabStatus | undefined;
  const url = tab.url ? new URL(tab.url) : undefined;
  const host = status?.site ?? (url?.protocol === 'https:' ? url.hostname : undefined);
  return { id: tab.id, host, status };
}

function SiteSection({ tab, refresh }: { tab: TabInfo | undefined; refresh: () => void }) {
  const [declined, setDeclined] = useState(false);
  const [userMayDisable, setUserMayDisable] = useState(true);
  useEffect(() => void readManagedSettings().then((settings) => setUserMayDisable(settings.allowUserDisable)), []);
  if (!tab?.host) return <p>{i18n.t('popup.notActiveHere')}</p>;
  const host = siteKey(tab.host);
  const setDisabled = async (off: boolean) => {
    const sites = await disabledSites.getValue();
    await disabledSites.setValue(off ? [...new Set([...sites, host])] : sites.filter((site) => site !== host));
    refresh();
  };
  if (tab.status?.active) {
    return (
      <>
        <p>{i18n.t('popup.activeHere', [host])}</p>
        <p class="findings">{i18n.t('popup.findings', tab.status.findings)}</p>
        {userMayDisable && (
          <button type="button" onClick={() => void setDisabled(true)}>
            {i18n.t('popup.turnOff', [host])}
          </button>
        )}
      </>
    );
  }
  if (tab.status) {
    return (
      <>
        <p>{i18n.t('popup.offHere', [host])}</p>
        <button type="button" onClick={() => void setDisabled(false)}>
          {i18n.t('popup.turnOn', [host])}
        </button>
      </>
    );
  }
  return (
    <>
      <p>{i18n.t('popup.notActiveHere')}</p>
      <button
        type="button"
        // The permission request must start inside the click: no await before it.
        onClick={() => void addSite(tab.host!, tab.id).then((added) => (added ? refresh() : setDeclined(true)))}
      >
        {i18n.t('popup.enableHere', [tab.host])}
      </button>
      <p class="note">{declined ? '' : i18n.t('popup.enableNote')}</p>
    </>
  );
}

function Popup() {
  const [state, setState] = useState<PhotoModeState>();
  const [packs, setPacks] = useState<PackView[]>([]);
  const [tab, setTab] = useState<TabInfo>();
  const [awaiting, setAwaiting] = useState<string[]>([]);
  const refreshTab = () => {
    void currentTab().then(setTab);
    void sitesAwaitingPermission().then(setAwaiting);
  };
  useEffect(() => {
    void packViews().then(setPacks);
    refreshTab();
  }, []);
  return (
    <main>
      <h1>Sera</h1>
      <section class="site">
        <SiteSection tab={tab} refresh={refreshTab} />
        {awaiting.map((host) => (
          <button
            type="button"
            key={host}
            // The permission request must start inside the click: no await before it.
            onClick={() => void browser.permissions.request({ origins: [originFor(host)] }).then(refreshTab)}
          >
            {i18n.t('popup.allowSite', [host])}
          </button>
        ))}
      </section>
      <section class="packs">
        {packs
          .filter((view) => view.source.kind === 'organisation-waiting')
          .map((view) => (
            <OrganisationWaiting key={view.key} view={view} checked={packs.some((other) => other.status.state === 'active')} />
          ))}
        {packs
          .filter((view) => view.status.state === 'active' && view.pack)
          .map(({ key, pack, source, overdue, error }) => (
            <p key={key}>
              {i18n.t('popup.packLine', [pack!.name, String(pack!.serial), pack!.revised])}
              {source.kind === 'demo' && <span class="demo"> {i18n.t('popup.demo')}</span>}
              {overdue && <span class="warning"> {i18n.t('popup.overdue', [pack!.reviewBy!])}</span>}
              {error && <span class="error"> {i18n.t('popup.packError', [error.message])}</span>}
            </p>
          ))}
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {i18n.t('popup.settings')}
        </button>
        <button type="button" class="link" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/demo.html') })}>
          {i18n.t('popup.tryIt')}
        </button>
      </section>
      {tab?.host && <ApprovedPosts site={tab.host} />}
      <PhotoModeChoice onChange={setState} />
      {state && <CleanPhotos mode={state.mode} />}
    </main>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
render(<Popup />, document.getElementById('app')!);
