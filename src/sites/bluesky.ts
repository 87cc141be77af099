import type { SiteAdapter } from './adapter';
import { graphemeLength } from './counting';

// Bluesky's web composer is TipTap (ProseMirror).
export const bluesky: SiteAdapter = {
  name: 'Bluesky',
  hosts: ['bsky.app'],
  composer: '.ProseMirror[contenteditable="true"]',
  postButton: '[data-testid="composerPublishBtn"]',
  // The composer (testID composePostView) offers "who can interact" (testID openReplyGateButton) only for a
  // new thread, never when it answers a post (src/view/com/composer/Composer.tsx: `isReply ? null : <ThreadgateBtn>`).
  replyContext: '[data-testid="composePostView"]:not(:has([data-testid="openReplyGateButton"]))',
  // Edit profile (src/screens/Profile/Header/EditProfileDialog.tsx): description and Save by test id.
  profile: { fields: '[data-testid="editProfileDescriptionInput"]', saveButton: '[data-testid="editProfileSaveBtn"]' },
  // MAX_GRAPHEME_LENGTH (posts and replies) and MAX_DESCRIPTION in src/lib/constants.ts, counted in graphemes.
  limits: { post: 300, reply: 300, bio: 256 },
  count: graphemeLength,
  // The composer's gallery (src/view/com/composer/photos/Gallery.tsx): "Remove image" by test id.
  removeAttachment: '[data-testid="removePhotoButton"]',
};
