import { isAllowedPackUrl } from '../managed/settings';
import { concat } from '../photos/bytes';

/** A pack with thousands of terms is well under this; anything bigger is a mistake or hostile. */
export const MAX_PACK_BYTES = 2 * 1024 * 1024;
export const MAX_SIGNATURE_BYTES = 4096;
export const FETCH_TIMEOUT_MS = 20_000;

/** What went wrong, and what the admin can do about it. */
export interface PackProblem {
  readonly message: string;
  readonly hint: string;
}

export class PackFetchError extends Error implements PackProblem {
  constructor(
    message: string,
    readonly hint: string,
    /** The server says the file does not exist (a missing signature is reported as "unsigned"). */
    readonly notFound = false,
  ) {
    super(message);
  }
}

export interface FetchOptions {
  readonly fetch?: typeof fetch;
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
  /**
   * Whether a redirect may leave the address's host. Only when the pack's signature will be checked:
   * otherwise whoever controls the other host would decide the rules.
   */
  readonly redirectToOtherHosts?: boolean;
}

/**
 * Fetches a pack (or its signature) with a timeout and a size limit, HTTPS only. `cache: 'no-cache'`
 * makes the browser revalidate its copy with If-None-Match/If-Modified-Since, so an unchanged pack
 * costs a 304; a custom If-None-Match header would instead force a CORS preflight that plain static
 * hosts do not answer. No cookies are sent.
 */
export async function fetchPackBytes(url: string, options: FetchOptions = {}): Promise<Uint8Array> {
  const { maxBytes = MAX_PACK_BYTES, timeoutMs = FETCH_TIMEOUT_MS } = options;
  const doFetch = options.fetch ?? fetch;
  if (!isAllowedPackUrl(url)) throw new PackFetchError(`${url} is not an https:// address`, 'Packs are only fetched over HTTPS: publish the pack on an https:// address.');
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await doFetch(url, { cache: 'no-cache', credentials: 'omit', redirect: 'follow', signal });
  } catch (error) {
    throw failure(error, url, timeoutMs);
  }
  if (response.url && !isAllowedPackUrl(response.url)) {
    throw new PackFetchError(`${url} redirected to ${response.url}, which is not HTTPS`, 'Serve the pack over HTTPS without redirects to plain HTTP.');
  }
  // Redirects are followed (a service worker cannot see a manual one), then judged by where they ended.
  if (response.url && !options.redirectToOtherHosts && new URL(response.url).host !== new URL(url).host) {
    await response.body?.cancel().catch(() => undefined);
    throw new PackFetchError(
      `${url} redirected to ${response.url}, on another host, and packs are not signature-checked`,
      'Publish the pack at the address Sera is given, or sign packs and set trustedKeys so that Sera may follow redirects to other hosts.',
    );
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new PackFetchError(
      `the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''} for ${url}`,
      response.status === 404 ? 'Check the address, and that the file is published there.' : 'Check the pack host; Sera tries again at the next refresh.',
      response.status === 404 || response.status === 410,
    );
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(url, maxBytes);
  }
  try {
    return await readLimited(response, maxBytes, url);
  } catch (error) {
    throw error instanceof PackFetchError ? error : failure(error, url, timeoutMs);
  }
}

async function readLimited(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url, maxBytes);
    }
    chunks.push(value);
  }
  return concat(chunks);
}

function tooLarge(url: string, maxBytes: number): PackFetchError {
  return new PackFetchError(
    `${url} is larger than ${maxBytes / 1024 / 1024 >= 1 ? `${maxBytes / 1024 / 1024} MB` : `${maxBytes} bytes`}`,
    'A rule pack is a small JSON file: check that the address points at the pack and not at something else.',
  );
}

function failure(error: unknown, url: string, timeoutMs: number): PackFetchError {
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new PackFetchError(`${url} did not answer within ${timeoutMs / 1000} seconds`, 'Sera tries again at the next refresh; check that the pack host is up.');
  }
  return new PackFetchError(
    `could not fetch ${url} (offline, or the server refused)`,
    'Sera tries again at the next refresh. If it keeps failing: check the address, and that the server sends "Access-Control-Allow-Origin: *" so that Sera may read the file.',
  );
}
