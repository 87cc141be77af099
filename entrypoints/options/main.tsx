import { i18n } from '#i18n';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { packViews } from '../../src/compose/messages';
import { readManagedSettings } from '../../src/managed/storage';
import type { ManagedSettings } from '../../src/managed/settings';
import type { PackView } from '../../src/packs/active';
import { packRecords } from '../../src/packs/store';
import { PackList } from '../../src/ui/pack-list';
import { PhotoChecksStatus } from '../../src/ui/photo-checks-status';
import { PhotoModeChoice } from '../../src/ui/photo-mode-choice';
import { Playground } from '../../src/ui/playground';
import { SiteSwitches } from '../../src/ui/site-switches';
import './style.css';

function Options() {
  const [views, setViews] = useState<PackView[]>([]);
  const [settings, setSettings] = useState<ManagedSettings>();
  const load = () => {
    void packViews().then(setViews);
    void readManagedSettings().then(setSettings);
  };
  useEffect(() => {
    load();
    // Background refreshes show up without a reload.
    return packRecords.watch(load);
  }, []);
  return (
    <main>
      <h1>{i18n.t('options.title')}</h1>
      <p>
        <a href={browser.runtime.getURL('/demo.html')}>{i18n.t('options.tryIt')}</a>
      </p>
      {settings && settings.problems.length > 0 && (
        <section class="error" role="alert">
          <h2>{i18n.t('options.policyProblems')}</h2>
          <ul>
            {settings.problems.map((problem) => (
              <li key={problem.key}>
                <code>{problem.key}</code>: {problem.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <PackList views={views} onChange={load} />
      <Playground />
      <section>
        <PhotoModeChoice />
      </section>
      <PhotoChecksStatus />
      <SiteSwitches />
    </main>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
render(<Options />, document.getElementById('app')!);
