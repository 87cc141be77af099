import { browser } from 'wxt/browser';
import type { Explanation, PackCheck, PackOffer, PackView } from '../packs/active';
import type { PackProblem } from '../packs/fetch-pack';
import type { Surface } from '../packs/schema';
import type { CleanMode } from '../photos/report';

/**
 * Messages between the content script, the popup and the background. The draft goes only to the
 * extension's own background (where the packs are compiled once), never further.
 */
export type Request =
  | { readonly type: 'sera:check'; readonly text: string; readonly site: string; readonly surface?: Surface; readonly at?: string; readonly notAboutWork?: readonly number[]; readonly explain?: boolean }
  | { readonly type: 'sera:packs' }
  | { readonly type: 'sera:approved-posts'; readonly site: string }
  | { readonly type: 'sera:managed' }
  | PackCommand;

/**
 * The organisation's settings a content script needs, parsed in the background: the parser (zod)
 * would add a fifth to the content script's size.
 */
export type ManagedReply = { readonly photoMode?: CleanMode; readonly allowUserDisable: boolean };

/** From the options page; the background is the one writer of pack records. */
export type PackCommand =
  | { readonly type: 'sera:pack-subscribe'; readonly url: string }
  | { readonly type: 'sera:pack-import'; readonly fileName: string; readonly base64: string; readonly signature?: string }
  | { readonly type: 'sera:pack-remove'; readonly key: string }
  | { readonly type: 'sera:pack-refresh' };

/** A refused import or subscription says why; otherwise the state is in the pack views. */
export type PackCommandReply = { readonly problem?: PackProblem };

/** With `explain`, each sentence's text-model scores and the rules that flag by them. */
export type CheckReply = PackCheck & { readonly explanation?: Explanation };
export type PacksReply = { readonly packs: PackView[] };
export type ApprovedPostsReply = { readonly posts: PackOffer[] };

/** Asked of a tab's content script by the popup: counts only, never text. */
export type TabStatusRequest = { readonly type: 'sera:tab-status' };
export interface TabStatus {
  readonly active: boolean;
  readonly site: string;
  readonly findings: number;
}

/**
 * `surface` is where the composer's draft goes (default: a post); `notAboutWork` are the starts of
 * sentences the person said are not about work. `at` (ISO time) and `explain` are for the options
 * page's playground; the composer checks as of now.
 */
export async function checkDraft(
  text: string,
  site: string,
  { surface, at, notAboutWork, explain }: { surface?: Surface; at?: string; notAboutWork?: readonly number[]; explain?: boolean } = {},
): Promise<CheckReply> {
  const request: Request = { type: 'sera:check', text, site, ...(surface ? { surface } : {}), ...(at ? { at } : {}), ...(notAboutWork?.length ? { notAboutWork } : {}), ...(explain ? { explain } : {}) };
  return (await browser.runtime.sendMessage(request)) as CheckReply;
}

export async function packViews(): Promise<PackView[]> {
  const reply = (await browser.runtime.sendMessage({ type: 'sera:packs' } satisfies Request)) as PacksReply;
  return reply.packs;
}

export async function packCommand(command: PackCommand): Promise<PackCommandReply> {
  return (await browser.runtime.sendMessage(command)) as PackCommandReply;
}

export async function managedSummary(): Promise<ManagedReply> {
  return (await browser.runtime.sendMessage({ type: 'sera:managed' } satisfies Request)) as ManagedReply;
}

/** The approved posts in force on a site, for the popup. */
export async function approvedPosts(site: string): Promise<PackOffer[]> {
  return ((await browser.runtime.sendMessage({ type: 'sera:approved-posts', site } satisfies Request)) as ApprovedPostsReply).posts;
}
