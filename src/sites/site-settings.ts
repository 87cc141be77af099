import { storage } from 'wxt/utils/storage';

/** Hosts where the person turned Sera's draft checks off (photo cleaning stays on). */
export const disabledSites = storage.defineItem<string[]>('local:disabledSites', { fallback: [] });

/** Sites enabled at run time (Mastodon instances and the like), each with its host permission. */
export const addedSites = storage.defineItem<string[]>('local:addedSites', { fallback: [] });

/** The host a setting is kept for: "www." and "mobile." are the same site to the person. */
export function siteKey(host: string): string {
  return host.replace(/^(?:www|mobile|m)\./, '');
}
