import type { SiteAdapter } from './adapter';

// Threads' composer is Lexical; "Post" is a div with role=button.
export const threads: SiteAdapter = {
  name: 'Threads',
  hosts: ['threads.net', 'threads.com'],
  composer: '[data-lexical-editor="true"][contenteditable="true"]',
  postButton: '[role="dialog"] [role="button"], [role="dialog"] button, [role="button"]',
  postLabel: /^(post|julkaise|chapisha)$/i,
  // A reply's editor, in the reply dialog under the thread it answers or inline on a post's page, has
  // aria-placeholder "Reply to {username}…" (a new thread's: "What's new?"); public scripts that reply on
  // Threads select it so (e.g. TrustAHuman's Threads reply scraper). The label is Threads' English UI.
  replyContext: '[aria-placeholder^="Reply to"]',
  // Posts and replies alike: developers.facebook.com/documentation/threads/posts ("limited to 500 characters").
  limits: { post: 500, reply: 500 },
};
