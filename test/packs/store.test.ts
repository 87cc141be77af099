import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// WXT's browser module takes the extension API from globalThis when it loads: here, its in-memory fake.
(globalThis as { chrome?: unknown }).chrome = fakeBrowser;

const { packState } = await import('../../src/packs/active');
const { parseManagedSettings } = await import('../../src/managed/settings');
const { packRecords, refreshAllPacks } = await import('../../src/packs/store');
const { makePack, termsRule } = await import('../helpers/packs');

const PACK = JSON.stringify(makePack({ id: 'acme', name: 'Acme policy', rules: [termsRule(['Bluebird'])] }));
let server: Server;
let base: string;
let newUrlStatus = 503;

beforeAll(async () => {
  server = createServer((request, response) => {
    const status = request.url === '/old.json' ? 200 : newUrlStatus;
    response.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? PACK.replace('"serial":1', `"serial":${request.url === '/old.json' ? 1 : 2}`) : 'down');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('when the policy moves the pack to another URL', () => {
  const setPolicy = async (packUrls: string[]) => {
    await fakeBrowser.storage.managed.clear();
    await fakeBrowser.storage.managed.set({ packUrls });
  };
  const names = async (packUrls: string[]) =>
    packState(await packRecords.getValue(), parseManagedSettings({ packUrls })).active.map((pack) => [pack.compiled.pack.name, pack.compiled.pack.serial]);

  it('the last good organisation pack stays in force until the new URL delivers, then gives way', async () => {
    await setPolicy([`${base}/old.json`]);
    await refreshAllPacks();
    expect(await names([`${base}/old.json`])).toEqual([['Acme policy', 1]]);

    await setPolicy([`${base}/new.json`]);
    await refreshAllPacks();
    expect(await names([`${base}/new.json`])).toEqual([['Acme policy', 1]]);
    expect(Object.keys(await packRecords.getValue()).sort()).toEqual([`managed:${base}/new.json`, `managed:${base}/old.json`]);

    newUrlStatus = 200;
    await refreshAllPacks();
    await refreshAllPacks(); // the next sync drops the old URL once the new one has arrived
    expect(await names([`${base}/new.json`])).toEqual([['Acme policy', 2]]);
    expect(Object.keys(await packRecords.getValue())).toEqual([`managed:${base}/new.json`]);
  });
});
