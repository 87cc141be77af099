import type { SiteAdapter } from './adapter';

// New Reddit: a Lexical editor slotted into <shreddit-composer>; the title is a textarea in the open
// shadow root of <faceplate-textarea-input name="title">, and Post a button in the shadow root of
// <r-post-form-submit-button>. Old Reddit: plain textareas.
export const reddit: SiteAdapter = {
  name: 'Reddit',
  hosts: ['reddit.com'],
  composer: 'shreddit-composer [data-lexical-editor="true"][contenteditable="true"], .usertext-edit textarea',
  title: 'faceplate-textarea-input[name="title"]',
  // The comment box under a post or a comment.
  replyContext: 'comment-composer-host',
  postButton: 'shreddit-composer button[type="submit"], shreddit-composer [slot="submit-button"], r-post-form-submit-button, .usertext-buttons button.save',
  maxLength: 40000,
};
