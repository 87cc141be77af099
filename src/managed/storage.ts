import { browser } from 'wxt/browser';
import { parseManagedSettings, type ManagedSettings } from './settings';

/** The organisation's settings; none where no policy (or no policy schema) is installed. */
export async function readManagedSettings(): Promise<ManagedSettings> {
  // storage.managed throws where the browser has no managed storage for the extension.
  const raw = await browser.storage.managed.get().catch(() => ({}));
  return parseManagedSettings(raw);
}

export function watchManagedSettings(onChange: () => void): void {
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') onChange();
  });
}
