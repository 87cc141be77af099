import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { CHECKED_TYPES, requestPhotoCheck, type PhotoCheckReply } from '../ml/messages';
import { cleanImage, type CleanResult } from '../photos/clean';
import { describeResult, formatPosition } from '../photos/describe';
import { PhotoBoxes } from './photo-boxes';
import type { CleanMode } from '../photos/report';
import { blobSource, patchedBlob } from '../videos/blob';
import { cleanVideo, type VideoCleanResult } from '../videos/clean';
import { mightBeVideo } from '../videos/format';

interface Item {
  readonly file: File;
  readonly result: CleanResult | VideoCleanResult;
  /** An object URL for the cleaned copy. */
  readonly url?: string;
  /** An object URL of the picked photo, for the thumbnail that shows where the checks found something. */
  readonly preview?: string;
}

/** Pick photos or videos, see what each one tells (place, device, time), download cleaned copies. */
export function CleanPhotos({ mode }: { mode: CleanMode }) {
  const [items, setItems] = useState<Item[]>([]);
  // Kept apart from the items: updating those would revoke their download URLs.
  const [checks, setChecks] = useState<ReadonlyMap<File, PhotoCheckReply>>(new Map());
  useEffect(
    () => () =>
      items.forEach((item) => {
        if (item.url) URL.revokeObjectURL(item.url);
        if (item.preview) URL.revokeObjectURL(item.preview);
      }),
    [items],
  );

  const pick = async (files: FileList | null) => {
    const picked = [...(files ?? [])];
    setItems(
      await Promise.all(
        picked.map(async (file) => {
          const result = mightBeVideo(file) ? await cleanVideo(blobSource(file), mode) : await cleanImage(new Uint8Array(await file.arrayBuffer()), mode);
          const cleaned = !result.cleaned ? undefined : 'bytes' in result ? new Blob([result.bytes as Uint8Array<ArrayBuffer>], { type: file.type }) : patchedBlob(file, result.patches);
          const url = cleaned && URL.createObjectURL(cleaned);
          const preview = CHECKED_TYPES.test(file.type) ? URL.createObjectURL(file) : undefined;
          return { file, result, url, preview };
        }),
      ),
    );
    // The photo checks answer later, photo by photo (the packs' photo rules for any site).
    for (const file of picked.filter((file) => CHECKED_TYPES.test(file.type))) {
      void requestPhotoCheck(file, '')
        .catch((error: Error) => ({ error: error.message }))
        .then((checked) => setChecks((current) => new Map(current).set(file, checked)));
    }
  };

  return (
    <section aria-labelledby="clean-photos-title">
      <h2 id="clean-photos-title">{i18n.t('photos.title')}</h2>
      <label class="picker">
        {i18n.t('photos.choose')}
        <input type="file" multiple accept="image/*,.heic,.heif,.avif,.dng,.tif,.tiff,video/mp4,video/quicktime,video/3gpp,video/webm,video/x-matroska,.mov,.mp4,.m4v,.3gp,.webm,.mkv" onChange={(event) => void pick(event.currentTarget.files)} />
      </label>
      <ul class="photos">
        {items.map(({ file, result, url, preview }) => {
          const checked = checks.get(file);
          return (
            <li key={file.name}>
              <strong>{file.name}</strong>
              <dl>
                {result.found.position && (
                  <>
                    <dt>{i18n.t('photos.place')}</dt>
                    <dd>
                      {formatPosition(result.found.position)} ({result.found.position.latitude.toFixed(5)}, {result.found.position.longitude.toFixed(5)})
                    </dd>
                  </>
                )}
                {result.found.device && (
                  <>
                    <dt>{i18n.t('photos.device')}</dt>
                    <dd>{result.found.device}</dd>
                  </>
                )}
                {result.found.taken && (
                  <>
                    <dt>{i18n.t('photos.taken')}</dt>
                    <dd>{result.found.taken}</dd>
                  </>
                )}
              </dl>
              <p class={result.cleaned ? 'ok' : 'error'}>{describeResult(file.name, result)}</p>
              {preview && checked?.report && <PhotoBoxes src={preview} report={checked.report} />}
              {checked?.report?.findings.map((finding, i) => (
                <p key={i} class={`photo-finding ${finding.severity}`}>
                  {finding.summary}
                  {finding.message && <> ({finding.message})</>}
                </p>
              ))}
              {(checked?.error || (checked?.report?.unfinished.length ?? 0) > 0) && (
                <p class="photo-finding">{i18n.t('notices.photoUnfinished', [checked?.report?.unfinished.join(', ') ?? 'text, people, screens'])}</p>
              )}
              {url && (
                <a href={url} download={file.name}>
                  {i18n.t('photos.download')}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
