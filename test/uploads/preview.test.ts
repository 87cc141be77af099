import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { facebook } from '../../src/sites/facebook';
import { generic } from '../../src/sites/generic';
import { linkedin } from '../../src/sites/linkedin';
import { distinctPreviews, localSource, mediaIn, removeControlOf, watchPreview } from '../../src/uploads/preview';

// The finders are pure DOM; linkedom gives them a document (and the globals `dom.ts` reads).
let document: Document;
const globals = globalThis as unknown as Record<string, unknown>;

function page(html: string): Document {
  const { document: parsed, window } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  globals.Node = window.Node;
  globals.MutationObserver = window.MutationObserver;
  document = parsed;
  return parsed;
}

beforeEach(() => {
  globals.Node = undefined;
});
afterEach(() => {
  delete globals.Node;
  delete globals.MutationObserver;
});

const byId = (id: string) => document.getElementById(id)!;
/** The previews the page shows now: what the attachments module compares with the ones before an upload. */
const previews = () => distinctPreviews(mediaIn(document));

// LinkedIn's share box with a photo: a modal with its own Dismiss (×), the Quill editor, the image
// tile with Edit and Remove, and Post at the bottom.
const LINKEDIN_SHARE_BOX = `
<div role="dialog" class="artdeco-modal share-box-v2__modal" aria-labelledby="share-header">
  <div class="artdeco-modal__header"><h2 id="share-header">Create a post</h2>
    <button class="artdeco-modal__dismiss artdeco-button" aria-label="Dismiss"><svg><use href="#close-medium"></use></svg></button></div>
  <div class="share-creation-state__text-editor"><div class="ql-editor" contenteditable="true"><p>Our new office!</p></div></div>
  <div class="share-creation-state__media-container">
    <div class="share-images__image-container">
      <img id="photo" class="share-images__image" src="blob:https://www.linkedin.com/6b1c0f6e-2a1d-4c4e-9a7e-1d2b3c4d5e6f" alt="">
      <div class="share-images__actions">
        <button class="artdeco-button artdeco-button--circle" aria-label="Edit"><svg><use href="#edit-medium"></use></svg></button>
        <button id="remove" class="artdeco-button artdeco-button--circle" aria-label="Remove"><svg><use href="#trash-medium"></use></svg></button>
      </div>
    </div>
  </div>
  <div class="share-box_actions"><button class="share-actions__primary-action artdeco-button">Post</button></div>
</div>`;

// Facebook's "Create post" dialog: role=button divs everywhere, the photo in a frame with "Edit
// all" and "Remove post attachment" over it, the dialog's own Close, Post at the bottom.
const FACEBOOK_CREATE_POST = `
<div role="dialog" aria-label="Create post">
  <div aria-label="Close" role="button" tabindex="0"><i class="x1b0d499"></i></div>
  <div class="x1n2onr6"><div data-lexical-editor="true" contenteditable="true" role="textbox" aria-label="What's on your mind?"><p><br></p></div></div>
  <div class="x1n2onr6 attachments">
    <div class="x78zum5"><div class="x1ey2m1c" style="background-image: url(&quot;blob:https://www.facebook.com/a1b2c3d4-0000-4000-8000-000000000001&quot;);"></div>
      <img id="photo" class="x1rg5ohu" src="blob:https://www.facebook.com/a1b2c3d4-0000-4000-8000-000000000001" alt=""></div>
    <div class="x6s0dn4">
      <div aria-label="Edit all" role="button" tabindex="0"><span>Edit all</span></div>
      <div id="remove" aria-label="Remove post attachment" role="button" tabindex="0"><i class="x1b0d499"></i></div>
    </div>
  </div>
  <div role="button" tabindex="0"><span>Post</span></div>
</div>`;

describe("a photo's preview on the page", () => {
  it('is the object or data URL an element shows: src, srcset, poster, <source>, inline background', () => {
    page(`
      <img id="src" src="blob:https://site.example/1">
      <img id="srcset" srcset="https://cdn.example/a.jpg 1x, blob:https://site.example/2 2x">
      <video id="poster" poster="data:image/jpeg;base64,/9j/4AAQ"></video>
      <video id="source"><source src="blob:https://site.example/3" type="video/mp4"></video>
      <div id="background" style="background-image: url('data:image/png;base64,iVBORw0KGgo=')"></div>
      <img id="served" src="https://cdn.example/avatar.jpg">
      <span id="icon" style="background: url(data:image/svg+xml;utf8,%3Csvg%3E%3C/svg%3E)"></span>`);
    expect(['src', 'srcset', 'poster', 'source', 'background', 'served', 'icon'].map((id) => localSource(byId(id)))).toEqual([
      'blob:https://site.example/1',
      'blob:https://site.example/2',
      'data:image/jpeg;base64,/9j/4AAQ',
      'blob:https://site.example/3',
      'data:image/png;base64,iVBORw0KGgo=',
      undefined,
      undefined,
    ]);
  });

  it('counts a photo shown by two elements once (a background under an <img> of the same URL, a frame around an image)', () => {
    page(`${FACEBOOK_CREATE_POST}
      <div id="second" style="background-image: url(blob:https://www.facebook.com/second)"><img src="blob:https://www.facebook.com/second-thumbnail"></div>`);
    expect(previews().map((element) => element.id || element.className)).toEqual(['x1ey2m1c', 'second']);
  });

  it('is found inside open shadow roots', () => {
    page('<media-tray id="tray"></media-tray>');
    byId('tray').attachShadow({ mode: 'open' }).innerHTML = '<div class="tile"><img src="blob:https://www.reddit.com/9"></div>';
    expect(previews().map(localSource)).toEqual(['blob:https://www.reddit.com/9']);
  });
});

describe("the page's own control that removes a preview", () => {
  it("LinkedIn's share box: the image tile's Remove, not the modal's Dismiss", () => {
    page(LINKEDIN_SHARE_BOX);
    expect(removeControlOf(byId('photo'), [linkedin])).toBe(byId('remove'));
  });

  it("Facebook's create-post dialog: the attachment's Remove, not the dialog's Close", () => {
    page(FACEBOOK_CREATE_POST);
    expect(removeControlOf(previews()[0]!, [facebook])).toBe(byId('remove'));
    expect(removeControlOf(byId('photo'), [facebook])).toBe(byId('remove'));
  });

  it('a preview without a control of its own: the × of the composer around it is never taken for one', () => {
    page(LINKEDIN_SHARE_BOX.replace(/<div class="share-images__actions">[\s\S]*?<\/div>/, ''));
    expect(removeControlOf(byId('photo'), [linkedin])).toBeUndefined();
    // Nor on a site Sera has no adapter for, whose post button it knows only by its name.
    page(`<section><button aria-label="Close">×</button><div class="tile"><img id="photo" src="blob:https://site.example/1"></div><button>Share</button></section>`);
    expect(removeControlOf(byId('photo'), [generic])).toBeUndefined();
  });

  it('two uploads, each with its own ×: each preview gets its own', () => {
    page(`<ul class="attachments">
      <li><img id="first" src="blob:https://site.example/1"><button id="remove-first" aria-label="Remove photo">×</button></li>
      <li><img id="second" src="blob:https://site.example/2"><button id="remove-second" aria-label="Remove photo">×</button></li>
    </ul><button type="submit">Post</button>`);
    expect(removeControlOf(byId('first'), [generic])).toBe(byId('remove-first'));
    expect(removeControlOf(byId('second'), [generic])).toBe(byId('remove-second'));
  });

  it("a preview without a ×, next to another photo that has one: the other photo's × is never taken for it", () => {
    page(`<ul class="attachments">
      <li><img id="first" src="blob:https://site.example/1"></li>
      <li><img src="blob:https://site.example/2"><button aria-label="Remove photo">×</button></li>
    </ul>`);
    expect(removeControlOf(byId('first'), [generic])).toBeUndefined();
  });

  it('a row of photos with a row of × buttons beside them: no button is known to be a given photo\'s', () => {
    page(`<div class="row"><img id="first" src="blob:https://site.example/1"><img src="blob:https://site.example/2"><button aria-label="Remove">×</button><button aria-label="Remove">×</button></div>`);
    expect(removeControlOf(byId('first'), [generic])).toBeUndefined();
  });

  it('two controls that both say remove in one tile: neither is pressed', () => {
    page(`<div class="tile"><img id="photo" src="blob:https://site.example/1"><button>Remove</button><button title="Close">✕</button></div>`);
    expect(removeControlOf(byId('photo'), [generic])).toBeUndefined();
  });

  it.each([
    ['Finnish', '<button id="remove" aria-label="Poista kuva"></button>'],
    ['Swahili', '<div id="remove" role="button" aria-label="Ondoa picha"></div>'],
    ['Swahili "Futa"', '<button id="remove">Futa</button>'],
    ['an × sign', '<span id="remove" role="button">×</span>'],
    ['an icon titled Delete', '<button id="remove"><svg><title>Delete</title><path d="M0 0"></path></svg></button>'],
    ['a role=button around a <button>', '<div id="remove" role="button" aria-label="Remove media"><button>×</button></div>'],
  ])('is named in %s', (_how, control) => {
    page(`<div class="tile"><img id="photo" src="data:image/jpeg;base64,/9j/4AAQ"><div class="actions">${control}<button aria-label="Edit">✎</button></div></div>`);
    expect(removeControlOf(byId('photo'), [generic])).toBe(byId('remove'));
  });

  it('a control named for something else (Edit, Alt text, Tag people) is not a remove control', () => {
    page(`<div class="tile"><img id="photo" src="blob:https://site.example/1"><button>Edit</button><button>Alt text</button><button aria-label="Tag people"></button></div>`);
    expect(removeControlOf(byId('photo'), [generic])).toBeUndefined();
  });

  it('a preview inside an open shadow root, with its Delete inside the same root', () => {
    page('<shreddit-composer><div contenteditable="true"></div><media-tray id="tray"></media-tray><button slot="submit-button" type="submit">Post</button></shreddit-composer>');
    const root = byId('tray').attachShadow({ mode: 'open' });
    root.innerHTML = '<div class="tile"><img src="blob:https://www.reddit.com/9"><button aria-label="Delete image">🗑</button></div>';
    expect(removeControlOf(root.querySelector('img')!, [generic])).toBe(root.querySelector('button'));
  });
});

describe('watching a preview', () => {
  it("tells once the photo leaves the page (the site's own ×), and not after being stopped", async () => {
    page(`<ul><li id="tile"><img id="photo" src="blob:https://site.example/1"></li><li id="other"><img src="blob:https://site.example/2"></li></ul>`);
    let gone = 0;
    watchPreview(byId('photo'), () => gone++);
    byId('other').remove();
    await settled();
    expect(gone).toBe(0);
    byId('tile').remove();
    await settled();
    expect(gone).toBe(1);

    page(`<ul><li id="tile"><img id="photo" src="blob:https://site.example/1"></li></ul>`);
    const watch = watchPreview(byId('photo'), () => gone++);
    watch.stop();
    byId('tile').remove();
    await settled();
    expect(gone).toBe(1);
  });

  it('follows the photo when the page renders it again in a new element', async () => {
    page(`<ul id="list"><li><img id="photo" src="blob:https://site.example/1"></li></ul>`);
    let gone = 0;
    const watch = watchPreview(byId('photo'), () => gone++);
    byId('list').innerHTML = '<li><img id="again" src="blob:https://site.example/1"></li>';
    await settled();
    expect(gone).toBe(0);
    expect(watch.current()).toBe(byId('again'));
    byId('list').innerHTML = '';
    await settled();
    expect(gone).toBe(1);
  });
});

/** MutationObserver callbacks run as microtasks; one turn of the event loop runs them all. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
