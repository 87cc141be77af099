import { BUILT_IN_SITES } from './index';

/**
 * Where Sera runs from install: the supported social sites over HTTPS (`*.` covers the host itself
 * and its subdomains). Mastodon instances and sites the admin adds are enabled at run time, with
 * that host's permission.
 */
export const SITE_MATCHES: string[] = BUILT_IN_SITES.flatMap((site) => site.hosts.map((host) => `https://*.${host}/*`));
