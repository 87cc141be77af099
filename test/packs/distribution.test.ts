import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { packState } from '../../src/packs/active';
import { parseManagedSettings } from '../../src/managed/settings';
import { acceptPack, refreshUrlRecord, resolvePacks, type PackRecord, type TrustSettings } from '../../src/packs/sources';
import { encodePublicKey, generateKeyPair, sign } from '../../src/packs/signature';
import { makePack, termsRule } from '../helpers/packs';

const key = generateKeyPair();
const stranger = generateKeyPair();
const signed: TrustSettings = { signaturesRequired: true, trustedKeys: [key] };
const unsigned: TrustSettings = { signaturesRequired: false, trustedKeys: [] };

const packJson = (serial: number, terms = ['Bluebird'], extra: Record<string, unknown> = {}) =>
  JSON.stringify(makePack({ id: 'acme', name: 'Acme policy', serial, rules: [termsRule(terms)], examples: [{ text: `About ${terms[0]}`, expect: ['terms'] }], ...extra }), null, 2);
const bytes = (text: string) => new TextEncoder().encode(text);

/** A loopback pack host whose answers each test sets. */
type Route = (request: IncomingMessage, response: ServerResponse) => void;
let server: Server;
let base: string;
const routes = new Map<string, Route>();
const requests: IncomingMessage[] = [];
const serve = (path: string, body: string | Uint8Array, status = 200) =>
  routes.set(path, (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body);
  });

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request);
    const route = routes.get(request.url!);
    if (route) route(request, response);
    else response.writeHead(404).end('not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));
beforeEach(() => {
  routes.clear();
  requests.length = 0;
});

const publish = (json: string, signer = key, path = '/acme.json') => {
  serve(path, json);
  serve(`${path}.minisig`, sign(bytes(json), signer, 'acme'));
};

async function refresh(record: PackRecord & { source: { url: string } }, options: { trust?: TrustSettings; highest?: number; timeoutMs?: number } = {}) {
  return refreshUrlRecord(record, {
    trust: options.trust ?? signed,
    highestSerial: () => options.highest,
    now: () => new Date('2026-11-21T12:00:00Z'),
    fetchOptions: { timeoutMs: options.timeoutMs ?? 5000 },
  });
}

describe('refreshing a pack URL', () => {
  const source = () => ({ kind: 'managed-url' as const, url: `${base}/acme.json` });

  it('accepts a signed, valid pack whose examples pass', async () => {
    publish(packJson(3));
    const { record, accepted } = await refresh({ source: source() });
    expect(accepted?.serial).toBe(3);
    expect(record.error).toBeUndefined();
    expect(record.good?.signedBy).toMatch(/^[0-9A-F]{16}$/);
    expect(requests.map((r) => r.url)).toEqual(['/acme.json', '/acme.json.minisig']);
    expect(requests[0]!.headers.cookie).toBeUndefined();
  });

  // Every failure keeps the last good pack and says what happened and what to do.
  const failures: [string, () => void, RegExp, number?][] = [
    ['a tampered pack', () => {
      publish(packJson(4));
      serve('/acme.json', packJson(4, ['Bluebird', 'Robin']));
    }, /signature refused: the signature does not match the pack/],
    ['a pack signed by another key', () => publish(packJson(4), stranger), /signature refused: signed with key [0-9A-F]{16}, which is not one of the trusted keys/],
    ['an unsigned pack', () => {
      serve('/acme.json', packJson(4));
      routes.delete('/acme.json.minisig');
    }, /the pack is not signed/],
    ['a lower serial (rollback)', () => publish(packJson(2)), /serial 2 of pack "acme" is lower than serial 3, which was already accepted/],
    ['a changed pack with the same serial', () => publish(packJson(3, ['Robin'])), /changed but kept serial 3/],
    ['a server error', () => serve('/acme.json', 'oops', 500), /the server answered 500/],
    ['a missing pack', () => routes.delete('/acme.json'), /the server answered 404/],
    ['garbage', () => publish('<html>definitely not json</html>'), /not a valid rule pack: not valid JSON/],
    ['a schema error', () => publish(packJson(4).replace('"warn"', '"fatal"')), /not a valid rule pack: rules\[0\]\.severity/],
    ['failing examples', () => publish(packJson(4).replace('"expect": [\n        "terms"\n      ]', '"expect": []')), /example 1 of the pack fails: expected nothing, found terms/],
    ['a 10 MB body', () => publish(`${packJson(4).slice(0, -1)}, "padding": "${'x'.repeat(10 * 1024 * 1024)}"}`), /larger than 2 MB/],
    ['a server that never answers', () => routes.set('/acme.json', () => undefined), /did not answer within 0\.3 seconds/, 300],
  ];
  it.each(failures)('%s leaves the last good pack active and records the error', async (_name, setUp, message, timeoutMs) => {
    publish(packJson(3));
    const first = await refresh({ source: source() });
    setUp();
    const { record, accepted } = await refresh(first.record as PackRecord & { source: { url: string } }, { highest: 3, timeoutMs });
    expect(accepted).toBeUndefined();
    expect(record.good).toEqual(first.record.good);
    expect(record.error?.message).toMatch(message);
    expect(record.error?.hint.length).toBeGreaterThan(20);
    expect(record.lastChecked).toBe('2026-11-21T12:00:00.000Z');
  });

  it('an unchanged pack only updates the check time, and a new serial replaces the good pack', async () => {
    publish(packJson(3));
    const first = await refresh({ source: source() });
    const again = await refresh(first.record as PackRecord & { source: { url: string } }, { highest: 3 });
    expect(again).toEqual({ record: { ...first.record } });
    publish(packJson(4, ['Robin']));
    const next = await refresh(again.record as PackRecord & { source: { url: string } }, { highest: 3 });
    expect(next.accepted?.serial).toBe(4);
    expect(next.record.good?.json).toContain('Robin');
  });

  it('refuses plain HTTP except on this machine, and redirects away from HTTPS', async () => {
    const { record } = await refresh({ source: { kind: 'url', url: 'http://packs.example.com/acme.json' } }, { trust: unsigned });
    expect(record.error?.message).toMatch(/not an https:\/\/ address/);
    routes.set('/moved.json', (_request, response) => response.writeHead(302, { location: 'http://example.invalid/acme.json' }).end());
    const moved = await refresh({ source: { kind: 'url', url: `${base}/moved.json` } }, { trust: unsigned });
    expect(moved.record.error?.message).toMatch(/redirected to http:\/\/example\.invalid\/acme\.json, which is not HTTPS|could not fetch/);
  });
});

describe('redirects', () => {
  /** Another pack host (another port is another host to the browser), serving what it is given. */
  let otherHost: Server;
  let otherBase: string;
  const otherRoutes = new Map<string, string>();
  beforeAll(async () => {
    otherHost = createServer((request, response) => {
      const body = otherRoutes.get(request.url!);
      if (body === undefined) response.writeHead(404).end('not found');
      else response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((done) => otherHost.listen(0, '127.0.0.1', done));
    otherBase = `http://127.0.0.1:${(otherHost.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => otherHost.close(() => done())));

  const redirect = (path: string, to: string) => routes.set(path, (_request, response) => response.writeHead(302, { location: to }).end());
  /** The pack and its signature moved to the other host; the configured address redirects there. */
  const moveToOtherHost = (json: string) => {
    otherRoutes.set('/acme.json', json);
    otherRoutes.set('/acme.json.minisig', sign(bytes(json), key, 'acme'));
    redirect('/acme.json', `${otherBase}/acme.json`);
    redirect('/acme.json.minisig', `${otherBase}/acme.json.minisig`);
  };

  it('follows a redirect on the same host, signed or not', async () => {
    serve('/v2/acme.json', packJson(3));
    redirect('/acme.json', '/v2/acme.json');
    const { accepted, record } = await refresh({ source: { kind: 'url', url: `${base}/acme.json` } }, { trust: unsigned });
    expect(record.error).toBeUndefined();
    expect(accepted?.serial).toBe(3);
  });

  it('refuses a redirect to another host when packs are not signature-checked, and says what to do', async () => {
    moveToOtherHost(packJson(3));
    const { accepted, record } = await refresh({ source: { kind: 'url', url: `${base}/acme.json` } }, { trust: unsigned });
    expect(accepted).toBeUndefined();
    expect(record.error?.message).toBe(`${base}/acme.json redirected to ${otherBase}/acme.json, on another host, and packs are not signature-checked`);
    expect(record.error?.hint).toMatch(/trustedKeys/);
  });

  it('follows a redirect to another host when the pack is signature-checked, and still checks the signature', async () => {
    moveToOtherHost(packJson(3));
    const moved = await refresh({ source: { kind: 'managed-url', url: `${base}/acme.json` } }, { trust: signed });
    expect(moved.record.error).toBeUndefined();
    expect(moved.accepted?.serial).toBe(3);

    otherRoutes.set('/acme.json', packJson(3, ['Robin'])); // the other host changes the pack
    const tampered = await refresh({ source: { kind: 'managed-url', url: `${base}/acme.json` } }, { trust: signed });
    expect(tampered.accepted).toBeUndefined();
    expect(tampered.record.error?.message).toMatch(/signature refused/);
  });
});

describe('which packs are active', () => {
  const now = new Date('2026-11-21T12:00:00Z');
  const good = async (json: string, signer = key) => {
    const result = await acceptPack(bytes(json), sign(bytes(json), signer, 'x'), { trust: { signaturesRequired: false, trustedKeys: [] }, highestSerial: () => undefined, now });
    if (!result.ok) throw new Error(result.problem.message);
    return { ...result.good, signature: sign(bytes(json), signer, 'x') };
  };

  it('managed packs win over the person\'s copy of the same pack; different packs are active together', async () => {
    const records: Record<string, PackRecord> = {
      'url:https://p.example/acme.json': { source: { kind: 'url', url: 'https://p.example/acme.json' }, good: await good(packJson(5)) },
      'managed:https://m.example/acme.json': { source: { kind: 'managed-url', url: 'https://m.example/acme.json' }, good: await good(packJson(4)) },
      'file:dept': { source: { kind: 'file', packId: 'dept', fileName: 'dept.json' }, good: await good(packJson(1, ['Heron'], { id: 'dept', name: 'Dept' })) },
    };
    const resolved = resolvePacks(records, { signaturesRequired: false, trustedKeys: [] });
    expect(resolved.map((r) => [r.key, r.status.state])).toEqual([
      ['managed:https://m.example/acme.json', 'active'],
      ['url:https://p.example/acme.json', 'shadowed'],
      ['file:dept', 'active'],
    ]);
    const state = packState(records, parseManagedSettings({}), now);
    expect(state.active.map((p) => p.compiled.pack.name)).toEqual(['Acme policy', 'Dept']);
    expect(state.views.some((v) => v.source.kind === 'demo')).toBe(false);
  });

  it('the demo pack is used only when nothing else is active, and is labelled as such', () => {
    const state = packState({}, parseManagedSettings({}), now);
    expect(state.active.map((p) => p.demo)).toEqual([true]);
    expect(state.views.map((v) => v.source.kind)).toEqual(['demo']);
  });

  it('setting trustedKeys later deactivates packs accepted without a valid signature, except the inline managed pack', async () => {
    const records: Record<string, PackRecord> = {
      'file:acme': { source: { kind: 'file', packId: 'acme', fileName: 'acme.json' }, good: { ...(await good(packJson(1))), signature: undefined } },
      'file:other': { source: { kind: 'file', packId: 'other', fileName: 'o.json' }, good: await good(packJson(1, ['Heron'], { id: 'other' }), stranger) },
      'managed-inline': { source: { kind: 'managed-inline' }, good: { ...(await good(packJson(1, ['Heron'], { id: 'inline' }))), signature: undefined } },
    };
    const state = packState(records, parseManagedSettings({ trustedKeys: [encodePublicKey(key)] }), now);
    expect(state.views.map((v) => [v.key, v.status.state])).toEqual([
      ['managed-inline', 'active'],
      ['file:acme', 'refused'],
      ['file:other', 'refused'],
    ]);
  });

  it('a pack past reviewBy stays active and is shown as overdue', async () => {
    const records: Record<string, PackRecord> = { 'file:acme': { source: { kind: 'file', packId: 'acme', fileName: 'a.json' }, good: await good(packJson(1, ['Bluebird'], { reviewBy: '2026-10-01' })) } };
    const [view] = packState(records, parseManagedSettings({}), now).views;
    expect(view).toMatchObject({ status: { state: 'active' }, overdue: true });
    expect(view!.warnings.join()).toMatch(/review date 2026-10-01 has passed/);
  });
});
