import type { SiteAdapter } from './adapter';

// Facebook's composer is Lexical; its post button is a div with role=button and the word "Post".
export const facebook: SiteAdapter = {
  name: 'Facebook',
  hosts: ['facebook.com'],
  composer: '[data-lexical-editor="true"][contenteditable="true"]',
  postButton: '[role="dialog"] [role="button"], [role="dialog"] button',
  postLabel: /^(post|julkaise|chapisha)$/i,
  maxLength: 63206,
};
