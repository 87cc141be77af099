import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// WXT's browser module takes the extension API from globalThis when it loads: here, its in-memory fake.
(globalThis as { chrome?: unknown }).chrome = fakeBrowser;

const { photoChecksChoice, photoChecksSwitch, watchPhotoChecksSwitch } = await import('../../src/ml/switch');

describe('the photo checks switch', () => {
  it('follows the person, until the policy decides; each turn is reported with the state in force', async () => {
    const turns: boolean[] = [];
    watchPhotoChecksSwitch((on) => turns.push(on));
    const settle = () => new Promise((done) => setTimeout(done, 20));

    await photoChecksChoice.setValue(false);
    await settle();
    expect(await photoChecksSwitch()).toEqual({ on: false, locked: false });
    await photoChecksChoice.setValue(true);
    await settle();
    // The policy turns them off: the models are to be let go although the person's choice is on.
    await fakeBrowser.storage.managed.set({ photoChecks: false });
    await settle();
    expect(await photoChecksSwitch()).toEqual({ on: false, locked: true });
    expect(turns).toEqual([false, true, false]);
  });
});
