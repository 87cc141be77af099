import type { SiteAdapter } from './adapter';

// LinkedIn's share box and comment boxes are Quill editors.
export const linkedin: SiteAdapter = {
  name: 'LinkedIn',
  hosts: ['linkedin.com'],
  composer: '.ql-editor[contenteditable="true"]',
  postButton: '.share-actions__primary-action, .comments-comment-box__submit-button, .comments-comment-box__submit-button--cr',
  maxLength: 3000,
};
