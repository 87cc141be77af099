import { ascii } from '../photos/bytes';

/**
 * The manifest `key` (a public key) fixes the Chrome extension ID, so that enterprise policy can name
 * the extension before it is installed. Firefox uses the gecko id instead.
 */
export const EXTENSION_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAv/V/AQnMB4GAakbqWtjCRsZkDIVapO0u2lRoNkZMdxITm67IC7zcKhC3DuGATQsnXkJCPOsH8yMI5C0qVFxlf6azMxmo1j8tXUlNfjTJV9o81f7xA4HReyb0ehOI33lGnBGXj6n5we75cahvPFSGGAHqFhD9nFQb71OK77aKS5jDS/YJrcS1sRBlkPW4CAtl9WVs5IxNds9mXKtBCKqOpvS6wF/MCaSXcohYj5Qpi8mKH6fUCYW2F7BDL59vlrJdTSmEvbPTcW0N1ox58fuiTcLx8/HrY7PkV1pwyp1pJd8JJuQERRc0+ijdpF/CaCN5LJe6LXmTfqGPgOpQItRldQIDAQAB';

export const FIREFOX_EXTENSION_ID = 'sera@sera-policy';

/** Chrome derives an ID from the key: the first 32 hex digits of its SHA-256, written with the letters a to p. */
export async function chromeExtensionId(publicKeyBase64: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', ascii(atob(publicKeyBase64)) as Uint8Array<ArrayBuffer>));
  return [...digest.subarray(0, 16)].map((byte) => String.fromCharCode(97 + (byte >> 4), 97 + (byte & 15))).join('');
}
