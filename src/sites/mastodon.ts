import type { SiteAdapter } from './adapter';

// Any Mastodon instance (the person or admin enables its host): a React-controlled textarea.
export const mastodon: SiteAdapter = {
  name: 'Mastodon',
  hosts: [],
  composer: 'textarea.autosuggest-textarea__textarea',
  postButton: '.compose-form__publish button, .compose-form button[type="submit"]',
  maxLength: 500,
};
