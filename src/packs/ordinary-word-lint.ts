import { finnishCollisions, ordinaryWordLanguages, WORD_LANGUAGES } from '../policy/ordinary-words';
import type { PackIssue } from './parse';
import type { Pack } from './schema';

/** Lint warnings for the terms and product names that are everyday words. */
export function ordinaryWordIssues(pack: Pack): PackIssue[] {
  const issues: PackIssue[] = [];
  const check = (path: string, term: string, severity: string) => {
    const languages = ordinaryWordLanguages(term);
    if (!languages.length) {
      const collisions = finnishCollisions(term);
      if (collisions.length) {
        issues.push({
          path,
          message: `"${term}" takes Finnish forms that are also everyday Finnish words (${collisions.slice(0, 3).map((word) => `"${word}"`).join(', ')}): drafts with those words will be flagged too; prefer a more distinctive name, or add exceptions`,
        });
      }
      return;
    }
    const named = languages.map((language) => WORD_LANGUAGES[language]).join(' and ');
    issues.push({
      path,
      message: `"${term}" is an ordinary word in ${named}: it is flagged as "${severity}" when written as a name ("${capitalised(term)}", "${term.toUpperCase()}") or in a draft that names the organisation; "${term.toLowerCase()}" elsewhere is only "info"`,
    });
  };
  const unreleased = pack.rules.find((rule) => rule.kind === 'unreleased');
  if (unreleased) {
    pack.products?.forEach((product, i) => {
      check(`products[${i}].name`, product.name, unreleased.severity);
      product.aliases?.forEach((alias, j) => check(`products[${i}].aliases[${j}]`, alias, unreleased.severity));
    });
  }
  pack.rules.forEach((rule, i) => {
    if (rule.kind === 'terms') rule.terms.forEach((term, j) => check(`rules[${i}].terms[${j}]`, term, rule.severity));
  });
  return issues;
}

function capitalised(term: string): string {
  return term.charAt(0).toUpperCase() + term.slice(1).toLowerCase();
}
