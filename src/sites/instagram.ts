import type { SiteAdapter } from './adapter';

/** A post's comment form: a textarea ("Add a comment…") sent by its Post button or by Enter. */
const COMMENT_FORM = 'form:has(textarea:not(#pepBio))';

// Instagram's caption box in the "Create new post" dialog is Lexical; "Share" publishes. Comments
// are written in COMMENT_FORM's textarea, as public scripts type into textarea[aria-label="Add a
// comment…"] and press Enter or the form's submit button.
export const instagram: SiteAdapter = {
  name: 'Instagram',
  hosts: ['instagram.com'],
  composer: `[data-lexical-editor="true"][contenteditable="true"], ${COMMENT_FORM} textarea`,
  replyContext: COMMENT_FORM,
  enterPosts: COMMENT_FORM,
  postButton: `[role="dialog"] [role="button"], [role="dialog"] button, ${COMMENT_FORM} button[type="submit"], ${COMMENT_FORM} [role="button"]`,
  postLabel: /^(share|post|jaa|shiriki)$/i,
  // accounts/edit: the bio is textarea#pepBio, saved by its form's submit button.
  profile: { fields: 'textarea#pepBio', saveButton: 'form:has(#pepBio) button[type="submit"]' },
  // Captions and comments 2,200, bio 150 (blog.aitoearn.ai/how-long-can-an-instagram-post-be).
  limits: { post: 2200, reply: 2200, bio: 150 },
};
