import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MANAGED_KEYS, parseManagedSettings } from '../../src/managed/settings';
import { encodePublicKey, generateKeyPair } from '../../src/packs/signature';

const key = encodePublicKey(generateKeyPair());

describe('managed settings', () => {
  it('takes the values enterprise policy delivers as JSON', () => {
    const settings = parseManagedSettings({
      packUrls: ['https://packs.example.com/acme.json'],
      trustedKeys: [key],
      photoMode: 'all',
      extraSites: ['Mastodon.Example.org'],
      allowUserDisable: false,
      refreshHours: 12,
    });
    expect(settings).toMatchObject({
      packUrls: ['https://packs.example.com/acme.json'],
      signaturesRequired: true,
      photoMode: 'all',
      extraSites: ['mastodon.example.org'],
      allowUserDisable: false,
      refreshHours: 12,
      problems: [],
    });
    expect(settings.trustedKeys).toHaveLength(1);
    expect(settings.locked).toEqual(['packUrls', 'trustedKeys', 'photoMode', 'extraSites', 'allowUserDisable', 'refreshHours']);
  });

  it('accepts string-encoded lists, booleans and numbers (registry and plist channels)', () => {
    const settings = parseManagedSettings({
      packUrls: '["https://a.example/p.json", "https://b.example/q.json"]',
      extraSites: 'one.example.org, two.example.org\nthree.example.org',
      allowUserDisable: 'false',
      refreshHours: '24',
    });
    expect(settings.packUrls).toEqual(['https://a.example/p.json', 'https://b.example/q.json']);
    expect(settings.extraSites).toEqual(['one.example.org', 'two.example.org', 'three.example.org']);
    expect(settings.allowUserDisable).toBe(false);
    expect(settings.refreshHours).toBe(24);
    expect(parseManagedSettings({ allowUserDisable: 0 }).allowUserDisable).toBe(false);
  });

  it('photoChecks locks the photo checks on or off; unset, the person decides', () => {
    expect(parseManagedSettings({ photoChecks: false })).toMatchObject({ photoChecks: false, locked: ['photoChecks'], problems: [] });
    expect(parseManagedSettings({ photoChecks: 'true' })).toMatchObject({ photoChecks: true, locked: ['photoChecks'] });
    expect(parseManagedSettings({}).photoChecks).toBeUndefined();
    expect(parseManagedSettings({ photoChecks: 'off' }).problems).toEqual([{ key: 'photoChecks', message: 'must be true or false' }]);
  });

  it('reports each bad key with what to fix and keeps the good ones', () => {
    const settings = parseManagedSettings({ packUrls: ['http://packs.example.com/p.json'], refreshHours: 0, photoMode: 'none', refreshHour: 3, extraSites: ['mastodon.example.org'] });
    expect(settings.extraSites).toEqual(['mastodon.example.org']);
    expect(settings.refreshHours).toBe(6);
    expect(settings.problems.map((p) => `${p.key}: ${p.message}`)).toEqual([
      'packUrls: [0] must be an https:// address (http:// only for localhost)',
      'refreshHours: must be at least 1',
      'photoMode: must be "location" or "all"',
      expect.stringMatching(/^refreshHour: unknown setting/),
    ]);
  });

  it('fails closed: trustedKeys that do not parse still require signatures', () => {
    const settings = parseManagedSettings({ trustedKeys: ['not a key'] });
    expect(settings.signaturesRequired).toBe(true);
    expect(settings.trustedKeys).toEqual([]);
    expect(settings.problems[0]?.message).toMatch(/not a minisign public key/);
    expect(parseManagedSettings({}).signaturesRequired).toBe(false);
  });

  it('managed_schema.json is in Chrome\'s dialect and has exactly the parsed keys', () => {
    const schema = JSON.parse(readFileSync('src/managed/managed_schema.json', 'utf8'));
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('additionalProperties');
    expect(schema).not.toHaveProperty('$schema');
    expect(Object.keys(schema.properties).sort()).toEqual([...MANAGED_KEYS].sort());
    const nodes = (node: Record<string, unknown>): Record<string, unknown>[] => [
      node,
      ...Object.values((node.properties as Record<string, Record<string, unknown>>) ?? {}).flatMap(nodes),
      ...(node.items ? nodes(node.items as Record<string, unknown>) : []),
    ];
    for (const node of nodes(schema)) expect(typeof node.type).toBe('string');
  });
});
