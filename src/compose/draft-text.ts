import { isElement } from './dom';

/**
 * The text of a rich editor as the engine sees it, with a map from engine offsets (UTF-16) back to
 * DOM positions. Blocks (paragraphs, Draft.js blocks, list items) become "\n"-separated lines; a
 * `<br>` is a line break unless it is the placeholder that keeps an empty or trailing line open;
 * an `<img alt>` (emoji on some sites) reads as its alt text.
 */
export interface DraftText {
  readonly text: string;
  readonly pieces: readonly Piece[];
}

interface Piece {
  /** A Text node, or an element that stands for `length` characters as a whole (emoji images). */
  readonly node: Node;
  readonly start: number;
  readonly length: number;
}

const BLOCKS = new Set(['P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE']);

export function readDraft(root: Element): DraftText {
  let text = '';
  let blocksSeen = 0;
  const pieces: Piece[] = [];
  const visit = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      const data = (node as Text).data;
      if (data) {
        pieces.push({ node, start: text.length, length: data.length });
        text += data;
      }
      return;
    }
    if (!isElement(node)) return;
    if (node.tagName === 'BR') {
      if (!isPlaceholderBreak(node)) text += '\n';
      return;
    }
    if (node.tagName === 'IMG') {
      const alt = node.getAttribute('alt') ?? '';
      if (alt) {
        pieces.push({ node, start: text.length, length: alt.length });
        text += alt;
      }
      return;
    }
    const leafBlock = BLOCKS.has(node.tagName) && node !== root && !hasBlockChild(node);
    if (leafBlock && blocksSeen++ > 0) text += '\n';
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
  };
  visit(root);
  return { text, pieces };
}

function hasBlockChild(element: Element): boolean {
  for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
    if (BLOCKS.has(child.tagName) || hasBlockChild(child)) return true;
  }
  return false;
}

/** A `<br>` with nothing after it in its block only holds the line open; it is not a line break. */
function isPlaceholderBreak(br: Element): boolean {
  for (let node: Node | null = br; node && !(isElement(node) && BLOCKS.has(node.tagName)); node = node.parentNode) {
    for (let next = node.nextSibling; next; next = next.nextSibling) {
      if (next.textContent || (isElement(next) && (next.tagName === 'BR' || next.tagName === 'IMG' || next.querySelector('br, img')))) {
        return false;
      }
    }
  }
  return true;
}

/** A DOM position for an engine offset; offsets between pieces (line breaks) snap to the side given. */
export function domPosition(draft: DraftText, offset: number, side: 'start' | 'end'): { node: Node; offset: number } | undefined {
  const { pieces } = draft;
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index]!;
    const pieceEnd = piece.start + piece.length;
    const inside = side === 'start' ? offset >= piece.start && offset < pieceEnd : offset > piece.start && offset <= pieceEnd;
    if (inside) return positionIn(piece, offset - piece.start);
    if (side === 'start' && piece.start > offset) return positionIn(piece, 0);
  }
  if (side === 'end') {
    const before = pieces.findLast((piece) => piece.start + piece.length <= offset) ?? pieces.at(-1);
    return before ? positionIn(before, before.length) : undefined;
  }
  const last = pieces.at(-1);
  return last ? positionIn(last, last.length) : undefined;
}

function positionIn(piece: Piece, offset: number): { node: Node; offset: number } {
  if (piece.node.nodeType === Node.TEXT_NODE) return { node: piece.node, offset };
  // A whole element (emoji image): before it or after it.
  const parent = piece.node.parentNode!;
  const index = Array.prototype.indexOf.call(parent.childNodes, piece.node) as number;
  return { node: parent, offset: offset === 0 ? index : index + 1 };
}

/** The DOM range over [start, end) of the draft, or undefined if the draft has no text there. */
export function draftRange(draft: DraftText, start: number, end: number): Range | undefined {
  const from = domPosition(draft, start, 'start');
  const to = domPosition(draft, end, 'end');
  if (!from || !to) return undefined;
  // The range belongs to the draft's own document (a frame's), so that its edits keep it live.
  const range = from.node.ownerDocument!.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}
