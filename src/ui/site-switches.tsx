import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { readManagedSettings } from '../managed/storage';
import type { ManagedSettings } from '../managed/settings';
import { BUILT_IN_SITES } from '../sites';
import { originFor } from '../sites/added-sites';
import { addedSites, disabledSites, siteKey } from '../sites/site-settings';

interface SiteRow {
  readonly host: string;
  readonly note?: string;
  /** Added at run time and not yet allowed by the person. */
  readonly waiting: boolean;
}

/** Draft checks on or off per site; locked when the organisation does not allow turning them off. */
export function SiteSwitches() {
  const [rows, setRows] = useState<SiteRow[]>([]);
  const [disabled, setDisabled] = useState<string[]>([]);
  const [settings, setSettings] = useState<ManagedSettings>();
  const load = async () => {
    const managed = await readManagedSettings();
    const granted = async (host: string) => browser.permissions.contains({ origins: [originFor(host)] });
    const added = await addedSites.getValue();
    const runtime = [...new Set([...managed.extraSites, ...added])];
    setSettings(managed);
    setDisabled(await disabledSites.getValue());
    setRows([
      ...BUILT_IN_SITES.map((site) => ({ host: site.hosts[0]!, waiting: false })),
      ...(await Promise.all(
        runtime.map(async (host) => ({
          host,
          note: managed.extraSites.includes(host) ? i18n.t('options.managedSite') : i18n.t('options.addedSite'),
          waiting: !(await granted(host)),
        })),
      )),
    ]);
  };
  useEffect(() => void load(), []);
  const toggle = async (host: string, on: boolean) => {
    const key = siteKey(host);
    const next = on ? disabled.filter((site) => site !== key) : [...new Set([...disabled, key])];
    await disabledSites.setValue(next);
    setDisabled(next);
  };
  const locked = settings?.allowUserDisable === false;
  return (
    <section aria-labelledby="sites-title">
      <h2 id="sites-title">{i18n.t('options.sites')}</h2>
      <fieldset disabled={locked}>
        {rows.map(({ host, note, waiting }) => (
          <div class="site-row" key={host}>
            <label>
              <input type="checkbox" checked={locked || !disabled.includes(siteKey(host))} onChange={(event) => void toggle(host, event.currentTarget.checked)} /> {host}
              {note && <small> ({note})</small>}
            </label>
            {waiting && (
              // The permission request must start inside the click: no await before it.
              <button type="button" onClick={() => void browser.permissions.request({ origins: [originFor(host)] }).then(load)}>
                {i18n.t('options.allow')}
              </button>
            )}
          </div>
        ))}
        {locked && <p class="locked">{i18n.t('options.locked')}</p>}
      </fieldset>
    </section>
  );
}
