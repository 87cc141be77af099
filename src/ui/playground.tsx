import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { checkDraft } from '../compose/messages';
import type { PackFailure, PackFinding } from '../packs/active';
import { withFix } from '../policy/fix';

const localDateTime = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/**
 * A draft checked by the same background check the composer uses, at a chosen moment (launch dates)
 * and for a chosen site (site-limited rules). Nothing typed here leaves the extension.
 */
export function Playground() {
  const [text, setText] = useState('');
  const [at, setAt] = useState(() => localDateTime(new Date()));
  const [site, setSite] = useState('x.com');
  const [findings, setFindings] = useState<PackFinding[]>([]);
  const [failures, setFailures] = useState<PackFailure[]>([]);
  useEffect(() => {
    let current = true;
    const moment = new Date(at);
    void checkDraft(text, site.trim(), Number.isNaN(moment.getTime()) ? {} : { at: moment.toISOString() }).then((result) => {
      if (!current) return;
      setFindings(result.findings);
      setFailures(result.failures);
    });
    return () => void (current = false);
  }, [text, at, site]);
  return (
    <section aria-labelledby="playground-title">
      <h2 id="playground-title">{i18n.t('options.playground')}</h2>
      <label>
        {i18n.t('options.playgroundText')}
        <textarea rows={4} value={text} onInput={(event) => setText(event.currentTarget.value)} />
      </label>
      <div class="row">
        <label>
          {i18n.t('options.playgroundAt')}
          <input type="datetime-local" value={at} onInput={(event) => setAt(event.currentTarget.value)} />
        </label>
        <label>
          {i18n.t('options.playgroundSite')}
          <input type="text" value={site} onInput={(event) => setSite(event.currentTarget.value)} />
        </label>
      </div>
      {failures.map(({ packName, reason }) => (
        <p key={packName} class="error" role="alert">
          {i18n.t('unchecked.pack', [packName, reason])}
        </p>
      ))}
      {text && findings.length === 0 && failures.length === 0 && <p class="ok">{i18n.t('options.noFindings')}</p>}
      <ul class="findings" aria-live="polite">
        {findings.map((finding) => (
          <li key={`${finding.ruleId}:${finding.start}`} class={`finding ${finding.severity}`}>
            <span class="severity">{i18n.t(`severity.${finding.severity}`)}</span> <mark>{finding.match}</mark> {finding.message}
            <br />
            <small>
              {[finding.policyRef, finding.packName, finding.ruleId].filter(Boolean).join(' · ')}
            </small>{' '}
            <button type="button" onClick={() => setText(withFix(text, finding.fix))}>
              {finding.fix.label}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
