import { storage } from 'wxt/utils/storage';
import { CLEAN_MODES, type CleanMode } from '../photos/report';

/** The person's choice, from the popup. */
export const photoModeSetting = storage.defineItem<CleanMode>('local:photoMode', { fallback: 'location' });
/** The organisation's choice (enterprise policy), which wins over the person's. */
const managedPhotoMode = storage.defineItem<string>('managed:photoMode');

export interface PhotoModeState {
  readonly mode: CleanMode;
  /** Set by the organisation: shown locked. */
  readonly managed: boolean;
}

export async function photoMode(): Promise<PhotoModeState> {
  // Managed storage is missing (and throws) where no policy schema or policy is installed.
  const managed = await managedPhotoMode.getValue().catch(() => null);
  if (managed && (CLEAN_MODES as readonly string[]).includes(managed)) return { mode: managed as CleanMode, managed: true };
  return { mode: await photoModeSetting.getValue(), managed: false };
}
