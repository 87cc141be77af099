import type { Page } from 'playwright-core';

/** Dispatches a drop or paste carrying `files` the way the browser does, from the page's own world. */
export async function dispatchWithFiles(page: Page, kind: 'drop' | 'paste', selector: string, files: { name: string; type: string; bytes: number[] }[]) {
  await page.evaluate(
    ({ kind, selector, files }) => {
      const transfer = new DataTransfer();
      transfer.setData('text/plain', 'caption that came along');
      for (const file of files) transfer.items.add(new File([new Uint8Array(file.bytes)], file.name, { type: file.type, lastModified: 1_700_000_000_000 }));
      const target = document.querySelector(selector)!;
      const init = { bubbles: true, cancelable: true, composed: true };
      target.dispatchEvent(kind === 'drop' ? new DragEvent('drop', { ...init, dataTransfer: transfer }) : new ClipboardEvent('paste', { ...init, clipboardData: transfer }));
    },
    { kind, selector, files },
  );
}
