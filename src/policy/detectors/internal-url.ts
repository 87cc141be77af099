import type { Span } from './span';

const HOST_CHAR = /[a-z0-9.-]/;
const LABEL_CHAR = /[a-z0-9-]/;
const URL_TAIL = /^(?::\d{1,5})?(?:[/?#][^\s<>"'`]*)?/;

/**
 * Links to hosts that are, or are subdomains of, the internal domains, with or without a scheme:
 * "https://wiki.corp.example.com/x", "jira.corp.example.com/browse/X-1". Found by searching for the
 * domains themselves (linear), then growing the span to the whole host and path.
 */
export function findInternalUrls(text: string, internalDomains: readonly string[]): Span[] {
  const lower = text.toLowerCase();
  const spans: Span[] = [];
  const starts = new Set<number>(); // one link may contain several internal domains
  for (const domain of internalDomains) {
    for (let at = lower.indexOf(domain); at >= 0; at = lower.indexOf(domain, at + 1)) {
      const before = lower[at - 1] ?? '';
      if (before !== '.' && HOST_CHAR.test(before)) continue; // "notcorp.example.com"
      let end = at + domain.length;
      // The host must end here: "corp.example.com.evil.net" is not internal, "corp.example.com." is.
      if (LABEL_CHAR.test(lower[end] ?? '') || (lower[end] === '.' && LABEL_CHAR.test(lower[end + 1] ?? ''))) continue;
      let start = at;
      while (start > 0 && HOST_CHAR.test(lower[start - 1]!)) start--;
      if (lower[start - 1] === '@') continue; // an email address, not a link
      const scheme = /[a-z][a-z0-9+.-]*:\/\/$/.exec(lower.slice(Math.max(0, start - 20), start));
      if (scheme) start -= scheme[0].length;
      end += URL_TAIL.exec(text.slice(end))![0].length;
      while (end > at + domain.length && /[.,;:!?)\]]/.test(text[end - 1]!)) end--;
      if (starts.has(start)) continue;
      starts.add(start);
      spans.push({ start, end });
    }
  }
  return spans;
}
