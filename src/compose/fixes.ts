import { withFix, type Fix } from '../policy/fix';
import { isTextField } from './dom';
import type { Editor } from './editor';

export type FixOutcome = 'applied' | 'changed' | 'failed';

/**
 * Applies a fix to the draft the way the person would: select it, then let the editor
 * handle a native edit (`insertText`/`delete`), so Draft.js, Lexical, Quill, ProseMirror and React
 * keep their own models in step. Multi-line text goes in as a plain-text paste, which every editor
 * turns into its own paragraphs. If the editor did not take the edit, one paste is tried instead.
 * 'changed': the draft changed since it was checked, so nothing was touched.
 */
export async function applyEdit(editor: Editor, checkedText: string, fix: Fix): Promise<FixOutcome> {
  if (editor.read() !== checkedText) return 'changed';
  const { start, end, replacement } = fix;
  const expected = withFix(checkedText, fix);
  const rich = !isTextField(editor.element);
  const pasteFirst = rich && replacement.includes('\n');

  if (!(await selectSpan(editor, start, end))) return 'failed';
  if (pasteFirst) pastePlainText(editor.element, replacement);
  else editor.element.ownerDocument.execCommand(replacement ? 'insertText' : 'delete', false, replacement);
  await editorsSettled();
  const afterFirst = editor.read();
  if (sameText(afterFirst, expected, pasteFirst)) return 'applied';
  // Untouched: the editor refused the native edit, so a paste is safe to try. Anything else: stop.
  if (afterFirst !== checkedText || pasteFirst || !replacement) return 'failed';
  if (!(await selectSpan(editor, start, end))) return 'failed';
  pastePlainText(editor.element, replacement);
  await editorsSettled();
  return sameText(editor.read(), expected) ? 'applied' : 'failed';
}

async function selectSpan(editor: Editor, start: number, end: number): Promise<boolean> {
  editor.element.focus({ preventScroll: true });
  if (!editor.select(start, end)) return false;
  // Editors learn about the new selection from `selectionchange`, which fires in a later task.
  await editorsSettled();
  return true;
}

function pastePlainText(target: HTMLElement, text: string): void {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
}

/** After a task and a frame, editors that observe the DOM or selection asynchronously have caught up. */
function editorsSettled(): Promise<void> {
  return new Promise((resolve) => setTimeout(() => requestAnimationFrame(() => resolve()), 0));
}

/**
 * Editors keep spaces at line ends as no-break spaces, and some (ProseMirror) turn a pasted blank
 * line into a plain paragraph break: the same text to the person.
 */
function sameText(a: string, b: string, pasted = false): boolean {
  const normal = (text: string) => {
    const spaced = text.replaceAll('\u00a0', ' ');
    return pasted ? spaced.replace(/\n+/g, '\n') : spaced;
  };
  return normal(a) === normal(b);
}
