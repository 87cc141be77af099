import type { SiteAdapter } from './adapter';

const HEADLINE = '[id*="profileEditFormElement-TOP-CARD"][id$="-headline"]';
const ABOUT = 'textarea[id*="profileEditFormElement-SUMMARY"]';

// LinkedIn's share box and comment boxes are Quill editors. The profile's edit forms name their fields
// by form element (TOP_CARD headline, SUMMARY about) and save with the modal's primary button.
export const linkedin: SiteAdapter = {
  name: 'LinkedIn',
  hosts: ['linkedin.com'],
  composer: '.ql-editor[contenteditable="true"]',
  postButton: '.share-actions__primary-action, .comments-comment-box__submit-button, .comments-comment-box__submit-button--cr',
  replyContext: '.comments-comment-box',
  profile: {
    fields: `${HEADLINE}, ${ABOUT}`,
    saveButton: '.artdeco-modal__actionbar .artdeco-button--primary',
  },
  // Posts 3,000, comments 1,250 (count-words.com and linkedinboost.app's LinkedIn character limit guides).
  limits: { post: 3000, reply: 1250 },
  // Both profile fields are bios, each with its own limit: headline 220 (raised from 120 in April 2020),
  // about 2,600 (linkedinsights.com's LinkedIn character count guide; b2c.org.uk's LinkedIn character limit guide agrees).
  fieldLimit: (field) => (field.matches(HEADLINE) ? 220 : field.matches(ABOUT) ? 2600 : undefined),
};
