/**
 * Where Sera runs from install: the supported social sites. Mastodon instances and sites the admin
 * adds are enabled at run time, with that host's permission.
 */
export const SITE_MATCHES = [
  'https://*.x.com/*',
  'https://*.twitter.com/*',
  'https://*.linkedin.com/*',
  'https://*.facebook.com/*',
  'https://*.instagram.com/*',
  'https://*.threads.net/*',
  'https://*.threads.com/*',
  'https://*.reddit.com/*',
  'https://bsky.app/*',
];
