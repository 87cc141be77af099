import { mightBeImage } from '../photos/uploads';
import { mightBeVideo } from '../videos/format';

/**
 * Turns the files the person picked, dropped or pasted into the files the page may see; `input` is
 * the file input they were picked in (none for drops and pastes), `target` that input or the
 * element they were dropped or pasted on.
 */
export type PrepareFiles = (files: File[], input: HTMLInputElement | undefined, target: Element) => Promise<File[]>;

export interface UploadGuard {
  /** Gives a file input other files, as if the person picked them: the page is told, and they are not held again. */
  setFiles(input: HTMLInputElement, files: readonly File[]): void;
}

/**
 * Holds back photo uploads until they are cleaned: file inputs (`input` and `change`), drops and
 * pastes are stopped at `window` in the capture phase, before any page script sees them, and
 * dispatched again with the prepared files. Events without photos are never touched.
 */
export function guardUploads(prepare: PrepareFiles, signal: AbortSignal): UploadGuard {
  const ours = new WeakSet<Event>();
  const dispatch = (target: EventTarget, event: Event) => {
    ours.add(event);
    target.dispatchEvent(event);
  };
  const deliver = (input: HTMLInputElement, files: readonly File[], events: readonly string[]) => {
    if (files.length === 0) input.value = '';
    else if (!sameFiles(files, [...(input.files ?? [])])) input.files = fileList(files);
    for (const type of events) dispatch(input, new Event(type, { bubbles: true, composed: type === 'input' }));
  };
  const photosIn = (files: FileList | null | undefined) => {
    const list = [...(files ?? [])];
    return list.some((file) => mightBeImage(file) || mightBeVideo(file)) ? list : undefined;
  };
  const options = { capture: true, signal };

  // A file selection fires `input` then `change` in one task: both wait for the same cleaning.
  const pendingSelections = new WeakMap<HTMLInputElement, { files: File[]; events: string[] }>();
  const onFileInput = (event: Event) => {
    const input = event.composedPath()[0];
    if (ours.has(event) || !(input instanceof HTMLInputElement) || input.type !== 'file') return;
    const files = photosIn(input.files);
    if (!files) return;
    event.stopImmediatePropagation();
    const pending = pendingSelections.get(input);
    if (pending && sameFiles(pending.files, files)) {
      pending.events.push(event.type);
      return;
    }
    const selection = { files, events: [event.type] };
    pendingSelections.set(input, selection);
    void prepare(files, input, input).then((prepared) => {
      if (pendingSelections.get(input) !== selection || signal.aborted) return; // a newer selection replaced it
      pendingSelections.delete(input);
      // Nothing left to attach: the selection is cancelled, and the page hears nothing of it.
      deliver(input, prepared, prepared.length === 0 ? [] : selection.events);
    });
  };

  /** Drops and pastes: hold the event, then hand `redispatch` the target and the prepared transfer. */
  const holdTransfer = (event: Event, transfer: DataTransfer | null, redispatch: (target: Element, prepared: DataTransfer) => void) => {
    const files = ours.has(event) ? undefined : photosIn(transfer?.files);
    if (!files) return;
    event.preventDefault(); // or the browser opens (drop) or inserts (paste) the file itself
    event.stopImmediatePropagation();
    const target = event.composedPath()[0] as Element;
    const texts = textData(transfer!);
    void prepare(files, undefined, target).then((prepared) => {
      if (prepared.length > 0 && !signal.aborted) redispatch(target, withFiles(texts, prepared));
    });
  };

  const onDrop = (event: DragEvent) =>
    holdTransfer(event, event.dataTransfer, (target, dataTransfer) => {
      const { clientX, clientY, screenX, screenY, ctrlKey, shiftKey, altKey, metaKey } = event;
      const init = { bubbles: true, cancelable: true, composed: true, clientX, clientY, screenX, screenY, ctrlKey, shiftKey, altKey, metaKey };
      // Drop zones often re-render on drop: then the element under the pointer takes it.
      const receiver = target.isConnected ? target : (document.elementFromPoint(clientX, clientY) ?? document.body);
      dispatch(receiver, new DragEvent('drop', { ...init, dataTransfer }));
    });

  const onPaste = (event: ClipboardEvent) =>
    holdTransfer(event, event.clipboardData, (target, clipboardData) => {
      if (target.isConnected) dispatch(target, new ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, clipboardData }));
    });

  window.addEventListener('input', onFileInput, options);
  window.addEventListener('change', onFileInput, options);
  window.addEventListener('drop', onDrop, options);
  window.addEventListener('paste', onPaste, options);

  return { setFiles: (input, files) => deliver(input, files, ['input', 'change']) };
}

function sameFiles(a: readonly File[], b: readonly File[]): boolean {
  return a.length === b.length && a.every((file, i) => file === b[i]);
}

function fileList(files: readonly File[]): FileList {
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  return transfer.files;
}

/** The text that came with the files (a pasted caption, a dragged link), read while it is readable. */
function textData(transfer: DataTransfer): [string, string][] {
  return transfer.types.filter((type) => type !== 'Files').map((type) => [type, transfer.getData(type)]);
}

function withFiles(texts: readonly [string, string][], files: readonly File[]): DataTransfer {
  const transfer = new DataTransfer();
  for (const [type, data] of texts) transfer.setData(type, data);
  for (const file of files) transfer.items.add(file);
  return transfer;
}
