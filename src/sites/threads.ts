import type { SiteAdapter } from './adapter';

/**
 * The inline reply's send button on a post's page: a role=button around an arrow icon (svg
 * aria-label "Reply") turned by a span styled "--x-transform: rotate(90deg)"; the speech-bubble
 * "Reply" icon that opens a composer under every post is the same svg unturned (TrustAHuman's
 * Threads reply scraper, isSubmitButton/isReplyIconButton in ThreadsReplyScraper.ts; the second
 * svg[aria-label="Reply"] on the page once the composer is open, in the Safari automation's Threads
 * selectors verified January 2026). The turn tells the arrow from the bubble in any UI language;
 * its label (postLabel) tells it from other turned icons.
 */
const TURNED_ICON = 'span[style*="rotate(90deg)"] svg';
const REPLY_ARROW = `[role="button"]:has(${TURNED_ICON})`;

// Threads' composer is Lexical; "Post" is a div with role=button and the word alone.
export const threads: SiteAdapter = {
  name: 'Threads',
  hosts: ['threads.net', 'threads.com'],
  composer: '[data-lexical-editor="true"][contenteditable="true"]',
  // Text buttons, and the reply arrow; other icon buttons (like, the reply bubble, repost) are not
  // Post even when their icon's label is a word postLabel takes.
  postButton: `[role="dialog"] button, [role="button"]:not(:has(svg)), ${REPLY_ARROW}`,
  // The arrow's label is its icon's: "Reply" in English; "Vastaa" and "Jibu" are the Finnish and Swahili
  // words for it, assumed (no public source shows Threads' translations), as "Julkaise" and "Chapisha" are.
  postLabel: /^(post|julkaise|chapisha|reply|vastaa|jibu)$/i,
  // A reply is written in the reply dialog, which shows the post it answers, with that post's
  // permalink around its time (a[href*="/post/"] time, as public scrapers read Threads posts; a new
  // thread's dialog has no post in it), or inline on a post's page, in the box around the reply arrow
  // that holds no post (div[data-pressable-container], Threads' post element), so a composer elsewhere
  // on the page is not taken in.
  // Both are structure, so a Finnish or Swahili UI is read the same; the English editor label "Reply
  // to {username}…" (aria-placeholder, which TrustAHuman's scraper selects) also says so. Ctrl/Cmd+Enter
  // sends both and is held as everywhere; Enter alone is a new line there (no public script sends a
  // Threads reply with it), so it is not held.
  replyContext: `[aria-placeholder^="Reply to"], [role="dialog"]:has(a[href*="/post/"] time), div:has([role="button"] ${TURNED_ICON}):not(:has([data-pressable-container]))`,
  // Posts and replies alike: developers.facebook.com/documentation/threads/posts ("limited to 500 characters").
  limits: { post: 500, reply: 500 },
};
