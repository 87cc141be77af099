import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import type { CleanMode } from '../photos/report';
import { photoMode, photoModeSetting, type PhotoModeState } from '../uploads/photo-mode';

/** The person's photo mode, shown locked when the organisation sets it. */
export function PhotoModeChoice({ onChange }: { onChange?: (state: PhotoModeState) => void }) {
  const [state, setState] = useState<PhotoModeState>();
  const update = (next: PhotoModeState) => {
    setState(next);
    onChange?.(next);
  };
  useEffect(() => void photoMode().then(update), []);
  if (!state) return null;
  const choose = async (mode: CleanMode) => {
    await photoModeSetting.setValue(mode);
    update(await photoMode());
  };
  const modes: { value: CleanMode; label: string }[] = [
    { value: 'location', label: i18n.t('popup.photoModeLocation') },
    { value: 'all', label: i18n.t('popup.photoModeAll') },
  ];
  return (
    <fieldset disabled={state.managed}>
      <legend>{i18n.t('popup.photoModeLegend')}</legend>
      {modes.map(({ value, label }) => (
        <label key={value}>
          <input type="radio" name="photo-mode" value={value} checked={state.mode === value} onChange={() => void choose(value)} /> {label}
        </label>
      ))}
      {state.managed && <p class="locked">{i18n.t('popup.managed')}</p>}
    </fieldset>
  );
}
