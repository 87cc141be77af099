import type { SiteAdapter } from './adapter';

// TikTok's caption editor (TikTok Studio's upload page) and its comment and reply boxes are Draft.js
// editors; Post is button[data-e2e="post_video_button"] on the upload page and the comment footer's
// [data-e2e="comment-post"] (a div whose generated class holds "DivPostButton"). The bio is a
// textarea in the edit-profile dialog; its markers are this adapter's best knowledge, not verified
// against a public script.
export const tiktok: SiteAdapter = {
  name: 'TikTok',
  hosts: ['tiktok.com'],
  composer: '.public-DraftEditor-content[contenteditable="true"]',
  replyContext: '[data-e2e="comment-input"]',
  // Enter sends a comment (formancy/tiktok-comment-bot types a comment and presses Enter).
  enterPosts: '[data-e2e="comment-input"]',
  postButton: '[data-e2e="post_video_button"], [data-e2e="comment-post"], [class*="DivPostButton"]',
  profile: { fields: '[data-e2e="edit-profile-popup"] textarea', saveButton: '[data-e2e="edit-profile-save"]', maxLength: 80 },
  // TikTok Studio counts captions to 4,000 characters (raised from 2,200, which is still the Content
  // Posting API's limit): napoleoncat.com/dictionary/tiktok-character-count, socialk.it's TikTok
  // character counter. Comments allow 150.
  maxLength: 4000,
};
