import { ed25519 } from '@noble/curves/ed25519.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { ascii, concat, equalBytes, latin1, toBase64 } from '../photos/bytes';

/**
 * Ed25519 signatures in minisign's formats (https://jedisct1.github.io/minisign/), so that admins can
 * sign and verify packs with `minisign` as well as with `sera pack sign`. Pure: runs in Node and in
 * the extension.
 */

const LEGACY = 'Ed'; // signs the file itself
const PREHASHED = 'ED'; // signs BLAKE2b-512 of the file (minisign's default since 0.8)
const KEY_ID_BYTES = 8;

export interface PublicKey {
  readonly keyId: Uint8Array;
  readonly key: Uint8Array;
}

export interface SecretKey extends PublicKey {
  /** The 32-byte Ed25519 seed. */
  readonly seed: Uint8Array;
}

export class SignatureError extends Error {
  override name = 'SignatureError';
}

/** The key id as minisign prints it: 16 hex digits of the little-endian number. */
export function keyIdHex(keyId: Uint8Array): string {
  return [...keyId].reverse().map((byte) => byte.toString(16).padStart(2, '0')).join('').toUpperCase();
}

export function generateKeyPair(random: (length: number) => Uint8Array = randomBytes): SecretKey {
  const seed = random(32);
  return { seed, key: ed25519.getPublicKey(seed), keyId: random(KEY_ID_BYTES) };
}

/** The public key line (`RWQ…`), as `trustedKeys` and `minisign -P` take it. */
export function encodePublicKey({ keyId, key }: PublicKey): string {
  return toBase64(concat([ascii(LEGACY), keyId, key]));
}

export function formatPublicKeyFile(publicKey: PublicKey): string {
  return `untrusted comment: minisign public key ${keyIdHex(publicKey.keyId)}\n${encodePublicKey(publicKey)}\n`;
}

/** Reads a public key from its base64 line or from a whole `.pub` file. */
export function parsePublicKey(text: string): PublicKey {
  const line = payloadLines(text)[0];
  const bytes = line === undefined ? undefined : fromBase64(line);
  if (!bytes || bytes.length !== 2 + KEY_ID_BYTES + 32 || latin1(bytes.subarray(0, 2)) !== LEGACY) {
    throw new SignatureError('not a minisign public key: expected a base64 line starting with "RW" (as printed by "sera pack keygen" or "minisign -G")');
  }
  return { keyId: bytes.slice(2, 10), key: bytes.slice(10) };
}

/**
 * An unencrypted minisign secret key file (what `minisign -G -W` writes). Password-protected keys
 * are refused with a pointer to minisign, which can sign with them directly.
 */
export function formatSecretKeyFile(secret: SecretKey): string {
  const bytes = concat([
    ascii(LEGACY),
    new Uint8Array(2), // no key derivation: the key is not password-protected
    ascii('B2'),
    new Uint8Array(32 + 8 + 8), // salt, opslimit, memlimit: unused without a password
    secret.keyId,
    secret.seed,
    secret.key,
    new Uint8Array(32), // the checksum, left zero as minisign does for keys without a password
  ]);
  return `untrusted comment: minisign secret key (not password-protected: keep this file private)\n${toBase64(bytes)}\n`;
}

export function parseSecretKey(text: string): SecretKey {
  const line = payloadLines(text)[0];
  const bytes = line === undefined ? undefined : fromBase64(line);
  if (!bytes || bytes.length !== 158 || latin1(bytes.subarray(0, 2)) !== LEGACY || latin1(bytes.subarray(4, 6)) !== 'B2') {
    throw new SignatureError('not a minisign secret key');
  }
  if (bytes[2] !== 0 || bytes[3] !== 0) {
    throw new SignatureError('this secret key is password-protected: sign with "minisign -S -s KEY -m PACK.json", which writes the same signature');
  }
  const keyId = bytes.slice(54, 62);
  const secretKey = bytes.slice(62, 126);
  const checksum = bytes.subarray(126, 158);
  const expected = blake2b(concat([ascii(LEGACY), keyId, secretKey]), { dkLen: 32 });
  if (checksum.some((byte) => byte !== 0) && !equalBytes(checksum, expected)) throw new SignatureError('the secret key is damaged (its checksum does not match)');
  const seed = secretKey.slice(0, 32);
  if (!equalBytes(ed25519.getPublicKey(seed), secretKey.subarray(32))) throw new SignatureError('the secret key is damaged (its two halves do not belong together)');
  return { keyId, seed, key: secretKey.slice(32) };
}

/** A `.minisig` file for `message`, prehashed like minisign's default. */
export function sign(message: Uint8Array, secret: SecretKey, trustedComment: string, untrustedComment = 'signature from sera'): string {
  if (/[\r\n]/.test(trustedComment)) throw new SignatureError('the trusted comment must be one line');
  const signature = ed25519.sign(blake2b(message), secret.seed);
  const globalSignature = ed25519.sign(concat([signature, utf8(trustedComment)]), secret.seed);
  return [
    `untrusted comment: ${untrustedComment}`,
    toBase64(concat([ascii(PREHASHED), secret.keyId, signature])),
    `trusted comment: ${trustedComment}`,
    toBase64(globalSignature),
    '',
  ].join('\n');
}

export interface Verified {
  /** The key that signed, as minisign prints its id. */
  readonly keyId: string;
  readonly trustedComment: string;
}

/**
 * Checks a `.minisig` against the message and a list of trusted keys. Throws a SignatureError that
 * says what is wrong: a malformed signature, an unknown key, or a message that does not match.
 */
export function verify(message: Uint8Array, signatureFile: string, trustedKeys: readonly PublicKey[]): Verified {
  const lines = signatureFile.replace(/\r\n/g, '\n').split('\n');
  const signatureLine = lines[1] === undefined ? undefined : fromBase64(lines[1].trim());
  const trustedLine = lines[2] ?? '';
  const globalSignature = lines[3] === undefined ? undefined : fromBase64(lines[3].trim());
  if (!lines[0]?.startsWith('untrusted comment:') || !signatureLine || signatureLine.length !== 74 || !trustedLine.startsWith('trusted comment: ') || globalSignature?.length !== 64) {
    throw new SignatureError('the signature file is not in minisign format');
  }
  const algorithm = latin1(signatureLine.subarray(0, 2));
  if (algorithm !== LEGACY && algorithm !== PREHASHED) throw new SignatureError(`unknown signature algorithm "${algorithm}"`);
  const keyId = signatureLine.subarray(2, 10);
  const signature = signatureLine.subarray(10);
  const key = trustedKeys.find((candidate) => equalBytes(candidate.keyId, keyId));
  if (!key) throw new SignatureError(`signed with key ${keyIdHex(keyId)}, which is not one of the trusted keys`);
  const signed = algorithm === PREHASHED ? blake2b(message) : message;
  if (!ed25519.verify(signature, signed, key.key)) throw new SignatureError('the signature does not match the pack: it was changed after signing, or signed by another key');
  const trustedComment = trustedLine.slice('trusted comment: '.length);
  if (!ed25519.verify(globalSignature, concat([signature, utf8(trustedComment)]), key.key)) {
    throw new SignatureError('the trusted comment was changed after signing');
  }
  return { keyId: keyIdHex(keyId), trustedComment };
}

function payloadLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('untrusted comment:'));
}

function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

const utf8 = (text: string) => new TextEncoder().encode(text);

function fromBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  try {
    return ascii(atob(text));
  } catch {
    return undefined;
  }
}
