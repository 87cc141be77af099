import type { PackCheck, PackFailure, PackFinding, PackOffer } from '../packs/active';
import type { Surface } from '../packs/schema';
import type { SiteAdapter } from '../sites/adapter';
import type { Editor, TrackedSpan } from './editor';
import type { Field } from './view';

/** Wait this long after the last change before checking: long enough not to check every keystroke. */
const CHECK_DELAY_MS = 180;

/** Checks a draft; `notAboutWork` are the starts of sentences the person said are not about work. */
export type CheckDraft = (text: string, notAboutWork: readonly number[]) => Promise<PackCheck>;

interface Span {
  readonly start: number;
  readonly end: number;
}

export interface TrackedFinding {
  readonly key: string;
  readonly finding: PackFinding;
  readonly span: TrackedSpan;
}

/**
 * One composer being checked: debounced checks on change, the findings of the latest check with
 * their spans on screen, and what the person chose to ignore. Nothing is kept once it is disposed.
 */
export class ComposerSession {
  /** The draft as last checked; findings refer to it. */
  checkedText = '';
  findings: TrackedFinding[] = [];
  /** Packs that could not check the draft (or, without a pack name, the check as a whole). */
  failures: readonly Partial<PackFailure>[] = [];
  /** Approved posts about what the draft names, offered in the panel. */
  offers: readonly PackOffer[] = [];
  lastFocused = performance.now();
  /** Whether the person moved the caret (click, arrows) rather than typed: only then does a card follow it. */
  caretMoved = false;
  private readonly ignored = new Set<string>();
  /** Sentences the person said are not about work, as spans of `checkedText`; kept only while the session lasts. */
  private notAboutWork: Span[] = [];
  /** A sentence was just said not to be about work: check again, so that a later work sentence may show. */
  private recheck = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private changes = 0;
  /** Checks run one after another, so that an older reply never overwrites a newer one. */
  private queue = Promise.resolve();
  private queuedChecks = 0;
  private readonly unwatch: () => void;

  constructor(
    readonly id: number,
    readonly editor: Editor,
    readonly adapter: SiteAdapter,
    readonly field: Field,
    readonly surface: Surface,
    private readonly checkDraft: CheckDraft,
    private readonly changed: () => void,
  ) {
    this.unwatch = editor.watch(this.onEdit);
    this.schedule(0);
  }

  get element(): HTMLElement {
    return this.editor.element;
  }

  /** Whether a change has not been checked yet. */
  get stale(): boolean {
    return this.timer !== undefined || this.queuedChecks > 0;
  }

  visibleFindings(): TrackedFinding[] {
    return this.findings.filter(({ key, finding }) => !this.ignored.has(key) && !(finding.workTalk && this.notAboutWork.some(({ start }) => start === finding.start)));
  }

  blockFindings(): TrackedFinding[] {
    return this.visibleFindings().filter(({ finding }) => finding.severity === 'block');
  }

  ignore(key: string): void {
    this.ignored.add(key);
    this.changed();
  }

  /** "Not about work" on a work-talk finding: that sentence is not flagged again while the person keeps writing. */
  dismissWorkTalk(key: string): void {
    const item = this.findings.find((candidate) => candidate.key === key);
    if (!item?.finding.workTalk) return;
    this.notAboutWork.push({ start: item.finding.start, end: item.finding.end });
    this.recheck = true;
    this.schedule(0);
    this.changed();
  }

  /** Checks now if a change is waiting, and resolves once the findings are current. */
  async settle(): Promise<void> {
    while (this.stale) {
      if (this.timer !== undefined) {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.enqueueCheck();
      }
      await this.queue;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.unwatch();
    this.editor.dispose();
    this.findings = [];
  }

  private readonly onEdit = () => {
    this.changes++;
    this.schedule(CHECK_DELAY_MS);
    this.changed();
  };

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.enqueueCheck();
    }, delay);
  }

  private enqueueCheck(): void {
    this.queuedChecks++;
    this.queue = this.queue.then(async () => {
      await this.check();
      this.queuedChecks--;
      this.changed();
    });
  }

  private async check(): Promise<void> {
    try {
      const changesBefore = this.changes;
      const text = this.editor.read();
      const notAboutWork = this.notAboutWork.flatMap((span) => followSpan(this.checkedText, text, span) ?? []);
      // The same text again (typed and undone) needs no check, only spans over the editor's new nodes.
      const { findings, failures, offers } =
        text === this.checkedText && this.failures.length === 0 && !this.recheck
          ? { findings: this.findings.map(({ finding }) => finding), failures: [], offers: this.offers }
          : await this.checkDraft(text, notAboutWork.map(({ start }) => start));
      // Edited while the check ran: its offsets no longer fit; the edit scheduled a new check.
      if (this.changes !== changesBefore) return;
      this.checkedText = text;
      this.notAboutWork = notAboutWork;
      this.recheck = false;
      this.failures = failures;
      this.offers = offers;
      if (!text.trim()) {
        // Posted or emptied: "ignore once" and "not about work" are over.
        this.ignored.clear();
        this.notAboutWork = [];
      }
      this.findings = findings.map((finding) => ({
        key: `${finding.packName}\u0000${finding.ruleId}\u0000${finding.match}`,
        finding,
        span: this.editor.track(finding.start, finding.end),
      }));
    } catch (error) {
      // The extension was reloaded or its background is gone: old findings no longer describe the
      // draft, and showing none would look like a clean draft.
      this.checkedText = '';
      this.findings = [];
      this.offers = [];
      this.failures = [{ reason: error instanceof Error ? error.message : String(error) }];
    }
  }
}

/**
 * Where a span of `before` lies in `after`, the edit between them taken as one replaced stretch
 * (what the two share at the start and at the end stays): typing inside the span or after it keeps
 * its start, typing before it moves it. An edit that rewrites the span's start and everything after
 * it in the span, or its start and what precedes it, loses it (undefined): that is another sentence.
 */
export function followSpan(before: string, after: string, span: Span): Span | undefined {
  if (before === after) return span;
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const editedUntil = before.length - suffix;
  const shift = after.length - before.length;
  const end = span.end <= prefix ? span.end : span.end >= editedUntil ? span.end + shift : after.length - suffix;
  if (span.start <= prefix && (span.start < prefix || editedUntil < span.end || editedUntil === prefix)) return { start: span.start, end };
  if (span.start >= editedUntil) return { start: span.start + shift, end };
  return undefined;
}
