import { storage } from 'wxt/utils/storage';
import { readManagedSettings, watchManagedSettings } from '../managed/storage';

/** The person's switch on the options page; the checks are on until turned off. */
export const photoChecksChoice = storage.defineItem<boolean>('local:photoChecks', { fallback: true });

/** Whether photos are analysed, and whether the organisation decided it (policy photoChecks wins over the person). */
export async function photoChecksSwitch(): Promise<{ readonly on: boolean; readonly locked: boolean }> {
  const managed = (await readManagedSettings()).photoChecks;
  if (managed !== undefined) return { on: managed, locked: true };
  return { on: await photoChecksChoice.getValue(), locked: false };
}

/** Calls `onChange` with the switch's new state whenever the person or the policy turns it. */
export function watchPhotoChecksSwitch(onChange: (on: boolean) => void): void {
  const changed = () => void photoChecksSwitch().then(({ on }) => onChange(on));
  photoChecksChoice.watch(changed);
  watchManagedSettings(changed);
}
