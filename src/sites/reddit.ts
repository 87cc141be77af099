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
  // A text post's body takes 40,000; a comment 10,000 (`comment=VMarkdownLength(['text', 'comment'],
  // max_length=10000)` in reddit-archive/reddit r2/r2/controllers/api.py).
  limits: { post: 40000, reply: 10000 },
};
