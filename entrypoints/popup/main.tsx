import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import demoPack from '../../assets/demo-pack.json';
import type { CleanMode } from '../../src/photos/report';
import { CleanPhotos } from '../../src/ui/clean-photos';
import { photoMode, photoModeSetting, type PhotoModeState } from '../../src/uploads/photo-mode';
import './style.css';

const MODES: { value: CleanMode; label: string }[] = [
  { value: 'location', label: 'Remove the location' },
  { value: 'all', label: 'Remove everything that identifies me or my device' },
];

function Popup() {
  const [state, setState] = useState<PhotoModeState>();
  useEffect(() => void photoMode().then(setState), []);
  const choose = async (mode: CleanMode) => {
    await photoModeSetting.setValue(mode);
    setState(await photoMode());
  };
  return (
    <main>
      <h1>Sera</h1>
      <p>
        Active pack: {demoPack.name} (demo), serial {demoPack.serial}, revised {demoPack.revised}
      </p>
      {state && (
        <fieldset disabled={state.managed}>
          <legend>When I attach or clean photos</legend>
          {MODES.map(({ value, label }) => (
            <label key={value}>
              <input type="radio" name="photo-mode" value={value} checked={state.mode === value} onChange={() => void choose(value)} /> {label}
            </label>
          ))}
          {state.managed && <p class="locked">Set by your organisation.</p>}
        </fieldset>
      )}
      {state && <CleanPhotos mode={state.mode} />}
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
