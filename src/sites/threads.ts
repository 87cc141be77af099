import type { SiteAdapter } from './adapter';

// Threads' composer is Lexical; "Post" is a div with role=button.
export const threads: SiteAdapter = {
  name: 'Threads',
  hosts: ['threads.net', 'threads.com'],
  composer: '[data-lexical-editor="true"][contenteditable="true"]',
  postButton: '[role="dialog"] [role="button"], [role="dialog"] button, [role="button"]',
  postLabel: /^(post|julkaise|chapisha)$/i,
  maxLength: 500,
};
