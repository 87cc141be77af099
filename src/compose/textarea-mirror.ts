import { styleOf } from './dom';

/** The textarea styles that decide where its text wraps. */
const COPIED_STYLES = [
  'boxSizing', 'width', 'height', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'borderStyle',
  'fontFamily', 'fontSize', 'fontStyle', 'fontWeight', 'fontVariant', 'fontStretch', 'fontFeatureSettings',
  'lineHeight', 'letterSpacing', 'wordSpacing', 'textIndent', 'textTransform', 'tabSize', 'direction',
] as const;

/**
 * A hidden copy of a textarea (or a one-line input) laid over it, with the same box and font, so that
 * ranges in the copy give the screen position of its characters (text fields have no ranges of their
 * own). It lives in Sera's shadow root, never in the page.
 */
export class TextareaMirror {
  readonly element: HTMLDivElement;
  private readonly text: Text;

  constructor(private readonly textarea: HTMLTextAreaElement | HTMLInputElement, parent: HTMLElement) {
    this.element = document.createElement('div');
    this.text = document.createTextNode('');
    this.element.append(this.text);
    Object.assign(this.element.style, {
      position: 'fixed',
      visibility: 'hidden',
      pointerEvents: 'none',
      overflow: 'hidden',
      // An input never wraps.
      whiteSpace: textarea.tagName === 'INPUT' ? 'pre' : 'pre-wrap',
      overflowWrap: 'break-word',
      borderColor: 'transparent',
    });
    parent.append(this.element);
  }

  /** Client rectangles of [start, end) of `value`, as the textarea shows them now (in its own frame's viewport). */
  rects(value: string, start: number, end: number): DOMRect[] {
    const style = styleOf(this.textarea);
    for (const name of COPIED_STYLES) this.element.style[name] = style[name];
    // The textarea's scrollbar takes room from its text: the copy has none, so it gets narrower instead.
    const scrollbar = this.textarea.offsetWidth - this.textarea.clientWidth - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
    if (scrollbar > 0) this.element.style.paddingRight = `${parseFloat(style.paddingRight) + scrollbar}px`;
    // An input centres its one line in its box: a line as tall as the box puts the copy's text there too.
    if (this.textarea.tagName === 'INPUT') this.element.style.lineHeight = `${this.textarea.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)}px`;
    const box = this.textarea.getBoundingClientRect();
    this.element.style.left = `${box.left}px`;
    this.element.style.top = `${box.top}px`;
    // A trailing line break needs a character after it to take up a line, as it does in the textarea.
    if (this.text.data !== value + ' ') this.text.data = value + ' ';
    this.element.scrollTop = this.textarea.scrollTop;
    this.element.scrollLeft = this.textarea.scrollLeft;
    const range = new Range();
    range.setStart(this.text, Math.min(start, value.length));
    range.setEnd(this.text, Math.min(end, value.length));
    return [...range.getClientRects()];
  }

  remove(): void {
    this.element.remove();
  }
}
