import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { requestPhotoStatus, type CheckModelStatus, type PhotoStatusReply } from '../ml/messages';
import { photoChecksChoice } from '../ml/switch';

const STATE_LABEL: Record<CheckModelStatus['state'], () => string> = {
  'not loaded': () => i18n.t('options.modelState.notLoaded'),
  loading: () => i18n.t('options.modelState.loading'),
  ready: () => i18n.t('options.modelState.ready'),
  failed: () => i18n.t('options.modelState.failed'),
};

/**
 * The photo checks on or off (locked when the organisation decides), and how their models stand as
 * the background reports it: this page never loads a model itself.
 */
export function PhotoChecksStatus() {
  const [status, setStatus] = useState<PhotoStatusReply>();
  const load = () => void requestPhotoStatus().then(setStatus);
  useEffect(load, []);
  if (!status) return null;
  const language = browser.i18n.getUILanguage();
  const megabytes = new Intl.NumberFormat(language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });
  const seconds = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const toggle = async (on: boolean) => {
    await photoChecksChoice.setValue(on);
    load();
  };
  return (
    <section aria-labelledby="photo-checks-title">
      <h2 id="photo-checks-title">{i18n.t('options.photoChecks')}</h2>
      <fieldset disabled={status.locked}>
        <label>
          <input type="checkbox" name="photo-checks" checked={status.on} onChange={(event) => void toggle(event.currentTarget.checked)} /> {i18n.t('options.photoChecksOn')}
        </label>
        <p class="note">{i18n.t('options.photoChecksOff')}</p>
        {status.locked && <p class="locked">{i18n.t('popup.managed')}</p>}
      </fieldset>
      <table class="models">
        <caption>{i18n.t('options.models')}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('options.modelColumn')}</th>
            <th scope="col">{i18n.t('options.stateColumn')}</th>
            <th scope="col">{i18n.t('options.sizeColumn')}</th>
            <th scope="col">{i18n.t('options.lastLoadColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {status.models.map((model) => (
            <tr key={model.check} data-check={model.check}>
              <th scope="row">{i18n.t(`options.model.${model.check}`)}</th>
              <td>{STATE_LABEL[model.state]()}</td>
              <td title={model.files.join(', ')}>{megabytes.format(model.bytes / 1e6)}</td>
              <td>{model.loadedAt ? i18n.t('options.lastLoad', [new Date(model.loadedAt).toLocaleString(language), seconds.format((model.loadMs ?? 0) / 1000)]) : i18n.t('options.notYet')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={load}>
        {i18n.t('options.checkAgain')}
      </button>
    </section>
  );
}
