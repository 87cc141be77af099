import { storage } from 'wxt/utils/storage';
import { managedSummary } from '../compose/messages';
import type { CleanMode } from '../photos/report';

/** The person's choice, from the popup. */
export const photoModeSetting = storage.defineItem<CleanMode>('local:photoMode', { fallback: 'location' });

export interface PhotoModeState {
  readonly mode: CleanMode;
  /** Set by the organisation: shown locked. */
  readonly managed: boolean;
}

export async function photoMode(): Promise<PhotoModeState> {
  // The organisation's choice (enterprise policy) wins over the person's.
  const managed = (await managedSummary()).photoMode;
  if (managed) return { mode: managed, managed: true };
  return { mode: await photoModeSetting.getValue(), managed: false };
}
