import { i18n } from '#i18n';
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import samplePhotoUrl from '../../assets/sample-photo.jpg?url';
import { packViews } from '../compose/messages';
import type { PackView } from '../packs/active';
import { formatPosition } from '../photos/describe';
import { detectFormat } from '../photos/format';
import { readFound, type Found } from '../photos/found';
import { PackCard } from '../ui/pack-list';
import { mountEditor, type EditorKind } from './editors';

/** One composer per editor kind the supported sites use, each with a draft that shows a rule. */
const COMPOSERS: readonly { kind: EditorKind; editor: string; sites: string; example: string }[] = [
  { kind: 'draft', editor: 'Draft.js', sites: 'X', example: i18n.t('demo.example.codename') },
  { kind: 'lexical', editor: 'Lexical', sites: 'Facebook, Instagram, Threads, Reddit', example: i18n.t('demo.example.unreleased') },
  { kind: 'quill', editor: 'Quill', sites: 'LinkedIn', example: i18n.t('demo.example.results') },
  { kind: 'tiptap', editor: 'ProseMirror (TipTap)', sites: 'Bluesky', example: i18n.t('demo.example.disclaimer') },
  { kind: 'textarea', editor: 'textarea', sites: 'Mastodon', example: i18n.t('demo.example.contact') },
];

/** Where an organisation's pack would come from; the page shows the demo pack as if set there. */
const EXAMPLE_PACK_URL = 'https://packs.acme.example/social.json';

function Composer({ kind, editor, sites, example }: (typeof COMPOSERS)[number]) {
  const container = useRef<HTMLDivElement>(null);
  const readModel = useRef<() => string>(() => '');
  const [posted, setPosted] = useState<string>();
  useEffect(() => void (readModel.current = mountEditor(kind, container.current!, { placeholder: i18n.t('demo.placeholder') })), []);
  // Written through the editor's own input handling, which is what Sera watches: a textarea takes
  // the text as typed; rich editors take it as a paste (typed-in DOM edits would break Draft.js).
  const fillIn = async () => {
    const editable = container.current!.querySelector<HTMLElement>('textarea, [contenteditable="true"]')!;
    editable.focus();
    if (editable instanceof HTMLTextAreaElement) {
      editable.select();
      document.execCommand('insertText', false, example);
      return;
    }
    getSelection()!.selectAllChildren(editable);
    // Editors learn the selection from the selectionchange event that follows.
    await new Promise((done) => setTimeout(done, 50));
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', example);
    editable.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  };
  return (
    <form
      class="composer"
      data-kind={kind}
      onSubmit={(event) => {
        event.preventDefault();
        setPosted(readModel.current());
      }}
    >
      <h3>
        {editor} <small>{sites}</small>
      </h3>
      <div class="editor" ref={container} />
      <div class="row">
        <button type="button" class="link" onClick={() => void fillIn()}>
          {i18n.t('demo.fillIn')}
        </button>
        <button type="submit">{i18n.t('demo.post')}</button>
      </div>
      {posted !== undefined && <p class="posted">{i18n.t('demo.posted', [posted])}</p>}
    </form>
  );
}

const positionText = (found: Found) => (found.position ? formatPosition(found.position) : i18n.t('demo.noLocation'));

async function positionIn(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return positionText(await readFound(bytes, detectFormat(bytes)));
}

function PhotoUpload() {
  const input = useRef<HTMLInputElement>(null);
  const [samplePosition, setSamplePosition] = useState<string>();
  const [received, setReceived] = useState<{ name: string; position: string }[]>([]);
  useEffect(() => void fetch(samplePhotoUrl).then((response) => response.blob()).then(positionIn).then(setSamplePosition), []);
  // What a site's page script would see: this listener runs after Sera has cleaned the files.
  const onChange = async () => {
    const files = [...(input.current!.files ?? [])];
    setReceived(await Promise.all(files.map(async (file) => ({ name: file.name, position: await positionIn(file) }))));
  };
  // Picked as if from the file dialog, so that the upload guard sees an ordinary selection.
  const attachSample = async () => {
    const bytes = await (await fetch(samplePhotoUrl)).blob();
    const selection = new DataTransfer();
    selection.items.add(new File([bytes], 'sample-photo.jpg', { type: 'image/jpeg' }));
    input.current!.files = selection.files;
    input.current!.dispatchEvent(new Event('change', { bubbles: true }));
  };
  return (
    <section aria-labelledby="photo-title">
      <h2 id="photo-title">{i18n.t('demo.photoTitle')}</h2>
      <p>{i18n.t('demo.photoIntro')}</p>
      {samplePosition && <p>{i18n.t('demo.samplePosition', [samplePosition])}</p>}
      <div class="row">
        <button type="button" onClick={() => void attachSample()}>
          {i18n.t('demo.attachSample')}
        </button>
        <label class="picker">
          {i18n.t('demo.choosePhoto')}
          <input ref={input} type="file" accept="image/*" multiple onChange={() => void onChange()} />
        </label>
        <a href={samplePhotoUrl} download="sample-photo.jpg">
          {i18n.t('demo.downloadSample')}
        </a>
      </div>
      <ul class="received" aria-live="polite">
        {received.map(({ name, position }) => (
          <li key={name}>{i18n.t('demo.received', [name, position])}</li>
        ))}
      </ul>
    </section>
  );
}

/** The demo pack shown as the options page shows a pack the organisation deploys: locked, from its URL. */
function AdminPack() {
  const [views, setViews] = useState<PackView[]>([]);
  useEffect(
    () =>
      void packViews().then((all) =>
        setViews(all.filter((view) => view.source.kind === 'demo').map((view) => ({ ...view, key: 'example', source: { kind: 'managed-url', url: EXAMPLE_PACK_URL } }))),
      ),
    [],
  );
  const policy = { '3rdparty': { extensions: { [browser.runtime.id]: { packUrls: [EXAMPLE_PACK_URL], trustedKeys: ['RW…'] } } } };
  return (
    <section aria-labelledby="admin-title">
      <h2 id="admin-title">{i18n.t('demo.adminTitle')}</h2>
      <p>{i18n.t('demo.adminIntro')}</p>
      <pre class="policy">{JSON.stringify(policy, null, 2)}</pre>
      <p>{i18n.t('demo.adminPack')}</p>
      {views.map((view) => (
        <PackCard key={view.key} view={view} onChange={() => undefined} />
      ))}
    </section>
  );
}

function Demo() {
  return (
    <main>
      <h1>{i18n.t('demo.title')}</h1>
      <p class="intro">{i18n.t('demo.intro')}</p>
      <section aria-labelledby="composers-title">
        <h2 id="composers-title">{i18n.t('demo.composersTitle')}</h2>
        <ol class="steps">
          <li>{i18n.t('demo.stepType')}</li>
          <li>{i18n.t('demo.stepCard')}</li>
          <li>{i18n.t('demo.stepPost')}</li>
        </ol>
        <div class="composers">
          {COMPOSERS.map((composer) => (
            <Composer key={composer.kind} {...composer} />
          ))}
        </div>
      </section>
      <PhotoUpload />
      <AdminPack />
      <p class="note">
        {i18n.t('demo.elsewhere')} <a href={browser.runtime.getURL('/options.html')}>{i18n.t('demo.settings')}</a>
      </p>
    </main>
  );
}

export function renderDemo(container: HTMLElement): void {
  render(<Demo />, container);
}
