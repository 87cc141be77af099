import { RICH_EDITOR_MARKERS, type SiteAdapter } from './adapter';

// Sites the admin or the person adds: any textarea or known rich editor; the form's submit button posts.
export const generic: SiteAdapter = {
  name: 'this site',
  hosts: [],
  composer: `textarea, ${RICH_EDITOR_MARKERS}, [contenteditable="true"][role="textbox"]`,
  postButton: 'form button[type="submit"], form input[type="submit"]',
};
