import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { packCommand } from '../compose/messages';
import type { PackView } from '../packs/active';
import type { PackProblem } from '../packs/fetch-pack';
import { toBase64 } from '../photos/bytes';
import type { Pack, Rule } from '../packs/schema';

const when = (iso: string | undefined) => (iso ? new Date(iso).toLocaleString() : '—');

function sourceLabel(view: PackView): string {
  const { source } = view;
  switch (source.kind) {
    case 'managed-url':
      return i18n.t('options.source.managedUrl', [source.url]);
    case 'url':
      return i18n.t('options.source.url', [source.url]);
    case 'file':
      return i18n.t('options.source.file', [source.fileName]);
    case 'managed-inline':
      return i18n.t('options.source.managedInline');
    case 'demo':
      return i18n.t('options.source.demo');
    case 'organisation-waiting':
      return waitingText(view);
  }
}

function waitingText(view: PackView): string {
  return view.error ? i18n.t('waiting.tried', [when(view.lastChecked), view.error.message]) : i18n.t('waiting.notTried');
}

/**
 * The organisation's packs are configured but none has arrived: said as it is, with the last attempt,
 * instead of a demo pack. Without any other pack in force, drafts are not checked meanwhile.
 */
export function OrganisationWaiting({ view, checked }: { view: PackView; checked: boolean }) {
  return (
    <p class="waiting" role="status">
      {waitingText(view)}
      {!checked && ` ${i18n.t('waiting.unchecked')}`}
    </p>
  );
}

function Problem({ problem }: { problem: PackProblem }) {
  return (
    <p class="error" role="alert">
      {problem.message}. <span class="hint">{problem.hint}</span>
    </p>
  );
}

/** What a rule does, in words an employee can read. */
function RuleDetails({ rule, pack }: { rule: Rule; pack: Pack }) {
  const list = (items: readonly string[]) => items.join(', ');
  let what: string;
  switch (rule.kind) {
    case 'terms':
      what = list(rule.terms) + (rule.replacement ? ` → ${rule.replacement}` : '');
      break;
    case 'unreleased':
      what = list((pack.products ?? []).filter((p) => p.launch).map((p) => `${[p.name, ...(p.aliases ?? [])].join(' / ')} (${new Date(p.launch!).toLocaleString()})`));
      break;
    case 'disclaimer':
      what = `${list(rule.trigger)}: ${list(rule.phrases)} → “${rule.suggestion}”`;
      break;
    case 'pattern':
      what = `/${rule.pattern}/${rule.flags ?? ''}${rule.validate ? ` (${rule.validate})` : ''}`;
      break;
    case 'detector':
      what = list(rule.detectors) + (rule.internalDomains ? `: ${list(rule.internalDomains)}` : '');
      break;
    case 'photo':
      what = list(rule.checks);
      break;
    case 'tone':
      what = `hostile tone, threshold ${rule.threshold ?? 'default'}`;
      break;
  }
  return (
    <li>
      <strong>{rule.message}</strong> <span class={`severity ${rule.severity}`}>{i18n.t(`severity.${rule.severity}`)}</span>
      <br />
      <code>{rule.id}</code> · {rule.kind}: {what}
      {rule.policyRef && <> · {rule.policyRef}</>}
      {rule.sites && <> · {list(rule.sites)}</>}
    </li>
  );
}

export function PackCard({ view, onChange }: { view: PackView; onChange: () => void }) {
  const { pack, status, source } = view;
  const managed = source.kind === 'managed-url' || source.kind === 'managed-inline';
  const removable = source.kind === 'url' || source.kind === 'file';
  return (
    <article class={`pack ${status.state}`} data-key={view.key}>
      <h3>
        {pack?.name ?? sourceLabel(view)} <span class="state">{i18n.t(`options.status.${status.state}`)}</span>
      </h3>
      <p class="source">
        {sourceLabel(view)}
        {managed && <span class="locked"> {i18n.t('options.locked')}</span>}
      </p>
      {status.state === 'refused' && <Problem problem={status.problem} />}
      {pack && (
        <dl>
          <dt>{i18n.t('options.serial')}</dt>
          <dd class="serial">{pack.serial}</dd>
          <dt>{i18n.t('options.revised')}</dt>
          <dd>{pack.revised}</dd>
          {pack.reviewBy && (
            <>
              <dt>{i18n.t('options.reviewBy')}</dt>
              <dd class={view.overdue ? 'warning' : ''}>
                {pack.reviewBy}
                {view.overdue && ` (${i18n.t('options.overdue')})`}
              </dd>
            </>
          )}
          {source.kind !== 'demo' && (
            <>
              <dt>{i18n.t('options.signature')}</dt>
              <dd>{view.signedBy ? i18n.t('options.signedBy', [view.signedBy]) : i18n.t('options.unsigned')}</dd>
              <dt>{i18n.t('options.lastChecked')}</dt>
              <dd>{when(view.lastChecked)}</dd>
            </>
          )}
        </dl>
      )}
      {view.error && status.state !== 'refused' && (
        <div class="last-error">
          <p>
            <strong>{i18n.t('options.lastError')}</strong> ({when(view.error.at)}). {pack && i18n.t('options.kept')}
          </p>
          <Problem problem={view.error} />
        </div>
      )}
      {view.warnings.length > 0 && (
        <details>
          <summary>{i18n.t('options.warnings')}</summary>
          <ul>
            {view.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </details>
      )}
      {pack && (
        <details>
          <summary>
            {i18n.t('options.rules')} ({pack.rules.length})
          </summary>
          <ul class="rules">
            {pack.rules.map((rule) => (
              <RuleDetails key={rule.id} rule={rule} pack={pack} />
            ))}
          </ul>
        </details>
      )}
      {removable && (
        <button type="button" onClick={() => void packCommand({ type: 'sera:pack-remove', key: view.key }).then(onChange)}>
          {i18n.t('options.remove')}
        </button>
      )}
    </article>
  );
}

/** The packs in force and every other source, with subscribe, import, remove and refresh. */
export function PackList({ views, onChange }: { views: readonly PackView[]; onChange: () => void }) {
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<PackProblem>();
  const [busy, setBusy] = useState(false);
  const run = async (command: Parameters<typeof packCommand>[0]) => {
    setBusy(true);
    const reply = await packCommand(command);
    setProblem(reply.problem);
    setBusy(false);
    onChange();
    return reply;
  };
  const importFiles = async (files: FileList | null) => {
    const picked = [...(files ?? [])];
    const signatures = new Map(await Promise.all(picked.filter((f) => f.name.endsWith('.minisig')).map(async (f) => [f.name.replace(/\.minisig$/, ''), await f.text()] as const)));
    for (const file of picked.filter((f) => !f.name.endsWith('.minisig'))) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const signature = signatures.get(file.name);
      const reply = await run({ type: 'sera:pack-import', fileName: file.name, base64: toBase64(bytes), ...(signature ? { signature } : {}) });
      if (reply.problem) return;
    }
  };
  return (
    <section aria-labelledby="packs-title">
      <h2 id="packs-title">{i18n.t('options.packs')}</h2>
      <button type="button" disabled={busy} onClick={() => void run({ type: 'sera:pack-refresh' })}>
        {i18n.t('options.refresh')}
      </button>
      {views.map((view) =>
        view.source.kind === 'organisation-waiting' ? (
          <OrganisationWaiting key={view.key} view={view} checked={views.some((other) => other.status.state === 'active')} />
        ) : (
          <PackCard key={view.key} view={view} onChange={onChange} />
        ),
      )}
      <form
        class="add"
        onSubmit={(event) => {
          event.preventDefault();
          void run({ type: 'sera:pack-subscribe', url: url.trim() }).then((reply) => !reply.problem && setUrl(''));
        }}
      >
        <label>
          {i18n.t('options.addUrl')}
          <input type="url" required placeholder="https://" value={url} onInput={(event) => setUrl(event.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {i18n.t('options.add')}
        </button>
      </form>
      <label class="picker">
        {i18n.t('options.importFile')}
        <input type="file" multiple accept=".json,.minisig,application/json" onChange={(event) => void importFiles(event.currentTarget.files)} />
      </label>
      {problem && <Problem problem={problem} />}
    </section>
  );
}
