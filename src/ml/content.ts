import type { PhotoHolds } from '../compose/photo-holds';
import type { PhotoNotices } from '../ui/photo-notices';
import type { Attachments, Upload } from '../uploads/attachments';
import { CHECKED_TYPES, requestPhotoCheck } from './messages';

export interface AfterUpload {
  readonly site: string;
  readonly notices: () => Promise<PhotoNotices>;
  /** Where "block" findings hold Post until the person removes or keeps the photo. */
  readonly holds: PhotoHolds;
  readonly attachments: Attachments;
}

/**
 * Sends photos the page has already received to the photo checks and shows what they find next to
 * them, with "Remove photo" and "Keep". The upload never waits for this; no model runs in the
 * page's process. Call it as the page receives the upload: a post that goes out before the
 * findings arrive has taken the photos along, and they hold nothing.
 */
export function checkPhotosAfterUpload(upload: Upload, { site, notices, holds, attachments }: AfterUpload): void {
  const uploaded = holds.attached();
  for (const file of upload.files) {
    if (!CHECKED_TYPES.test(file.type)) continue;
    void requestPhotoCheck(file, site)
      .then(async ({ report, error }) => {
        // A model that failed to load: the photo was not held back, and the notice says so.
        const shown = error ? { findings: [], unfinished: ['text', 'people', 'screens'] as const } : report;
        if (!shown || (shown.findings.length === 0 && shown.unfinished.length === 0)) return;
        const hold = holds.add(uploaded, shown.findings);
        const answered = () => hold && holds.resolve(hold);
        (await notices()).checked(file.name, shown, {
          async remove() {
            const outcome = await attachments.remove(upload, file);
            if (outcome === 'removed') answered();
            return outcome;
          },
          keep: answered,
        });
      })
      // A check that fails (the extension reloaded, the tab closed) holds nothing back.
      .catch(() => {});
  }
}
