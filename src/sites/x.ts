import type { SiteAdapter } from './adapter';

// X's composer is Draft.js; the test ids are stable across the web app's releases.
export const x: SiteAdapter = {
  name: 'X',
  hosts: ['x.com', 'twitter.com'],
  composer: '[data-testid^="tweetTextarea_"][contenteditable="true"]',
  postButton: '[data-testid="tweetButton"], [data-testid="tweetButtonInline"]',
  // Edit profile: the bio is textarea[name="description"], saved by data-testid="Profile_Save_Button".
  profile: { fields: 'textarea[name="description"]', saveButton: '[data-testid="Profile_Save_Button"]', maxLength: 160 },
  maxLength: 280,
};
