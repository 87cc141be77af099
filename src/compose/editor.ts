import { RICH_EDITOR_MARKERS } from '../sites/adapter';
import { isTextField } from './dom';
import { draftRange, readDraft, type DraftText } from './draft-text';
import { TextareaMirror } from './textarea-mirror';

/** A span of the draft as it was read, followed on screen while the person keeps typing. */
export interface TrackedSpan {
  /** Screen rectangles now; none once the editor has rewritten the text under the span. */
  rects(): DOMRect[];
  /** Whether the collapsed caret is inside (or at either end of) the span. */
  holdsCaret(): boolean;
}

/** One composer's editable element, seen the same way whatever the editor behind it. */
export interface Editor {
  readonly element: HTMLElement;
  /** Whether fixes may be typed into it; otherwise Sera offers to copy the corrected draft. */
  readonly editable: boolean;
  /** Calls `onChange` on every change to the draft, by the person, the editor or the site; returns the stop. */
  watch(onChange: () => void): () => void;
  /** Reads the draft as it is now; `track` and `select` refer to the latest reading. */
  read(): string;
  track(start: number, end: number): TrackedSpan;
  /** Makes [start, end) the person's selection, as if they had selected it. */
  select(start: number, end: number): boolean;
  dispose(): void;
}

const NOWHERE: TrackedSpan = { rects: () => [], holdsCaret: () => false };

export function editorFor(element: HTMLElement, mirrorParent: HTMLElement): Editor {
  return isTextField(element) ? textFieldEditor(element, mirrorParent) : richEditor(element);
}

function textFieldEditor(element: HTMLTextAreaElement | HTMLInputElement, mirrorParent: HTMLElement): Editor {
  const mirror = new TextareaMirror(element, mirrorParent);
  let value = element.value;
  return {
    element,
    editable: true,
    watch(onChange) {
      // A text field's value is not in the DOM: its `input` events are the changes.
      element.addEventListener('input', onChange);
      return () => element.removeEventListener('input', onChange);
    },
    read: () => (value = element.value),
    track(start, end) {
      const read = value;
      return {
        // Any edit may move the span: it is hidden until the next check.
        rects: () => (element.value === read ? mirror.rects(read, start, end) : []),
        holdsCaret: () =>
          element.value === read &&
          // The focused element of its own tree: a title's textarea sits in a shadow root.
          (element.getRootNode() as Document | ShadowRoot).activeElement === element &&
          element.selectionStart !== null &&
          element.selectionStart === element.selectionEnd &&
          element.selectionStart >= start &&
          element.selectionStart <= end,
      };
    },
    select(start, end) {
      if (element.value !== value) return false;
      element.setSelectionRange(start, end);
      return true;
    },
    dispose: () => mirror.remove(),
  };
}

function richEditor(element: HTMLElement): Editor {
  let draft: DraftText = readDraft(element);
  const rangeOf = (start: number, end: number) => {
    const range = draftRange(draft, start, end);
    return range && element.contains(range.commonAncestorContainer) ? range : undefined;
  };
  return {
    element,
    // Unknown contenteditable editors may keep a model that typed-in fixes would desync.
    editable: element.matches(RICH_EDITOR_MARKERS),
    watch(onChange) {
      // Scoped to the composer; also sees what the site does, such as clearing it after posting.
      const observer = new MutationObserver(onChange);
      observer.observe(element, { childList: true, characterData: true, subtree: true });
      return () => observer.disconnect();
    },
    read: () => (draft = readDraft(element)).text,
    track(start, end) {
      // A live Range: the DOM moves its ends as text is typed before or inside it.
      const range = rangeOf(start, end);
      if (!range) return NOWHERE;
      return {
        rects: () => (range.collapsed || !element.contains(range.commonAncestorContainer) ? [] : [...range.getClientRects()]),
        holdsCaret() {
          const selection = element.ownerDocument.getSelection();
          if (!selection?.isCollapsed || !selection.anchorNode || range.collapsed) return false;
          try {
            return range.isPointInRange(selection.anchorNode, selection.anchorOffset);
          } catch {
            return false; // the caret is in another document or shadow tree
          }
        },
      };
    },
    select(start, end) {
      const range = rangeOf(start, end);
      if (!range) return false;
      element.ownerDocument.getSelection()?.setBaseAndExtent(range.startContainer, range.startOffset, range.endContainer, range.endOffset);
      return true;
    },
    dispose() {},
  };
}
