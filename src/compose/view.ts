import type { PackFailure, PackFinding, PackOffer } from '../packs/active';
import type { Severity } from '../packs/schema';

/**
 * What the compose guard shows, and what it needs from whoever draws it: the guard decides, a
 * layer (src/ui/compose-layer.tsx, wired in by the content script) draws and reports the person's choices.
 */
export interface ComposeLayer {
  render(state: LayerState, actions: LayerActions): void;
  /** Where textarea mirrors go: inside the layer's shadow root, apart from what `render` draws. */
  readonly mirrors: HTMLElement;
  /** Whether a page event came from inside the layer (it reaches the page retargeted to the layer's host). */
  owns(target: EventTarget | undefined): boolean;
}

/** Which field of a post a composer is: the body, or a title checked with it. */
export type Field = 'body' | 'title';

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export interface Underline {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly severity: Severity;
}

/** What a finding's fix button does; the UI words it in the person's language. */
export type FixAction =
  | { readonly kind: 'remove' | 'replace' | 'append'; readonly text: string; readonly tooLong?: { length: number; limit: number } }
  | { readonly kind: 'copy-only' };

export interface FindingView {
  readonly key: string;
  readonly finding: PackFinding;
  readonly fix: FixAction;
  readonly note?: 'failed' | 'changed' | 'copied';
}

export interface ComposerView {
  readonly id: number;
  readonly siteName: string;
  readonly field: Field;
  readonly box: Box;
  readonly dark: boolean;
  readonly underlines: readonly Underline[];
  readonly findings: readonly FindingView[];
  /** Packs that could not check the draft; without a pack name, the whole check failed. */
  readonly failures: readonly Partial<PackFailure>[];
  /** Approved posts about what the draft names (a launched product): "Use this post" puts one in. */
  readonly offers: readonly PackOffer[];
  /** A note on the last approved post the person chose to use or copy. */
  readonly offerNote?: 'failed' | 'changed' | 'copied';
  /** The finding under the caret, shown as a card below its span without taking focus. */
  readonly caretCard?: { readonly key: string; readonly left: number; readonly top: number };
  readonly panelOpen: boolean;
}

/** A "block" finding in a photo attached to the post; its summary names the photo. */
export interface PhotoFindingView {
  readonly summary: string;
  readonly message?: string;
  readonly policyRef?: string;
}

export interface ConfirmView {
  readonly dark: boolean;
  readonly findings: readonly { readonly finding: PackFinding; readonly field: Field }[];
  readonly photos: readonly PhotoFindingView[];
  readonly answer: (post: boolean) => void;
}

export interface LayerActions {
  fix(composer: number, key: string): void;
  ignore(composer: number, key: string): void;
  /** A work-talk finding's sentence is not about work: not flagged again in this draft. */
  notAboutWork(composer: number, key: string): void;
  copy(composer: number, key: string): void;
  setPanel(composer: number, open: boolean): void;
  /** Puts an approved post in place of the draft (the editor's own edit path), or copies it. */
  useOffer(composer: number, id: string, how: 'insert' | 'copy'): void;
}

export interface LayerState {
  readonly composers: readonly ComposerView[];
  readonly confirm?: ConfirmView;
}
