import { browser } from 'wxt/browser';
import type { PackFinding, PackSummary } from '../packs/active';

/**
 * Messages between the content script, the popup and the background. The draft goes only to the
 * extension's own background (where the packs are compiled once), never further.
 */
export type Request =
  | { readonly type: 'sera:check'; readonly text: string; readonly site: string }
  | { readonly type: 'sera:packs' };

export type CheckReply = { readonly findings: PackFinding[] };
export type PacksReply = { readonly packs: PackSummary[] };

/** Asked of a tab's content script by the popup: counts only, never text. */
export type TabStatusRequest = { readonly type: 'sera:tab-status' };
export interface TabStatus {
  readonly active: boolean;
  readonly site: string;
  readonly findings: number;
}

export async function checkDraft(text: string, site: string): Promise<PackFinding[]> {
  const reply = (await browser.runtime.sendMessage({ type: 'sera:check', text, site } satisfies Request)) as CheckReply;
  return reply.findings;
}

export async function activePackSummaries(): Promise<PackSummary[]> {
  const reply = (await browser.runtime.sendMessage({ type: 'sera:packs' } satisfies Request)) as PacksReply;
  return reply.packs;
}
