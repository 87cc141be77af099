import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  encodePublicKey,
  formatPublicKeyFile,
  formatSecretKeyFile,
  generateKeyPair,
  parsePublicKey,
  parseSecretKey,
  sign,
  verify,
} from '../../src/packs/signature';

const message = new TextEncoder().encode('{"schemaVersion":1}\n');

describe('minisign-format signatures', () => {
  const key = generateKeyPair();
  const other = generateKeyPair();

  it('verifies its own signature and returns the key id and trusted comment', () => {
    const signature = sign(message, key, 'pack acme serial 3');
    const result = verify(message, signature, [other, parsePublicKey(encodePublicKey(key))]);
    expect(result.trustedComment).toBe('pack acme serial 3');
    expect(result.keyId).toMatch(/^[0-9A-F]{16}$/);
  });

  it('refuses a changed message, an unknown key, a changed trusted comment and a malformed file', () => {
    const signature = sign(message, key, 'pack acme serial 3');
    const changed = message.slice();
    changed[5] = changed[5]! ^ 1;
    expect(() => verify(changed, signature, [key])).toThrow(/does not match the pack/);
    expect(() => verify(message, signature, [other])).toThrow(/not one of the trusted keys/);
    expect(() => verify(message, signature.replace('serial 3', 'serial 9'), [key])).toThrow(/trusted comment was changed/);
    expect(() => verify(message, 'hello', [key])).toThrow(/not in minisign format/);
  });

  it('round-trips key files, and refuses what is not a key', () => {
    const secret = parseSecretKey(formatSecretKeyFile(key));
    expect(verify(message, sign(message, secret, 'x'), [parsePublicKey(formatPublicKeyFile(key))]).trustedComment).toBe('x');
    expect(() => parsePublicKey('RWQ')).toThrow(/not a minisign public key/);
    expect(() => parseSecretKey(formatPublicKeyFile(key))).toThrow(/not a minisign secret key/);
  });

  const minisign = spawnSync('minisign', ['-v']).status === 0;
  describe.skipIf(!minisign && !process.env.CI)('interop with Debian minisign', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sera-minisign-'));
    const file = join(dir, 'pack.json');
    writeFileSync(file, message);
    const run = (args: string[]) => spawnSync('minisign', args, { cwd: dir, encoding: 'utf8' });

    it('minisign verifies what sera signs, with a key sera made', () => {
      writeFileSync(join(dir, 'sera.key'), formatSecretKeyFile(key));
      writeFileSync(join(dir, 'sera.pub'), formatPublicKeyFile(key));
      writeFileSync(join(dir, 'pack.json.minisig'), sign(message, key, 'signed by sera'));
      const result = run(['-V', '-p', 'sera.pub', '-m', 'pack.json']);
      expect(result.stderr + result.stdout).toContain('Signature and comment signature verified');
      expect(result.status).toBe(0);
    });

    it('sera verifies what minisign signs, and signs with a key minisign made', () => {
      expect(run(['-G', '-W', '-f', '-p', 'mini.pub', '-s', 'mini.key']).status).toBe(0);
      expect(run(['-S', '-s', 'mini.key', '-m', 'pack.json', '-x', 'mini.minisig', '-t', 'from minisign']).status).toBe(0);
      const publicKey = parsePublicKey(readFileSync(join(dir, 'mini.pub'), 'utf8'));
      expect(verify(message, readFileSync(join(dir, 'mini.minisig'), 'utf8'), [publicKey]).trustedComment).toBe('from minisign');

      writeFileSync(join(dir, 'ours.minisig'), sign(message, parseSecretKey(readFileSync(join(dir, 'mini.key'), 'utf8')), 'sera with a minisign key'));
      expect(run(['-V', '-p', 'mini.pub', '-m', 'pack.json', '-x', 'ours.minisig']).status).toBe(0);
    });

    it('minisign refuses a pack changed after sera signed it', () => {
      writeFileSync(join(dir, 'pack.json.minisig'), sign(message, key, 'signed by sera'));
      writeFileSync(file, '{"schemaVersion":2}\n');
      expect(run(['-V', '-p', 'sera.pub', '-m', 'pack.json']).status).not.toBe(0);
    });
  });
});
