import type { PhotoHolds } from '../compose/photo-holds';
import type { PhotoNotices } from '../ui/photo-notices';
import type { Attachments, Upload } from '../uploads/attachments';
import { watchPreview } from '../uploads/preview';
import { CHECKED_TYPES, requestPhotoCheck } from './messages';

export interface AfterUpload {
  readonly site: string;
  readonly notices: () => Promise<PhotoNotices>;
  /** Where "block" findings hold Post until the person removes or keeps the photo. */
  readonly holds: PhotoHolds;
  readonly attachments: Attachments;
  /** The content script's life: a preview is watched no longer than it. */
  readonly signal: AbortSignal;
}

/**
 * Sends photos the page has already received to the photo checks and shows what they find next to
 * their previews, with "Remove photo" and "Keep". The upload never waits for this; no model runs in
 * the page's process. Call it as the page receives the upload: a post that goes out before the
 * findings arrive has taken the photos along, and they hold nothing. A photo the person removes
 * with the site's own control (its preview leaves the page) takes its notice and hold along.
 */
export function checkPhotosAfterUpload(upload: Upload, { site, notices, holds, attachments, signal }: AfterUpload): void {
  const uploaded = holds.attached();
  for (const file of upload.files) {
    if (!CHECKED_TYPES.test(file.type)) continue;
    void requestPhotoCheck(file, site)
      .then(async ({ report, error }) => {
        // A model that failed to load: the photo was not held back, and the notice says so.
        const shown = error ? { findings: [], unfinished: ['text', 'people', 'screens'] as const } : report;
        if (!shown || (shown.findings.length === 0 && shown.unfinished.length === 0)) return;
        const hold = holds.add(uploaded, shown.findings);
        const layer = await notices();
        const { preview, composer } = attachments.shownAt(upload, file);
        // Sera's own "Remove photo" takes the preview away too: that is not the person's ×.
        let removing = false;
        const watched = preview && !signal.aborted ? watchPreview(preview, () => {
          if (removing) return;
          upload.removed.add(file);
          answered();
          notice.close();
        }) : undefined;
        const answered = () => {
          watched?.stop();
          if (hold) holds.resolve(hold);
        };
        signal.addEventListener('abort', () => watched?.stop(), { once: true });
        const notice = layer.checked(
          file.name,
          shown,
          {
            async remove() {
              removing = true;
              const outcome = await attachments.remove(upload, file);
              removing = false;
              if (outcome === 'removed') answered();
              return outcome;
            },
            keep: answered,
          },
          { preview: watched?.current, composer },
        );
      })
      // A check that fails (the extension reloaded, the tab closed) holds nothing back.
      .catch(() => {});
  }
}
