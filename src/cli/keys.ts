import { chmod, writeFile } from 'node:fs/promises';
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
import { buildPack, builtJsonPath, canonicalJson } from './build';
import { usage } from './help';
import { CliError, EXIT, readBytes, readText, type Streams } from './io';
import { loadPack, packFormat } from './pack-file';

async function writeNew(path: string, text: string, force: boolean | undefined): Promise<void> {
  try {
    await writeFile(path, text, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(`${path} already exists; give --force to replace it`);
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
  if (positionals.length !== 1 || !values.secret) throw new CliError(`give one pack file and -s KEY\n${usage('pack sign')}`);
  const source = positionals[0]!;
  const secretText = await readText(values.secret, streams);
  const secret = keyFrom(() => parseSecretKey(secretText));
  // Never sign what the extension would refuse: the pack must be valid and pass its examples.
  const { json } = await buildPack(source, streams);
  // Browsers read JSON: a YAML pack is signed as the JSON that "sera pack build" writes.
  const file = isYaml(source) ? builtJsonPath(source) : source;
  if (file !== source) {
    await writeFile(file, json);
    streams.stdout.write(`built ${file} from ${source}\n`);
  }
  const bytes = await readBytes(file);
  const checked = await acceptPack(bytes, undefined, { trust: { signaturesRequired: false, trustedKeys: [] }, highestSerial: () => undefined, now: new Date() });
  if (!checked.ok) throw new CliError(`${file}: ${checked.problem.message}`);
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
  if (positionals.length !== 1 || !values.public?.length) throw new CliError(`give one pack file and -p KEY\n${usage('pack verify')}`);
  const source = positionals[0]!;
  const keys = [];
  for (const key of values.public) {
    const text = key.startsWith('RW') ? key : await readText(key, streams);
    keys.push(keyFrom(() => parsePublicKey(text)));
  }
  // For a YAML pack, what is published is the JSON built from it: it must be that build, and signed.
  const file = isYaml(source) ? builtJsonPath(source) : source;
  const bytes = await readBytes(file);
  if (file !== source && new TextDecoder().decode(bytes) !== canonicalJson((await loadPack(source, streams)).pack)) {
    streams.stdout.write(`${file}: not the JSON that ${source} builds to now: run "sera pack sign ${source}" again\n`);
    return EXIT.problems;
  }
  const signature = await readText(values.signature ?? `${file}.minisig`, streams);
  try {
    const result = verify(bytes, signature, keys);
    streams.stdout.write(`signature verified: key ${result.keyId}${file !== source ? ` (${file}, built from ${source})` : ''}\ntrusted comment: ${result.trustedComment}\n`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof SignatureError)) throw error;
    streams.stdout.write(`${file}: signature refused: ${error.message}\n`);
    return EXIT.problems;
  }
}

const isYaml = (file: string) => file !== '-' && packFormat(file, '') === 'yaml';

/** Key files that do not parse end as one clear CLI error. */
function keyFrom<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof SignatureError) throw new CliError(error.message);
    throw error;
  }
}
