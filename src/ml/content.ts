import type { PhotoNotices } from '../ui/photo-notices';
import { CHECKED_TYPES, requestPhotoCheck } from './messages';

/**
 * Sends photos the page has already received to the photo checks and shows what they find next to
 * them. The upload never waits for this; no model runs in the page's process.
 */
export function checkPhotosAfterUpload(files: readonly File[], site: string, notices: () => Promise<PhotoNotices>): void {
  for (const file of files) {
    if (!CHECKED_TYPES.test(file.type)) continue;
    void requestPhotoCheck(file, site)
      .then(async ({ report, error }) => {
        // A model that failed to load: the photo was not held back, and the notice says so.
        const shown = error ? { findings: [], unfinished: ['text', 'people', 'screens'] as const } : report;
        if (shown && (shown.findings.length > 0 || shown.unfinished.length > 0)) (await notices()).checked(file.name, shown);
      })
      // A check that fails (the extension reloaded, the tab closed) holds nothing back.
      .catch(() => {});
  }
}
