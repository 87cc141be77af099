import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import { generic } from '../../src/sites/generic';
import { pageAttachments } from '../../src/uploads/attachments';

// pageAttachments reads the page through `document`; linkedom stands in for it.
const globals = globalThis as unknown as Record<string, unknown>;
afterEach(() => {
  for (const name of ['document', 'Node', 'MutationObserver']) delete globals[name];
});

/** A composer on a site Sera has no adapter for: each photo gets a tile with its own × as the page receives it. */
function composerPage() {
  const { document, window } = parseHTML(`<!doctype html><html><body>
    <form><textarea aria-label="Share an update"></textarea><ul id="tray"></ul><div id="drop">Drop photos</div><button type="submit">Share</button></form>
  </body></html>`);
  Object.assign(globals, { document, Node: window.Node, MutationObserver: window.MutationObserver });
  const tray = document.getElementById('tray')!;
  /** The page receiving `file`: a blob: preview, and a remove button when `removable`. */
  const receive = (file: File, removable = true) => {
    const tile = document.createElement('li');
    const image = document.createElement('img');
    image.setAttribute('src', `blob:https://updates.example.org/${file.name}`);
    tile.append(image);
    if (removable) {
      const remove = document.createElement('button');
      remove.setAttribute('aria-label', 'Remove photo');
      remove.textContent = '×';
      remove.addEventListener('click', () => tile.remove());
      tile.append(remove);
    }
    tray.append(tile);
    return image;
  };
  return { document, receive, target: document.getElementById('drop')!, textarea: document.querySelector('textarea')! };
}

const photo = (name: string) => new File([new Uint8Array([0xff, 0xd8])], name, { type: 'image/jpeg' });
const noInput = () => {
  throw new Error('no file input here');
};

describe('attached photos on a site whose remove buttons Sera does not know', () => {
  it("finds each upload's preview and composer, and removes a photo with its own preview's ×, leaving the other", async () => {
    const { document, receive, target, textarea } = composerPage();
    const attachments = pageAttachments([generic], noInput);
    const [first, second] = [photo('first.jpg'), photo('second.jpg')];
    const firstUpload = attachments.record([first], undefined, target);
    const firstPreview = receive(first);
    const secondUpload = attachments.record([second], undefined, target);
    const secondPreview = receive(second);

    expect(attachments.shownAt(firstUpload, first)).toEqual({ preview: firstPreview, composer: textarea });
    expect(attachments.shownAt(secondUpload, second).preview).toBe(secondPreview);

    expect(await attachments.remove(secondUpload, second)).toBe('removed');
    expect(secondPreview.isConnected).toBe(false);
    expect(firstPreview.isConnected).toBe(true);
    expect(document.querySelectorAll('#tray li')).toHaveLength(1);
  });

  it('a preview without a remove control of its own, and no file input: the person removes it', async () => {
    const { receive, target } = composerPage();
    const attachments = pageAttachments([generic], noInput);
    const kept = photo('kept.jpg');
    const upload = attachments.record([kept], undefined, target);
    const preview = receive(kept, false);
    expect(await attachments.remove(upload, kept)).toBe('manual');
    expect(preview.isConnected).toBe(true);
  });

  it('one upload of two photos: each file has the preview in its place, and its own ×', async () => {
    const { receive, target } = composerPage();
    const attachments = pageAttachments([generic], noInput);
    const files = [photo('a.jpg'), photo('b.jpg')];
    const upload = attachments.record(files, undefined, target);
    const previews = files.map((file) => receive(file));
    expect(files.map((file) => attachments.shownAt(upload, file).preview)).toEqual(previews);
    expect(await attachments.remove(upload, files[0]!)).toBe('removed');
    expect(previews.map((preview) => preview.isConnected)).toEqual([false, true]);
    // One file left, one preview left: still matched.
    expect(attachments.shownAt(upload, files[1]!).preview).toBe(previews[1]);
  });
});
