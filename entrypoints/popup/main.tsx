import { render } from 'preact';
import demoPack from '../../assets/demo-pack.json';

function Popup() {
  return (
    <main>
      <h1>Sera</h1>
      <p>
        Active pack: {demoPack.name} (demo), serial {demoPack.serial}, revised {demoPack.revised}
      </p>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
