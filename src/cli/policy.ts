import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromeExtensionId, EXTENSION_PUBLIC_KEY, FIREFOX_EXTENSION_ID } from '../managed/extension-id';
import { isAllowedPackUrl, parseManagedSettings } from '../managed/settings';
import { encodePublicKey, parsePublicKey, SignatureError } from '../packs/signature';
import { CliError, EXIT, readText, type Streams } from './io';

export const POLICY_USAGE = `sera policy --pack-url URL --key PUBKEY [--extension-id ID] [--out DIR]
            [--firefox-id ID] [--update-url URL] [--photo-mode location|all]
            [--extra-site HOST]... [--refresh-hours N] [--no-user-disable]
    prints (or writes to DIR) Linux/Chrome policy JSON, Windows .reg, macOS .mobileconfig
    and Firefox policies.json; --pack-url and --key may be repeated`;

type Value = string | number | boolean | readonly string[];

/** The deployment files for one configuration; the values are Sera's managed settings. */
export interface PolicyFiles {
  readonly 'chrome-policy.json': string;
  readonly 'sera.reg': string;
  readonly 'sera.mobileconfig': string;
  readonly 'firefox-policies.json': string;
}

export async function policyCommand(args: string[], streams: Streams): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'pack-url': { type: 'string', multiple: true },
      key: { type: 'string', multiple: true },
      'extension-id': { type: 'string', default: await chromeExtensionId(EXTENSION_PUBLIC_KEY) },
      'firefox-id': { type: 'string', default: FIREFOX_EXTENSION_ID },
      'update-url': { type: 'string' },
      'photo-mode': { type: 'string' },
      'extra-site': { type: 'string', multiple: true },
      'refresh-hours': { type: 'string' },
      'no-user-disable': { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  const urls = values['pack-url'] ?? [];
  if (!urls.length) throw new CliError(`give at least one --pack-url\nusage: ${POLICY_USAGE}`);
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
  if (!keys.length) throw new CliError('give --key with the public key that signs your packs (sera pack keygen prints it); Sera then refuses unsigned packs');
  if (!/^[a-p]{32}$/.test(values['extension-id'])) throw new CliError(`--extension-id ${values['extension-id']}: a Chrome extension ID is 32 letters a to p`);

  const settings: Record<string, Value> = { packUrls: urls, trustedKeys: keys };
  if (values['photo-mode']) settings.photoMode = values['photo-mode'];
  if (values['extra-site']) settings.extraSites = values['extra-site'];
  if (values['refresh-hours']) settings.refreshHours = Number(values['refresh-hours']);
  if (values['no-user-disable']) settings.allowUserDisable = false;
  // What the extension will make of it: refuse to print files it would not accept.
  const problems = parseManagedSettings(settings).problems;
  if (problems.length) throw new CliError(problems.map((p) => `${p.key}: ${p.message}`).join('; '));

  const files = policyFiles(settings, { chromeId: values['extension-id'], firefoxId: values['firefox-id'], updateUrl: values['update-url'] });
  if (values.out) {
    await mkdir(values.out, { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(join(values.out, name), text);
    streams.stdout.write(`wrote ${Object.keys(files).map((name) => join(values.out!, name)).join(', ')}\n`);
  } else {
    for (const [name, text] of Object.entries(files)) streams.stdout.write(`==> ${name} <==\n${text}\n`);
  }
  return EXIT.ok;
}

export function policyFiles(settings: Record<string, Value>, ids: { chromeId: string; firefoxId: string; updateUrl?: string }): PolicyFiles {
  const chrome: Record<string, unknown> = { '3rdparty': { extensions: { [ids.chromeId]: settings } } };
  if (ids.updateUrl) chrome.ExtensionInstallForcelist = [`${ids.chromeId};${ids.updateUrl}`];
  return {
    'chrome-policy.json': `${JSON.stringify(chrome, null, 2)}\n`,
    'sera.reg': registryFile(settings, ids),
    'sera.mobileconfig': mobileconfig(settings, ids.chromeId),
    'firefox-policies.json': `${JSON.stringify({ policies: { '3rdparty': { Extensions: { [ids.firefoxId]: settings } } } }, null, 2)}\n`,
  };
}

/** Chrome reads extension policy from ...\3rdparty\extensions\ID\policy; lists are subkeys "1", "2", … */
function registryFile(settings: Record<string, Value>, ids: { chromeId: string; updateUrl?: string }): string {
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
  const install = ids.updateUrl ? [`[${base}\\ExtensionInstallForcelist]`, `"1"=${quote(`${ids.chromeId};${ids.updateUrl}`)}`, ''] : [];
  // regedit expects CRLF line ends.
  return ['Windows Registry Editor Version 5.00', '', ...install, `[${policyKey}]`, ...scalars, '', ...lists].join('\r\n');
}

function mobileconfig(settings: Record<string, Value>, chromeId: string): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const plist = (value: Value, indent: string): string => {
    if (Array.isArray(value)) return `${indent}<array>\n${value.map((item) => `${indent}  <string>${escape(item)}</string>\n`).join('')}${indent}</array>\n`;
    if (typeof value === 'boolean') return `${indent}<${value}/>\n`;
    if (typeof value === 'number') return `${indent}<integer>${value}</integer>\n`;
    return `${indent}<string>${escape(value as string)}</string>\n`;
  };
  const entries = Object.entries(settings)
    .map(([name, value]) => `                <key>${escape(name)}</key>\n${plist(value, '                ')}`)
    .join('');
  // Stable UUIDs from the content, so that re-running the command gives the same profile.
  const digest = createHash('sha256').update(JSON.stringify([chromeId, settings])).digest('hex');
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
        <key>com.google.Chrome.extensions.${chromeId}</key>
        <dict>
          <key>Forced</key>
          <array>
            <dict>
              <key>mcx_preference_settings</key>
              <dict>
${entries}              </dict>
            </dict>
          </array>
        </dict>
      </dict>
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
