import type { Surface } from '../packs/schema';
import { codePointLength } from './counting';

/**
 * What Sera knows about one site's composer. Selectors live only in the adapters; everything else
 * (reading drafts, underlines, fixes, the pre-post check) is shared.
 */
export interface SiteAdapter {
  /** Shown to the person, e.g. "X". */
  readonly name: string;
  /** Host names the adapter is for, subdomains included; empty for adapters chosen at run time. */
  readonly hosts: readonly string[];
  /**
   * The editable roots to check: a textarea or a contenteditable element, or the host of the open
   * shadow root that holds one (at any depth).
   */
  readonly composer: string;
  /** The post's title field, checked as part of the post; matched the way `composer` is. */
  readonly title?: string;
  /** Around a composer that answers someone (a reply or comment box): its drafts are checked as the 'reply' surface. */
  readonly replyContext?: string;
  /** Around composers where Enter alone posts (comment boxes): Enter is held there as Ctrl+Enter is. */
  readonly enterPosts?: string;
  /**
   * Profile fields (bio, headline, description: textareas, one-line text inputs or contenteditable
   * elements), matched the way `composer` is: composers too, checked as the 'bio' surface, with the
   * profile form's save button standing for Post.
   */
  readonly profile?: { readonly fields: string; readonly saveButton: string };
  /**
   * The site's post buttons; the pre-post check runs when one is pressed. Any element on the
   * press's path may match, so a web component's host stands for the button inside its shadow root.
   */
  readonly postButton: string;
  /** Narrows `postButton` by the button's visible text (an icon button's: its icon's label), where the site gives it no stable marker. */
  readonly postLabel?: RegExp;
  /** The site's length limit per surface, so the disclaimer fix can say when it would not fit. */
  readonly limits?: Readonly<Partial<Record<Surface, number>>>;
  /**
   * A field's own limit where the field or its page, not the surface, decides it (a profile's
   * headline beside its about text, an instance's own limit); undefined leaves the surface's.
   */
  readonly fieldLimit?: (field: HTMLElement, surface: Surface) => number | undefined;
  /** How the site counts a draft against its limits (src/sites/counting.ts); code points unless it says otherwise. */
  readonly count?: (text: string) => number;
  /**
   * The remove (×) button on each photo or video attached to a composer, matched the way
   * `postButton` is: "Remove photo" presses the one that appeared for that upload. Without it,
   * Sera can only empty a file input that still holds the photo, and otherwise tells the person how.
   */
  readonly removeAttachment?: string;
}

/** A draft's length as the site counts it against its limits. */
export function lengthOnSite(adapter: SiteAdapter, text: string): number {
  return (adapter.count ?? codePointLength)(text);
}

/** The limit a field's draft must fit in: the field's own, else its surface's on the site. */
export function limitOnSite(adapter: SiteAdapter, field: HTMLElement, surface: Surface): number | undefined {
  return adapter.fieldLimit?.(field, surface) ?? adapter.limits?.[surface];
}

/** Where Sera checks drafts on a site: every site has posts and replies; profile fields where the adapter knows them. */
export function surfacesOf(adapter: SiteAdapter): readonly Surface[] {
  return adapter.profile ? ['post', 'reply', 'bio'] : ['post', 'reply'];
}

/** The editor markers that Draft.js, Lexical, ProseMirror/TipTap and Quill put on their roots. */
export const RICH_EDITOR_MARKERS = '.public-DraftEditor-content, [data-lexical-editor="true"], .ProseMirror, .ql-editor';

export function hostMatches(host: string, hosts: readonly string[]): boolean {
  return hosts.some((name) => host === name || host.endsWith(`.${name}`));
}
