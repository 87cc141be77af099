import { i18n } from '#i18n';
import type { PhotoReport } from '../ml/photo-checks';
import { PHOTO_CHECKS } from '../packs/schema';

/**
 * The photo as a thumbnail with a frame around each place the checks found something: faces,
 * screens, and lines of text a rule flags. The frames are an SVG whose viewBox is the size the
 * checks looked at, laid over the image, so the browser scales them with the thumbnail.
 */
export function PhotoBoxes({ src, report }: { src: string; report: Pick<PhotoReport, 'name' | 'width' | 'height' | 'findings'> }) {
  const marked = report.findings.flatMap((finding) => finding.boxes.map((box) => ({ check: finding.check, box, summary: finding.summary })));
  if (marked.length === 0) return null;
  const shown = PHOTO_CHECKS.filter((check) => marked.some((mark) => mark.check === check));
  return (
    <figure class="photo-boxes">
      <div class="thumbnail">
        <img src={src} alt="" />
        <svg viewBox={`0 0 ${report.width} ${report.height}`} preserveAspectRatio="none" role="img" aria-label={i18n.t('photos.marked', marked.length, [String(marked.length), report.name])}>
          {marked.map(({ check, box, summary }, i) => (
            <rect key={i} class={check} x={box.x} y={box.y} width={box.width} height={box.height} vector-effect="non-scaling-stroke">
              <title>{summary}</title>
            </rect>
          ))}
        </svg>
      </div>
      <figcaption>
        <ul class="legend">
          {shown.map((check) => (
            <li key={check}>
              <span class={`swatch ${check}`} aria-hidden="true" />
              {i18n.t(`photos.legend.${check}`)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
