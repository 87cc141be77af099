import type { SiteAdapter } from './adapter';

/**
 * A comment or reply box: a Lexical textbox in form[role="presentation"] under a feed post
 * ([aria-posinset]) or labelled "Write a comment…"/"Reply to…"; Enter sends it.
 */
const COMMENT_FORM = '[aria-posinset] form[role="presentation"], form[role="presentation"]:has([aria-label^="Write a comment"], [aria-label^="Reply to"])';

// Facebook's composer is Lexical; its post button is a div with role=button and the word "Post".
export const facebook: SiteAdapter = {
  name: 'Facebook',
  hosts: ['facebook.com'],
  composer: '[data-lexical-editor="true"][contenteditable="true"]',
  postButton: '[role="dialog"] [role="button"], [role="dialog"] button',
  postLabel: /^(post|julkaise|chapisha)$/i,
  replyContext: COMMENT_FORM,
  enterPosts: COMMENT_FORM,
  // 63,206 per post, 8,000 per comment (typecount.com/tools/facebook-character-counter, postonce.to's Facebook counter).
  limits: { post: 63206, reply: 8000 },
};
