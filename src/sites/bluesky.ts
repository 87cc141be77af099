import type { SiteAdapter } from './adapter';

// Bluesky's web composer is TipTap (ProseMirror).
export const bluesky: SiteAdapter = {
  name: 'Bluesky',
  hosts: ['bsky.app'],
  composer: '.ProseMirror[contenteditable="true"]',
  postButton: '[data-testid="composerPublishBtn"]',
  // Edit profile (src/screens/Profile/Header/EditProfileDialog.tsx): description and Save by test id.
  profile: { fields: '[data-testid="editProfileDescriptionInput"]', saveButton: '[data-testid="editProfileSaveBtn"]', maxLength: 256 },
  maxLength: 300,
};
