/**
 * The manifest `key` (a public key) fixes the Chrome extension ID, so that enterprise policy can name
 * the extension before it is installed. Firefox uses the gecko id instead.
 */
export const EXTENSION_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAv/V/AQnMB4GAakbqWtjCRsZkDIVapO0u2lRoNkZMdxITm67IC7zcKhC3DuGATQsnXkJCPOsH8yMI5C0qVFxlf6azMxmo1j8tXUlNfjTJV9o81f7xA4HReyb0ehOI33lGnBGXj6n5we75cahvPFSGGAHqFhD9nFQb71OK77aKS5jDS/YJrcS1sRBlkPW4CAtl9WVs5IxNds9mXKtBCKqOpvS6wF/MCaSXcohYj5Qpi8mKH6fUCYW2F7BDL59vlrJdTSmEvbPTcW0N1ox58fuiTcLx8/HrY7PkV1pwyp1pJd8JJuQERRc0+ijdpF/CaCN5LJe6LXmTfqGPgOpQItRldQIDAQAB';

/** Chrome's extension ID for EXTENSION_PUBLIC_KEY (checked against the key by a unit test). */
export const CHROME_EXTENSION_ID = 'ahoeeijdeoidaifldhgifcfogmpbahpo';

export const FIREFOX_EXTENSION_ID = 'sera@sera-policy';
