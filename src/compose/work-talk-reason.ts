import { i18n } from '#i18n';
import { browser } from 'wxt/browser';
import type { PackFinding } from '../packs/active';
import type { Language } from '../policy/language';

/** The message name of the work-talk reason in the built locale files (`card.workTalk` in locales/*.yml). */
const REASON = 'card_workTalk';

const reasons = new Map<Language, Promise<string | undefined>>();

/**
 * The reason from the extension's own locale file for `language`, read once: `browser.i18n` answers
 * only in the browser's language, and the card speaks the draft's.
 */
function reasonIn(language: Language): Promise<string | undefined> {
  let reason = reasons.get(language);
  if (!reason) {
    const url = browser.runtime.getURL(`/_locales/${language}/messages.json` as '/');
    reason = fetch(url)
      .then((response) => response.json() as Promise<Record<string, { message?: string } | undefined>>)
      .then((messages) => messages[REASON]?.message)
      .catch(() => undefined);
    reasons.set(language, reason);
  }
  return reason;
}

/**
 * Work-talk findings say why in the draft's language (else the browser's): the engine's message
 * is English, for the CLI. In the background, which has the locale files at hand.
 */
export async function withWorkTalkReasons(findings: readonly PackFinding[]): Promise<PackFinding[]> {
  return Promise.all(
    findings.map(async (finding) => {
      if (!finding.workTalk) return finding;
      const { language } = finding.workTalk;
      const message = (language && (await reasonIn(language))) || i18n.t('card.workTalk');
      return { ...finding, message };
    }),
  );
}
