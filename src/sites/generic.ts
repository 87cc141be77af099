import { RICH_EDITOR_MARKERS, type SiteAdapter } from './adapter';

// Sites the admin or the person adds: any textarea or known rich editor, or the editable body of a
// frame (TinyMCE, CKEditor 4); the form's submit button posts.
export const generic: SiteAdapter = {
  name: 'this site',
  hosts: [],
  composer: `textarea, ${RICH_EDITOR_MARKERS}, [contenteditable="true"][role="textbox"], body[contenteditable="true"]`,
  postButton: 'form button[type="submit"], form input[type="submit"]',
};
