import { browser } from 'wxt/browser';
import { readManagedSettings } from '../managed/storage';
import { addedSites } from './site-settings';

const SCRIPT_ID = 'sera-added-sites';
/** The same content script the manifest declares for the built-in sites. */
const CONTENT_SCRIPT = '/content-scripts/content.js';

export const originFor = (host: string) => `https://${host}/*`;

/**
 * Keeps the run-time content script in step with the sites the person (or admin) added: it runs on
 * each added host whose permission the browser granted, and nowhere else.
 */
export function syncAddedSites(): Promise<void> {
  // One at a time: overlapping runs would register the same script id twice.
  return (syncing = syncing.then(registerGranted, registerGranted));
}
let syncing = Promise.resolve();

async function registerGranted(): Promise<void> {
  const hosts = await sitesToAdd();
  const granted: string[] = [];
  for (const host of hosts) if (await browser.permissions.contains({ origins: [originFor(host)] })) granted.push(host);
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (registered.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (granted.length === 0) return;
  await browser.scripting.registerContentScripts([
    { id: SCRIPT_ID, matches: granted.map(originFor), js: [CONTENT_SCRIPT], runAt: 'document_start', allFrames: true, persistAcrossSessions: true },
  ]);
}

/** The person's added sites and the organisation's extraSites. */
export async function sitesToAdd(): Promise<string[]> {
  return [...new Set([...(await addedSites.getValue()), ...(await readManagedSettings()).extraSites])];
}

/**
 * Sites the organisation added that still wait for the person's one click: browsers grant host
 * access only on a user gesture, even to a force-installed extension.
 */
export async function sitesAwaitingPermission(): Promise<string[]> {
  const { extraSites } = await readManagedSettings();
  const waiting: string[] = [];
  for (const host of extraSites) if (!(await browser.permissions.contains({ origins: [originFor(host)] }))) waiting.push(host);
  return waiting;
}

/**
 * Adds a site from the popup: asks for its permission (the popup click is the user gesture the
 * browser needs), remembers it, and starts Sera in the open tab without a reload.
 */
export async function addSite(host: string, tabId: number): Promise<boolean> {
  if (!(await browser.permissions.request({ origins: [originFor(host)] }))) return false;
  const hosts = await addedSites.getValue();
  if (!hosts.includes(host)) await addedSites.setValue([...hosts, host]);
  await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [CONTENT_SCRIPT] });
  return true;
}
