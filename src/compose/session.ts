import type { PackCheck, PackFailure, PackFinding, PackOffer } from '../packs/active';
import type { Surface } from '../packs/schema';
import type { SiteAdapter } from '../sites/adapter';
import type { Editor, TrackedSpan } from './editor';
import type { Field } from './view';

/** Wait this long after the last change before checking: long enough not to check every keystroke. */
const CHECK_DELAY_MS = 180;

export type CheckDraft = (text: string) => Promise<PackCheck>;

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
    return this.findings.filter(({ key }) => !this.ignored.has(key));
  }

  blockFindings(): TrackedFinding[] {
    return this.visibleFindings().filter(({ finding }) => finding.severity === 'block');
  }

  ignore(key: string): void {
    this.ignored.add(key);
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
      // The same text again (typed and undone) needs no check, only spans over the editor's new nodes.
      const { findings, failures, offers } =
        text === this.checkedText && this.failures.length === 0
          ? { findings: this.findings.map(({ finding }) => finding), failures: [], offers: this.offers }
          : await this.checkDraft(text);
      // Edited while the check ran: its offsets no longer fit; the edit scheduled a new check.
      if (this.changes !== changesBefore) return;
      this.checkedText = text;
      this.failures = failures;
      this.offers = offers;
      if (!text.trim()) this.ignored.clear(); // posted or emptied: "ignore once" is over
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
