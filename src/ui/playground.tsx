import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { checkDraft } from '../compose/messages';
import type { Explanation, PackFailure, PackFinding } from '../packs/active';
import { withFix } from '../policy/fix';

const localDateTime = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/**
 * A draft checked by the same background check the composer uses, at a chosen moment (launch dates)
 * and for a chosen site (site-limited rules), with each sentence's text-model scores (the models
 * stay in the background). Nothing typed here leaves the extension.
 */
export function Playground() {
  const [text, setText] = useState('');
  const [at, setAt] = useState(() => localDateTime(new Date()));
  const [site, setSite] = useState('x.com');
  const [findings, setFindings] = useState<PackFinding[]>([]);
  const [failures, setFailures] = useState<PackFailure[]>([]);
  // With the text it explains: its offsets must not be read against a newer draft.
  const [explained, setExplained] = useState<{ text: string; explanation: Explanation }>();
  useEffect(() => {
    let current = true;
    const moment = new Date(at);
    void checkDraft(text, site.trim(), { explain: text.trim() !== '', ...(Number.isNaN(moment.getTime()) ? {} : { at: moment.toISOString() }) }).then((result) => {
      if (!current) return;
      setFindings(result.findings);
      setFailures(result.failures);
      setExplained(result.explanation && { text, explanation: result.explanation });
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
      {explained && <Scores {...explained} />}
    </section>
  );
}

/** Each sentence's work-talk and hostile-tone scores, against the thresholds of the rules in force. */
function Scores({ text, explanation }: { text: string; explanation: Explanation }) {
  const cell = (score: number, model: 'work' | 'hostile') => (
    <td>
      <strong>{score.toFixed(2)}</strong>
      {explanation.rules
        .filter((rule) => rule.model === model)
        .map((rule) => (
          <div key={`${rule.packName}:${rule.ruleId}`} class={score >= rule.threshold ? 'reaches' : 'below'}>
            {i18n.t(score >= rule.threshold ? 'options.reachesThreshold' : 'options.belowThreshold', [rule.ruleId, rule.threshold.toFixed(2)])}
          </div>
        ))}
    </td>
  );
  return (
    <section class="scores" aria-labelledby="scores-title">
      <h3 id="scores-title">{i18n.t('options.scores')}</h3>
      <p class="hint">{i18n.t('options.scoresHint')}</p>
      {explanation.rules.length === 0 && <p class="hint">{i18n.t('options.noModelRules')}</p>}
      {explanation.protectedTalk && explanation.rules.some((rule) => rule.model === 'work') && <p class="hint">{i18n.t('options.protectedTalk')}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">{i18n.t('options.sentence')}</th>
            <th scope="col">{i18n.t('options.workTalk')}</th>
            <th scope="col">{i18n.t('options.hostileTone')}</th>
          </tr>
        </thead>
        <tbody>
          {explanation.sentences.map((sentence) => (
            <tr key={sentence.start}>
              <td>{text.slice(sentence.start, sentence.end)}</td>
              {cell(sentence.work, 'work')}
              {cell(sentence.hostile, 'hostile')}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
