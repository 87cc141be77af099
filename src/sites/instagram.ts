import type { SiteAdapter } from './adapter';

// Instagram's caption box in the "Create new post" dialog is Lexical; "Share" publishes.
export const instagram: SiteAdapter = {
  name: 'Instagram',
  hosts: ['instagram.com'],
  composer: '[data-lexical-editor="true"][contenteditable="true"]',
  postButton: '[role="dialog"] [role="button"], [role="dialog"] button',
  postLabel: /^(share|post|jaa|shiriki)$/i,
  // accounts/edit: the bio is textarea#pepBio, saved by its form's submit button.
  profile: { fields: 'textarea#pepBio', saveButton: 'form:has(#pepBio) button[type="submit"]', maxLength: 150 },
  maxLength: 2200,
};
