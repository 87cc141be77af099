import type { Language } from '../language';
import type { Span } from './span';

/**
 * Statements made for the organisation rather than about it: "we at Acme are announcing", "on
 * behalf of Acme", "Acme's official position", "Acmen puolesta", "kwa niaba ya Acme". Only
 * authorised spokespeople speak for a company; everyone else may talk about it. Each mention of the
 * organisation is read with the few words around it, so the cost is linear in the draft.
 */

const phrases = (alternatives: string[]) => new RegExp(alternatives.join('|'), 'iu');

// Words right before a mention, and right after it, that make it a statement for the organisation.
const BEFORE: Record<Language, RegExp> = {
  en: phrases([
    String.raw`\b(?:we|us)\s+(?:here\s+)?(?:at|from)\s+$`,
    String.raw`\bon\s+behalf\s+of\s+(?:the\s+)?$`,
    String.raw`\b(?:speaking|statement|comment|response)\s+(?:for|from)\s+$`,
    String.raw`\b(?:official|formal)\s+(?:statement|response|position|comment)\s+(?:of|from|by)\s+$`,
    String.raw`\bas\s+(?:a|the)\s+(?:spokes(?:person|man|woman)|representative)\s+(?:of|for)\s+$`,
  ]),
  fi: phrases([String.raw`\b(?:me|meillä|meiltä|meidän)\s+$`]),
  sw: phrases([
    String.raw`\bkwa\s+niaba\s+ya\s+$`,
    String.raw`\bsisi\s+(?:wa|katika|huku)\s+$`,
    String.raw`\b(?:msimamo|tamko|taarifa)\s+rasmi\s+(?:wa|la|ya)\s+$`,
  ]),
};
const AFTER: Record<Language, RegExp> = {
  en: phrases([
    String.raw`^(?:'s|’s)?\s+(?:official|formal)\s+(?:position|statement|response|view|stance)\b`,
    String.raw`^\s+(?:officially|hereby)\s+(?:announces?|confirms?|states?|denies|responds?)\b`,
  ]),
  fi: phrases([String.raw`^\s+(?:puolesta|virallinen\s+(?:kanta|lausunto|tiedote))`]),
  sw: phrases([String.raw`^\s+(?:inatangaza\s+rasmi|imethibitisha\s+rasmi)\b`]),
};

// Look this far around a mention: the phrases above are short.
const CONTEXT = 48;

/**
 * The spans (phrase and name) where the draft speaks for the organisation. English phrases count in
 * every draft (people switch languages mid-post); Finnish and Swahili ones in drafts in that
 * language, where their short words ("me") cannot be English.
 */
export function findSpokespersonStatements(text: string, mentions: readonly Span[], language: Language | undefined): Span[] {
  const languages: Language[] = language && language !== 'en' ? ['en', language] : ['en'];
  const spans: Span[] = [];
  for (const mention of mentions) {
    const before = text.slice(Math.max(0, mention.start - CONTEXT), mention.start);
    const after = text.slice(mention.end, mention.end + CONTEXT);
    let start = mention.start;
    let end = mention.end;
    for (const each of languages) {
      const lead = BEFORE[each].exec(before);
      const tail = AFTER[each].exec(after);
      if (lead) start = Math.min(start, mention.start - lead[0].length);
      if (tail) end = Math.max(end, mention.end + tail[0].length);
    }
    if (start !== mention.start || end !== mention.end) spans.push({ start, end });
  }
  return spans;
}
