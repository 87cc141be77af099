import type { PackFinding } from '../packs/active';
import { withFix } from '../policy/fix';
import { lengthOnSite, limitOnSite } from '../sites/adapter';
import { styleOf, viewportOffset } from './dom';
import type { ComposerSession } from './session';
import type { ComposerView, FindingView, FixAction } from './view';

export type Note = NonNullable<FindingView['note']>;
/** The note key of the approved posts (finding keys hold NUL separators, so none can be this). */
export const OFFER_NOTE = 'offer';

/** How one composer looks in the layer now, in the top viewport (a frame's composer is shifted by its frame). */
export function composerView(session: ComposerSession, note: (key: string) => Note | undefined, panelOpen: boolean): ComposerView {
  const findings = session.visibleFindings();
  const { x, y } = viewportOffset(session.element);
  const own = session.element.getBoundingClientRect();
  const box = { left: own.left + x, top: own.top + y, right: own.right + x, bottom: own.bottom + y };
  const underlines = findings.flatMap(({ finding, span }) =>
    span.rects().filter((rect) => rect.width > 0).map((rect) => ({ left: rect.left + x, top: rect.bottom + y, width: rect.width, severity: finding.severity })),
  );
  const underCaret = session.caretMoved ? findings.find(({ span }) => span.holdsCaret()) : undefined;
  const caretRect = underCaret?.span.rects().at(-1);
  return {
    id: session.id,
    siteName: session.adapter.name,
    field: session.field,
    box,
    dark: darkTheme(session.element),
    underlines,
    findings: findings.map(({ key, finding }): FindingView => {
      const said = note(key);
      return { key, finding, fix: fixAction(session, finding), ...(said ? { note: said } : {}) };
    }),
    failures: session.failures,
    offers: session.offers,
    ...(note(OFFER_NOTE) && session.offers.length ? { offerNote: note(OFFER_NOTE) } : {}),
    ...(underCaret && caretRect ? { caretCard: { key: underCaret.key, left: Math.min(caretRect.left + x, innerWidth - 368), top: caretRect.bottom + y + 6 } } : {}),
    panelOpen,
  };
}

function fixAction(session: ComposerSession, finding: PackFinding): FixAction {
  if (!session.editor.editable) return { kind: 'copy-only' };
  const { replacement } = finding.fix;
  if (finding.kind !== 'disclaimer') return replacement ? { kind: 'replace', text: replacement } : { kind: 'remove', text: '' };
  const length = lengthOnSite(session.adapter, withFix(session.checkedText, finding.fix));
  const limit = limitOnSite(session.adapter, session.element, session.surface);
  return { kind: 'append', text: replacement.trim(), ...(limit && length > limit ? { tooLong: { length, limit } } : {}) };
}

/** Light text means a dark page theme (sites have their own dark modes, apart from the system's). */
export function darkTheme(composer: HTMLElement): boolean {
  const [r = 0, g = 0, b = 0] = styleOf(composer).color.match(/\d+(\.\d+)?/g)?.map(Number) ?? [];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 140;
}
