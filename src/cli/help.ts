/**
 * Every command's usage and help text, kept apart from the commands so that `sera --help` and
 * `sera --version` start without loading the engine.
 */
export interface CommandHelp {
  readonly usage: string;
  readonly summary: string;
  readonly details: string;
}

const PACK_FILE = 'FILE: a rule pack in YAML (.yaml, .yml) or JSON (.json); "-" reads standard input.';

export const COMMANDS = {
  check: {
    usage: 'sera check --pack FILE [--at TIME] [--site HOST] [--surface WHERE] [--fail-on LEVEL] [--explain] [--json] TEXT|-\n' + 'sera check --pack FILE --input DRAFTS.jsonl [--surface WHERE] [--fail-on LEVEL] [--explain] [--json]',
    summary: 'check drafts against a rule pack',
    details: `Prints each draft with its flagged words marked, then one line per finding.

  --pack FILE        the rule pack, YAML or JSON
  --at TIME          check as of this ISO 8601 time (e.g. 2027-01-01T00:00:00Z); default now
  --site HOST        check as if posting on this site (e.g. x.com)
  --surface WHERE    where the draft goes: post (default), reply (replies and comments) or bio
                     (profile fields); rules limited to other surfaces are skipped, as in the
                     extension, and a surface the site has none of (a bio on facebook.com) is an error
  --input FILE       drafts as JSON lines: {"id": ..., "text": "...", "at"?: ..., "site"?: ..., "surface"?: ...}
  --fail-on LEVEL    exit 1 when a finding is at or above LEVEL: info, warn or block (default block)
  --explain          also print each sentence's work-talk and hostile-tone scores (0 to 1) and
                     the rules whose threshold it reaches
  --json             one JSON object per draft: {"findings": [...]} ({"id", "findings"} with --input;
                     "sentences" with their scores with --explain)

Exit codes: 0 no finding at or above --fail-on, 1 at least one, 2 bad usage or input (an invalid pack).`,
  },
  'pack init': {
    usage: 'sera pack init [FILE.yaml] [--template starter|healthcare|education|financial-services]',
    summary: 'write a commented starter pack (default pack.yaml) and its JSON Schema',
    details: `Writes FILE.yaml and sera-pack.schema.json beside it, for editor completion. Never overwrites a file.
  --template NAME    starter (default: a commented pack to fill in), or a pack for a regulated
                     industry: healthcare (HIPAA), education (FERPA), financial-services (FINRA/SEC)`,
  },
  'pack build': {
    usage: 'sera pack build FILE [-o OUT.json]',
    summary: 'validate, lint and test a pack, then write canonical JSON',
    details: `${PACK_FILE}
Writes OUT.json (default: FILE with .json) only when the pack is valid and its examples pass.

  -o, --output OUT.json   where to write the JSON

Exit codes: 0 written, 1 failing examples, 2 bad usage or an invalid pack.`,
  },
  'pack lint': {
    usage: 'sera pack lint FILE [--json]',
    summary: 'list errors and warnings (e.g. rules that would flag protected speech)',
    details: `${PACK_FILE}

  --json   {"file", "errors", "warnings"} as one JSON object

Exit codes: 0 valid (warnings do not fail), 2 bad usage or an invalid pack.`,
  },
  'pack test': {
    usage: 'sera pack test FILE',
    summary: "run the pack's own examples",
    details: `${PACK_FILE}
Prints each failing example (counted from 1) and "N passed, N failed".

Exit codes: 0 all pass, 1 an example fails, 2 bad usage or an invalid pack.`,
  },
  'pack schema': {
    usage: 'sera pack schema',
    summary: 'print the JSON Schema of the pack format',
    details: 'For editor completion: sera pack schema > pack.schema.json',
  },
  'pack keygen': {
    usage: 'sera pack keygen [-o NAME] [--force]',
    summary: 'make a minisign-format Ed25519 key pair',
    details: `Writes NAME.key (secret, not password-protected) and NAME.pub; prints the public key line for trustedKeys.

  -o, --output NAME   file name without extension (default sera)
  --force             replace existing NAME.key and NAME.pub`,
  },
  'pack sign': {
    usage: 'sera pack sign FILE -s NAME.key [-t COMMENT]',
    summary: 'sign a pack (a YAML pack is built to JSON first)',
    details: `${PACK_FILE}
Refuses a pack the extension would refuse. A JSON pack is signed as it is; for a YAML pack the JSON
that "sera pack build" writes (FILE with .json) is built and signed. Writes PACK.json.minisig.

  -s, --secret NAME.key   the secret key (sera pack keygen, or an unencrypted minisign key)
  -o, --output FILE       where to write the signature (default PACK.json.minisig)
  -t, --comment TEXT      the trusted comment (default names the pack, its serial and file)

Exit codes: 0 signed, 1 failing examples, 2 bad usage, an invalid pack or key.`,
  },
  'pack verify': {
    usage: 'sera pack verify FILE -p KEY [-x SIGNATURE]',
    summary: 'verify a pack signature, as the extension does',
    details: `FILE: the signed file (for a YAML pack, the JSON built from it is checked).

  -p, --public KEY        a .pub file or the public key line (RW...); may be repeated
  -x, --signature FILE    the signature (default FILE.minisig)

Exit codes: 0 verified, 1 signature refused, 2 bad usage or unreadable input.`,
  },
  policy: {
    usage: 'sera policy (--pack-url URL --key PUBKEY | --inline-pack FILE) [options]',
    summary: 'write the enterprise-policy files that deploy Sera and your packs',
    details: `Writes (or prints) chrome-policy.json (Linux), sera.reg (Windows), sera.mobileconfig (macOS)
and firefox-policies.json.

  --pack-url URL              a pack address (https://); may be repeated
  --key PUBKEY                a .pub file or public key line that signs the packs; may be repeated
  --inline-pack FILE          a whole pack (YAML or JSON) inside the policy, for small deployments
  --out DIR                   write the files to DIR instead of printing them
  --extension-id ID           Sera's Chrome extension ID, if you publish it under your own
  --firefox-id ID             Sera's Firefox add-on ID
  --update-url URL            force-install Sera in Chrome: its update manifest (Chrome Web Store:
                              https://clients2.google.com/service/update2/crx); needs the next two
  --forcelist-index N         the ExtensionInstallForcelist entry Sera takes in sera.reg: a number
                              your existing list does not use
  --firefox-install-url URL   force-install Sera in Firefox: the address of its signed .xpi
  --photo-mode location|all   lock the photo choice
  --extra-site HOST           also check posts on HOST; may be repeated
  --refresh-hours N           fetch pack URLs every N hours (1 to 168)
  --no-user-disable           hide the per-site off switch
  --photo-checks on|off       turn the photo checks on or off for everyone (locks their switch)

Exit codes: 0 written, 1 a failing example in the --inline-pack, 2 bad usage or input.`,
  },
  strip: {
    usage: 'sera strip FILE... --out-dir DIR [--mode location|all] [--force] [--json]',
    summary: 'write photo and video copies without their location (or all identifying metadata)',
    details: `Writes cleaned copies under the same names; originals are never changed.

  --out-dir DIR          where to write the copies
  --mode location|all    remove the location (default), or everything that identifies you or the device
  --force                replace existing files in DIR
  --json                 one JSON object per file: {file, format, found, removed, cleaned, reason?}

Exit codes: 0 all cleaned, 2 bad usage or unreadable input, 3 a photo or video could not be cleaned.`,
  },
  scan: {
    usage: 'sera scan PHOTO... --pack FILE [--budget MS] [--json]',
    summary: 'check photos on this computer: text in them, people, screens',
    details: `Runs the photo checks the pack's photo rules ask for (every check when it has none): text read
in the photo (OCR) through the pack's rules, faces, and screens, laptops, phones and documents.
JPEG and PNG; nothing leaves the computer.

  --pack FILE     the rule pack, YAML or JSON
  --budget MS     stop each photo's checks after MS milliseconds (default: wait for them)
  --json          one JSON object per photo: {file, width, height, findings, faces, screens, text, unfinished, timings}

Exit codes: 0 no "block" finding, 1 at least one, 2 bad usage or unreadable input.`,
  },
} as const satisfies Record<string, CommandHelp>;

export type CommandName = keyof typeof COMMANDS;

export const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

/** "usage: ..." for an error message about how a command was called. */
export const usage = (name: CommandName) => `usage: ${COMMANDS[name].usage.replace(/\n/g, '\n       ')}`;

export function commandHelp(name: CommandName): string {
  const { summary, details } = COMMANDS[name];
  return `${usage(name)}\n\n${summary[0]!.toUpperCase()}${summary.slice(1)}.\n\n${details}\n`;
}

export const EXIT_CODES = `Exit codes, the same in every command:
  0  success
  1  the check found something: a finding at or above --fail-on (check), a failing example
     (pack test, build, sign), a refused signature (pack verify)
  2  bad usage or input: unknown command or option, unreadable file, invalid pack or key
  3  a photo or video could not be cleaned (strip)`;

export function generalHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `  sera ${name.padEnd(width)}  ${summary}`);
  return `Sera: check social-media drafts against your employer's rule pack, and clean photos and videos.

usage: sera COMMAND [options]

${lines.join('\n')}

"sera help COMMAND" or "sera COMMAND --help" shows a command's options; "sera --version" the version.

${EXIT_CODES}
`;
}
