import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromeExtensionId, EXTENSION_PUBLIC_KEY, FIREFOX_EXTENSION_ID } from '../managed/extension-id';
import { isAllowedPackUrl, parseManagedSettings } from '../managed/settings';
import { encodePublicKey, parsePublicKey, SignatureError } from '../packs/signature';
import { buildPack } from './build';
import { usage } from './help';
import { CliError, EXIT, readText, type Streams } from './io';

type Value = string | number | boolean | readonly string[];

/** The deployment files for one configuration; the values are Sera's managed settings. */
export interface PolicyFiles {
  readonly 'chrome-policy.json': string;
  readonly 'sera.reg': string;
  readonly 'sera.mobileconfig': string;
  readonly 'firefox-policies.json': string;
}

/** What force-installs Sera: Chrome's update URL and the .reg's forcelist entry, and Firefox's .xpi. */
export interface ForceInstall {
  readonly updateUrl: string;
  readonly forcelistIndex: number;
  readonly firefoxInstallUrl: string;
}

export interface PolicyIds {
  readonly chromeId: string;
  readonly firefoxId: string;
  readonly forceInstall?: ForceInstall;
}

export async function policyCommand(args: string[], streams: Streams): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'pack-url': { type: 'string', multiple: true },
      key: { type: 'string', multiple: true },
      'inline-pack': { type: 'string' },
      'extension-id': { type: 'string', default: await chromeExtensionId(EXTENSION_PUBLIC_KEY) },
      'firefox-id': { type: 'string', default: FIREFOX_EXTENSION_ID },
      'update-url': { type: 'string' },
      'forcelist-index': { type: 'string' },
      'firefox-install-url': { type: 'string' },
      'photo-mode': { type: 'string' },
      'extra-site': { type: 'string', multiple: true },
      'refresh-hours': { type: 'string' },
      'no-user-disable': { type: 'boolean' },
      'photo-checks': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const urls = values['pack-url'] ?? [];
  const inlineFile = values['inline-pack'];
  if (!urls.length && !inlineFile) throw new CliError(`give --pack-url or --inline-pack\n${usage('policy')}`);
  for (const url of urls) if (!isAllowedPackUrl(url)) throw new CliError(`--pack-url ${url}: must be an https:// address`);
  const keys: string[] = [];
  for (const key of values.key ?? []) {
    const text = key.startsWith('RW') ? key : await readText(key, streams);
    try {
      keys.push(encodePublicKey(parsePublicKey(text)));
    } catch (error) {
      if (error instanceof SignatureError) throw new CliError(`--key ${key}: ${error.message}`);
      throw error;
    }
  }
  // An inline pack comes through the policy itself and needs no signature; fetched packs do.
  if (urls.length && !keys.length) throw new CliError('give --key with the public key that signs your packs (sera pack keygen prints it); Sera then refuses unsigned packs');
  if (!/^[a-p]{32}$/.test(values['extension-id'])) throw new CliError(`--extension-id ${values['extension-id']}: a Chrome extension ID is 32 letters a to p`);
  const forceInstall = forceInstallOptions(values['update-url'], values['forcelist-index'], values['firefox-install-url']);

  const settings: Record<string, Value> = {};
  if (urls.length) settings.packUrls = urls;
  if (keys.length) settings.trustedKeys = keys;
  if (inlineFile) {
    // Checked as browsers check it, and compact: policy values are single strings.
    const { json } = await buildPack(inlineFile, streams, streams.stderr);
    settings.inlinePack = JSON.stringify(JSON.parse(json));
  }
  if (values['photo-mode']) settings.photoMode = values['photo-mode'];
  if (values['extra-site']) settings.extraSites = values['extra-site'];
  if (values['refresh-hours']) settings.refreshHours = Number(values['refresh-hours']);
  if (values['no-user-disable']) settings.allowUserDisable = false;
  if (values['photo-checks'] !== undefined) {
    if (values['photo-checks'] !== 'on' && values['photo-checks'] !== 'off') throw new CliError(`--photo-checks ${values['photo-checks']}: give on or off`);
    settings.photoChecks = values['photo-checks'] === 'on';
  }
  // What the extension will make of it: refuse to print files it would not accept.
  const problems = parseManagedSettings(settings).problems;
  if (problems.length) throw new CliError(problems.map((p) => `${p.key}: ${p.message}`).join('; '));

  const files = policyFiles(settings, { chromeId: values['extension-id'], firefoxId: values['firefox-id'], ...(forceInstall ? { forceInstall } : {}) });
  if (values.out) {
    await mkdir(values.out, { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(join(values.out, name), encodeFile(name, text));
    streams.stdout.write(`wrote ${Object.keys(files).map((name) => join(values.out!, name)).join(', ')}\n`);
  } else {
    for (const [name, text] of Object.entries(files)) streams.stdout.write(`==> ${name} <==\n${text}\n`);
  }
  return EXIT.ok;
}

/**
 * Force-installing is all or nothing: every file installs Sera, or the command says which platform
 * still needs what, so that no file silently leaves its browsers without Sera.
 */
function forceInstallOptions(updateUrl: string | undefined, index: string | undefined, firefoxInstallUrl: string | undefined): ForceInstall | undefined {
  if (updateUrl === undefined && index === undefined && firefoxInstallUrl === undefined) return undefined;
  const missing = [
    updateUrl === undefined && 'Chrome on every platform needs --update-url (your update manifest, or https://clients2.google.com/service/update2/crx for the Chrome Web Store)',
    index === undefined && 'Windows (sera.reg) needs --forcelist-index N, a number your ExtensionInstallForcelist does not use yet (see the admin guide)',
    firefoxInstallUrl === undefined && "Firefox needs --firefox-install-url, the https:// address of Sera's signed .xpi",
  ].filter(Boolean);
  if (missing.length) throw new CliError(`to force-install Sera everywhere: ${missing.join('; ')}`);
  for (const [option, url] of [['--update-url', updateUrl!], ['--firefox-install-url', firefoxInstallUrl!]] as const) {
    if (!/^https:\/\/[^\s;]+$/.test(url)) throw new CliError(`${option} ${url}: must be an https:// address`);
  }
  if (!/^[1-9]\d{0,3}$/.test(index!)) throw new CliError(`--forcelist-index ${index}: must be a whole number from 1 to 9999`);
  return { updateUrl: updateUrl!, forcelistIndex: Number(index), firefoxInstallUrl: firefoxInstallUrl! };
}

/** regedit reads UTF-16LE with a byte order mark (its own export format); other code pages garble non-ASCII text. */
function encodeFile(name: string, text: string): string | Uint8Array {
  if (!name.endsWith('.reg')) return text;
  return new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf16le'));
}

export function policyFiles(settings: Record<string, Value>, ids: PolicyIds): PolicyFiles {
  const forcelistEntry = ids.forceInstall && `${ids.chromeId};${ids.forceInstall.updateUrl}`;
  const chrome: Record<string, unknown> = { '3rdparty': { extensions: { [ids.chromeId]: settings } } };
  if (forcelistEntry) chrome.ExtensionInstallForcelist = [forcelistEntry];
  const firefox: Record<string, unknown> = { '3rdparty': { Extensions: { [ids.firefoxId]: settings } } };
  if (ids.forceInstall) firefox.ExtensionSettings = { [ids.firefoxId]: { installation_mode: 'force_installed', install_url: ids.forceInstall.firefoxInstallUrl } };
  return {
    'chrome-policy.json': `${JSON.stringify(chrome, null, 2)}\n`,
    'sera.reg': registryFile(settings, ids),
    'sera.mobileconfig': mobileconfig(settings, ids.chromeId, forcelistEntry),
    'firefox-policies.json': `${JSON.stringify({ policies: firefox }, null, 2)}\n`,
  };
}

/**
 * Chrome reads extension policy from ...\3rdparty\extensions\ID\policy; lists are subkeys "1", "2", …
 * Importing a .reg only adds values, so Sera's own policy key is deleted first: a shorter list than
 * last time leaves no stale entries. The forcelist is shared with other extensions: only Sera's
 * entry, at the index the admin chose, is written.
 */
function registryFile(settings: Record<string, Value>, ids: PolicyIds): string {
  const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const base = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome`;
  const policyKey = `${base}\\3rdparty\\extensions\\${ids.chromeId}\\policy`;
  const scalars: string[] = [];
  const lists: string[] = [];
  for (const [name, value] of Object.entries(settings)) {
    if (Array.isArray(value)) lists.push(`[${policyKey}\\${name}]`, ...value.map((item, i) => `${quote(String(i + 1))}=${quote(item)}`), '');
    else if (typeof value === 'boolean') scalars.push(`${quote(name)}=dword:${value ? '00000001' : '00000000'}`);
    else if (typeof value === 'number') scalars.push(`${quote(name)}=dword:${value.toString(16).padStart(8, '0')}`);
    else scalars.push(`${quote(name)}=${quote(value as string)}`);
  }
  const { forceInstall } = ids;
  const install = forceInstall ? [`[${base}\\ExtensionInstallForcelist]`, `${quote(String(forceInstall.forcelistIndex))}=${quote(`${ids.chromeId};${forceInstall.updateUrl}`)}`, ''] : [];
  // regedit expects CRLF line ends.
  return ['Windows Registry Editor Version 5.00', '', ...install, `[-${policyKey}]`, '', `[${policyKey}]`, ...scalars, '', ...lists].join('\r\n');
}

function mobileconfig(settings: Record<string, Value>, chromeId: string, forcelistEntry: string | undefined): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const plist = (value: Value, indent: string): string => {
    if (Array.isArray(value)) return `${indent}<array>\n${value.map((item) => `${indent}  <string>${escape(item)}</string>\n`).join('')}${indent}</array>\n`;
    if (typeof value === 'boolean') return `${indent}<${value}/>\n`;
    if (typeof value === 'number') return `${indent}<integer>${value}</integer>\n`;
    return `${indent}<string>${escape(value as string)}</string>\n`;
  };
  const entries = (values: Record<string, Value>) =>
    Object.entries(values)
      .map(([name, value]) => `                <key>${escape(name)}</key>\n${plist(value, '                ')}`)
      .join('');
  const forced = (domain: string, values: Record<string, Value>) => `        <key>${domain}</key>
        <dict>
          <key>Forced</key>
          <array>
            <dict>
              <key>mcx_preference_settings</key>
              <dict>
${entries(values)}              </dict>
            </dict>
          </array>
        </dict>
`;
  // Stable UUIDs from the content, so that re-running the command gives the same profile.
  const digest = createHash('sha256').update(JSON.stringify([chromeId, settings, forcelistEntry])).digest('hex');
  const uuid = (salt: number) => {
    const hex = createHash('sha256').update(`${digest}${salt}`).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toUpperCase();
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>PayloadContent</key>
  <array>
    <dict>
      <key>PayloadType</key>
      <string>com.apple.ManagedClient.preferences</string>
      <key>PayloadIdentifier</key>
      <string>org.sera.policy.chrome.${chromeId}</string>
      <key>PayloadUUID</key>
      <string>${uuid(1)}</string>
      <key>PayloadVersion</key>
      <integer>1</integer>
      <key>PayloadDisplayName</key>
      <string>Sera settings for Google Chrome</string>
      <key>PayloadContent</key>
      <dict>
${forced(`com.google.Chrome.extensions.${chromeId}`, settings)}${forcelistEntry ? forced('com.google.Chrome', { ExtensionInstallForcelist: [forcelistEntry] }) : ''}      </dict>
    </dict>
  </array>
  <key>PayloadDisplayName</key>
  <string>Sera social media policy</string>
  <key>PayloadIdentifier</key>
  <string>org.sera.policy</string>
  <key>PayloadType</key>
  <string>Configuration</string>
  <key>PayloadScope</key>
  <string>System</string>
  <key>PayloadUUID</key>
  <string>${uuid(0)}</string>
  <key>PayloadVersion</key>
  <integer>1</integer>
</dict>
</plist>
`;
}
