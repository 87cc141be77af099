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
  profile: { fields: 'form#edit_profile textarea#account_note', saveButton: 'form#edit_profile button[type="submit"]' },
  // Each instance sets its own limit; Mastodon's default is 500 for posts and replies (MAX_CHARS in
  // app/validators/status_length_validator.rb, counted in grapheme clusters) and 500 for the note.
  limits: { post: 500, reply: 500, bio: 500 },
  countsGraphemes: true,
  // Each upload's thumbnail has its close button (features/compose/components/upload.tsx).
  removeAttachment: '.compose-form__upload .compose-form__upload__delete',
};
