import { describe, expect, it } from 'vitest';
import { packState } from '../../src/packs/active';
import { parseManagedSettings } from '../../src/managed/settings';
import type { PackRecord } from '../../src/packs/sources';
import { makePack, termsRule } from '../helpers/packs';

const URL_A = 'https://packs.example.com/acme.json';
const json = (id: string, name: string) => JSON.stringify(makePack({ id, name, rules: [termsRule(['Bluebird'])] }));
const good = (id: string, name: string) => ({ json: json(id, name), acceptedAt: '2026-11-01T00:00:00Z', warnings: [] });
const managed = (record: Omit<PackRecord, 'source'>): Record<string, PackRecord> => ({ [`managed:${URL_A}`]: { source: { kind: 'managed-url', url: URL_A }, ...record } });

describe("packs in force while the organisation's pack has not arrived", () => {
  const settings = parseManagedSettings({ packUrls: [URL_A] });

  it('no demo pack and nothing checked before the first fetch; the wait is said as it is', () => {
    const state = packState(managed({}), settings);
    expect(state.active).toEqual([]);
    expect(state.views.map((view) => view.source.kind)).toEqual(['organisation-waiting', 'managed-url']);
    expect(state.views[0]).toMatchObject({ status: { state: 'waiting' } });
    expect(state.views[0]!.error).toBeUndefined();
  });

  it('after a failed first fetch the wait names the last try and its reason', () => {
    const error = { message: 'the server answered 503', hint: 'Try again later.', at: '2026-12-03T10:00:00Z' };
    const state = packState(managed({ lastChecked: '2026-12-03T10:00:00Z', error }), settings);
    expect(state.active).toEqual([]);
    expect(state.views[0]).toMatchObject({ source: { kind: 'organisation-waiting' }, lastChecked: '2026-12-03T10:00:00Z', error: { message: 'the server answered 503' } });
  });

  it("the person's own packs still check drafts meanwhile, without the demo pack", () => {
    const own: Record<string, PackRecord> = { 'file:own': { source: { kind: 'file', packId: 'own', fileName: 'own.json' }, good: good('own', 'Own pack') } };
    const state = packState({ ...managed({}), ...own }, settings);
    expect(state.active.map((pack) => [pack.compiled.pack.name, pack.demo])).toEqual([['Own pack', false]]);
    expect(state.views.map((view) => view.source.kind)).toEqual(['organisation-waiting', 'managed-url', 'file']);
  });

  it('the last good organisation pack stays in force while a refresh fails, with no wait shown', () => {
    const error = { message: 'the server answered 500', hint: '', at: '2026-12-03T10:00:00Z' };
    const state = packState(managed({ good: good('acme', 'Acme policy'), lastChecked: error.at, error }), settings);
    expect(state.active.map((pack) => pack.compiled.pack.name)).toEqual(['Acme policy']);
    expect(state.views.map((view) => view.source.kind)).toEqual(['managed-url']);
  });

  it('an inline pack in the policy counts as configured too', () => {
    const state = packState({}, parseManagedSettings({ inlinePack: json('inline', 'Inline') }));
    expect(state.views.map((view) => view.source.kind)).toEqual(['organisation-waiting']);
  });

  it('without any organisation pack configured, the demo pack is used', () => {
    const state = packState({}, parseManagedSettings({}));
    expect(state.active.map((pack) => pack.demo)).toEqual([true]);
  });
});
