import type { SiteAdapter } from './adapter';
import { xLength } from './counting';

// X's composer is Draft.js; the test ids are stable across the web app's releases.
export const x: SiteAdapter = {
  name: 'X',
  hosts: ['x.com', 'twitter.com'],
  composer: '[data-testid^="tweetTextarea_"][contenteditable="true"]',
  postButton: '[data-testid="tweetButton"], [data-testid="tweetButtonInline"]',
  // A reply is written in the reply dialog, which shows the post it answers above the composer (the
  // compose view renders it with the timeline's tweet component, article[data-testid="tweet"]), or
  // inline under a post on its page, in the wrapper X's client gives testID "inline_reply_offscreen"
  // (_renderInlineReply in X's web bundle, archived in DzikStar/X-SCRAPER shared/loader/inlineTombstoneHandler/loader/tweetHandler.js).
  // A quote post's dialog is not one: the quoted post is a card in the composer's attachments
  // (testID "attachments"), drawn by the quote-tweet component, not as an article (_renderQuoteTweet in
  // RichTextCompose-a2dee9c7.js of the same archive).
  replyContext: '[role="dialog"]:has(article[data-testid="tweet"]), [data-testid="inline_reply_offscreen"]',
  // Edit profile: the bio is textarea[name="description"], saved by data-testid="Profile_Save_Button".
  profile: { fields: 'textarea[name="description"]', saveButton: '[data-testid="Profile_Save_Button"]' },
  // 280 weighted characters for posts and replies alike without Premium (docs.x.com/fundamentals/counting-characters);
  // a bio takes 160.
  limits: { post: 280, reply: 280, bio: 160 },
  count: xLength,
  // Each attached photo's preview has data-testid="removeMedia" (aria-label "Remove media"), as public
  // scripts posting to X wait for it once an upload is done.
  removeAttachment: '[data-testid="removeMedia"]',
};
