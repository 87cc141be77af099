import type { SiteAdapter } from './adapter';

// New Reddit: a Lexical editor inside <shreddit-composer>. Old Reddit: plain textareas.
export const reddit: SiteAdapter = {
  name: 'Reddit',
  hosts: ['reddit.com'],
  composer: 'shreddit-composer [data-lexical-editor="true"][contenteditable="true"], .usertext-edit textarea',
  postButton: 'shreddit-composer button[type="submit"], shreddit-composer [slot="submit-button"], r-post-form-submit-button, .usertext-buttons button.save',
  maxLength: 40000,
};
