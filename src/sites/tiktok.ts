import type { SiteAdapter } from './adapter';

// TikTok's caption editor (TikTok Studio's upload page) and its comment and reply boxes are Draft.js
// editors; Post is button[data-e2e="post_video_button"] on the upload page and the comment footer's
// [data-e2e="comment-post"] (a div whose generated class holds "DivPostButton"). The bio is
// textarea[data-e2e="edit-profile-bio-input"] in the Edit profile dialog, saved by
// button[data-e2e="edit-profile-save"], as kimtrongdev/scripts ex/tiktok_scripts/tiktok_update_info.js
// fills and saves it.
export const tiktok: SiteAdapter = {
  name: 'TikTok',
  hosts: ['tiktok.com'],
  composer: '.public-DraftEditor-content[contenteditable="true"]',
  replyContext: '[data-e2e="comment-input"]',
  // Enter sends a comment (formancy/tiktok-comment-bot types a comment and presses Enter).
  enterPosts: '[data-e2e="comment-input"]',
  postButton: '[data-e2e="post_video_button"], [data-e2e="comment-post"], [class*="DivPostButton"]',
  profile: { fields: 'textarea[data-e2e="edit-profile-bio-input"]', saveButton: '[data-e2e="edit-profile-save"]' },
  // TikTok Studio counts captions to 4,000 characters (raised from 2,200, which is still the Content
  // Posting API's limit); comments allow 150 and a bio 80: napoleoncat.com/dictionary/tiktok-character-count,
  // postonce.to's TikTok character counter.
  limits: { post: 4000, reply: 150, bio: 80 },
};
