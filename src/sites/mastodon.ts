import type { SiteAdapter } from './adapter';

// Any Mastodon instance (the person or admin enables its host): a React-controlled textarea.
export const mastodon: SiteAdapter = {
  name: 'Mastodon',
  hosts: [],
  composer: 'textarea.autosuggest-textarea__textarea',
  postButton: '.compose-form__publish button, .compose-form button[type="submit"]',
  // Composing a reply shows the post it answers (.reply-indicator) in the compose form.
  replyContext: '.compose-form:has(.reply-indicator)',
  // Settings → Profile: the bio is the account's note, saved by the form's submit button.
  profile: { fields: 'form#edit_profile textarea#account_note', saveButton: 'form#edit_profile button[type="submit"]', maxLength: 500 },
  maxLength: 500,
};
