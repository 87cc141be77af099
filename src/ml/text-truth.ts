/**
 * The labelled sentences of data/text/ (see data/text/README.md): what each category means for
 * the two models, and the fixed held-out split. Pure functions: the training script, the
 * evaluation script and the tests read the files and call these.
 */

export const TEXT_LANGUAGES = ['en', 'fi', 'sw'] as const;
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];

/** What a sentence is; the two labels follow from it. */
export const CATEGORY_LABELS = {
  /** About the writer's own job, team, employer or its business. */
  work: { work: true, hostile: false },
  /** The writer's complaint about pay, hours, safety, management or unions: protected speech. */
  protected: { work: true, hostile: false },
  /** An insult or demeaning remark aimed at colleagues, customers or people met at work. */
  'hostile-work': { work: true, hostile: true },
  /** An insult, slur or threat aimed at a person or a group, not about work. */
  hostile: { work: false, hostile: true },
  /** Someone else's job or a company in the news. */
  'other-work': { work: false, hostile: false },
  fiction: { work: false, hostile: false },
  /** "Our team won": sport, not work. */
  sport: { work: false, hostile: false },
  /** Harsh words about things, not people ("this weather is disgusting"). */
  harsh: { work: false, hostile: false },
  plain: { work: false, hostile: false },
} as const satisfies Record<string, { work: boolean; hostile: boolean }>;
export type TextCategory = keyof typeof CATEGORY_LABELS;
export type TextTask = 'work' | 'hostile';
export const TEXT_TASKS: readonly TextTask[] = ['work', 'hostile'];

export interface LabelledSentence {
  readonly language: TextLanguage;
  readonly category: TextCategory;
  readonly text: string;
  readonly heldOut: boolean;
}

/** Every fifth sentence, by a hash of its text, is held out: the split never moves when lines are added or reordered. */
export function isHeldOut(text: string): boolean {
  let hash = 0x811c9dc5;
  for (const char of text.normalize('NFC')) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193);
  return (hash >>> 0) % 5 === 0;
}

/** Parses one language's TSV file (header `category<TAB>text`); throws on an unknown category. */
export function parseTruth(language: TextLanguage, tsv: string): LabelledSentence[] {
  const lines = tsv.split('\n').filter((line) => line.trim() !== '');
  return lines.slice(1).map((line, index) => {
    const [category, text] = line.split('\t');
    if (!text || !(category! in CATEGORY_LABELS)) throw new Error(`data/text/${language}.tsv line ${index + 2}: expected a known category, a tab and a sentence`);
    return { language, category: category as TextCategory, text, heldOut: isHeldOut(text) };
  });
}

export function labelOf(sentence: LabelledSentence, task: TextTask): boolean {
  return CATEGORY_LABELS[sentence.category][task];
}
