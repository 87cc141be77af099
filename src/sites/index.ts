import type { Surface } from '../packs/schema';
import { hostMatches, surfacesOf, type SiteAdapter } from './adapter';
import { bluesky } from './bluesky';
import { facebook } from './facebook';
import { generic } from './generic';
import { instagram } from './instagram';
import { linkedin } from './linkedin';
import { mastodon } from './mastodon';
import { reddit } from './reddit';
import { threads } from './threads';
import { tiktok } from './tiktok';
import { x } from './x';
import { youtube } from './youtube';

/** The sites Sera supports from install. */
export const BUILT_IN_SITES: readonly SiteAdapter[] = [x, linkedin, facebook, instagram, threads, reddit, bluesky, tiktok, youtube];

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

/** The surfaces Sera checks on a built-in site; undefined for other hosts, where any may be. */
export function surfacesOn(host: string): readonly Surface[] | undefined {
  const builtIn = BUILT_IN_SITES.find((site) => hostMatches(host, site.hosts));
  return builtIn && surfacesOf(builtIn);
}
