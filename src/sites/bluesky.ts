import type { SiteAdapter } from './adapter';

// Bluesky's web composer is TipTap (ProseMirror).
export const bluesky: SiteAdapter = {
  name: 'Bluesky',
  hosts: ['bsky.app'],
  composer: '.ProseMirror[contenteditable="true"]',
  postButton: '[data-testid="composerPublishBtn"]',
  maxLength: 300,
};
