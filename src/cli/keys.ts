import { chmod, readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { acceptPack } from '../packs/sources';
import {
  formatPublicKeyFile,
  formatSecretKeyFile,
  generateKeyPair,
  parsePublicKey,
  parseSecretKey,
  sign,
  SignatureError,
  verify,
} from '../packs/signature';
import { CliError, EXIT, readText, type Streams } from './io';

export const KEYS_USAGE = `sera pack keygen [-o NAME]              writes NAME.key (secret) and NAME.pub
sera pack sign PACK.json -s NAME.key    writes PACK.json.minisig
sera pack verify PACK.json -p KEY       KEY: a .pub file or the public key line`;

async function writeNew(path: string, text: string, force: boolean | undefined): Promise<void> {
  try {
    await writeFile(path, text, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(`${path} already exists; pass --force to overwrite it`);
    throw new CliError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

export async function keygen(args: string[], streams: Streams): Promise<number> {
  const { values } = parseArgs({ args, options: { output: { type: 'string', short: 'o', default: 'sera' }, force: { type: 'boolean' } } });
  const key = generateKeyPair();
  const secretPath = `${values.output}.key`;
  const publicPath = `${values.output}.pub`;
  await writeNew(secretPath, formatSecretKeyFile(key), values.force);
  await chmod(secretPath, 0o600);
  await writeNew(publicPath, formatPublicKeyFile(key), values.force);
  const publicKey = formatPublicKeyFile(key).split('\n')[1];
  streams.stdout.write(
    `wrote ${secretPath} (keep it secret: it is not password-protected) and ${publicPath}\n` +
      `public key, for trustedKeys: ${publicKey}\n`,
  );
  return EXIT.ok;
}

export async function signPack(args: string[], streams: Streams): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { secret: { type: 'string', short: 's' }, output: { type: 'string', short: 'o' }, comment: { type: 'string', short: 't' } },
  });
  if (positionals.length !== 1 || !values.secret) throw new CliError(`give one pack file and -s KEY\nusage: ${KEYS_USAGE}`);
  const file = positionals[0]!;
  const bytes = await readBytes(file);
  // Never sign what the extension would refuse: the pack must be valid and pass its examples.
  const checked = acceptPack(bytes, undefined, { trust: { signaturesRequired: false, trustedKeys: [] }, highestSerial: () => undefined, now: new Date() });
  if (!checked.ok) throw new CliError(`${file}: ${checked.problem.message}`, EXIT.problems);
  const secretText = await readText(values.secret, streams);
  const secret = keyFrom(() => parseSecretKey(secretText));
  const output = values.output ?? `${file}.minisig`;
  const comment = values.comment ?? `pack ${checked.pack.id} serial ${checked.pack.serial} file:${basename(file)}`;
  await writeFile(output, sign(bytes, secret, comment));
  streams.stdout.write(`signed ${file} (pack ${checked.pack.id}, serial ${checked.pack.serial}): wrote ${output}\n`);
  return EXIT.ok;
}

export async function verifyPack(args: string[], streams: Streams): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { public: { type: 'string', short: 'p', multiple: true }, signature: { type: 'string', short: 'x' } },
  });
  if (positionals.length !== 1 || !values.public?.length) throw new CliError(`give one pack file and -p KEY\nusage: ${KEYS_USAGE}`);
  const file = positionals[0]!;
  const keys = [];
  for (const key of values.public) {
    const text = key.startsWith('RW') ? key : await readText(key, streams);
    keys.push(keyFrom(() => parsePublicKey(text)));
  }
  const signaturePath = values.signature ?? `${file}.minisig`;
  const signature = await readText(signaturePath, streams);
  try {
    const result = verify(await readBytes(file), signature, keys);
    streams.stdout.write(`signature verified: key ${result.keyId}\ntrusted comment: ${result.trustedComment}\n`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof SignatureError)) throw error;
    streams.stdout.write(`${file}: signature refused: ${error.message}\n`);
    return EXIT.problems;
  }
}

/** Key files that do not parse end as one clear CLI error. */
function keyFrom<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof SignatureError) throw new CliError(error.message);
    throw error;
  }
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}
