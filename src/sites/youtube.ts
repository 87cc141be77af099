import type { SiteAdapter } from './adapter';

// YouTube and YouTube Studio are Polymer apps rendering into the light DOM. Studio's upload details
// put the title and the description each in a contenteditable #textbox inside
// ytcp-social-suggestions-textbox (#title-textarea, #description-textarea); Next and Publish are
// ytcp-button#next-button and #done-button. Comments, replies and community posts are
// contenteditable #contenteditable-root inside ytd-commentbox, sent by its #submit-button; a reply
// box sits in ytd-comment-reply-dialog-renderer under the comment it answers, all inside ytd-comments.
const TITLE = 'ytcp-social-suggestions-textbox#title-textarea #textbox';

export const youtube: SiteAdapter = {
  name: 'YouTube',
  hosts: ['youtube.com'],
  composer: 'ytcp-social-suggestions-textbox#description-textarea #textbox, ytd-commentbox #contenteditable-root, ytd-backstage-post-dialog-renderer #contenteditable-root',
  title: TITLE,
  replyContext: 'ytd-comments',
  postButton: 'ytcp-button#done-button, ytd-commentbox #submit-button, ytd-backstage-post-dialog-renderer #submit-button',
  // Descriptions allow 5,000 characters, titles 100 and comments 10,000
  // (typecount.com/blog/youtube-description-character-limit, lettercounter.org's YouTube guide).
  limits: { post: 5000, reply: 10000 },
  fieldLimit: (field) => (field.matches(TITLE) ? 100 : undefined),
};
