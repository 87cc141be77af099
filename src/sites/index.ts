import { hostMatches, type SiteAdapter } from './adapter';
import { bluesky } from './bluesky';
import { facebook } from './facebook';
import { generic } from './generic';
import { instagram } from './instagram';
import { linkedin } from './linkedin';
import { mastodon } from './mastodon';
import { reddit } from './reddit';
import { threads } from './threads';
import { x } from './x';

/** The sites Sera supports from install. */
export const BUILT_IN_SITES: readonly SiteAdapter[] = [x, linkedin, facebook, instagram, threads, reddit, bluesky];

/**
 * The adapters for a page, most specific first. Hosts enabled at run time (Mastodon instances,
 * sites the admin adds) get the Mastodon adapter, then the generic one.
 */
export function adaptersFor(host: string): readonly SiteAdapter[] {
  const builtIn = BUILT_IN_SITES.find((site) => hostMatches(host, site.hosts));
  return builtIn ? [builtIn] : [mastodon, generic];
}

export function isBuiltInHost(host: string): boolean {
  return BUILT_IN_SITES.some((site) => hostMatches(host, site.hosts));
}
