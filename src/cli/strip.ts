import { lstat, mkdir, open, realpath, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanImage } from '../photos/clean';
import { describeResult } from '../photos/describe';
import { CLEAN_MODES, type CleanMode } from '../photos/report';
import { cleanVideo } from '../videos/clean';
import { mightBeVideo } from '../videos/format';
import { fileSource, writePatchedCopy } from '../videos/node-file';
import type { Patch } from '../videos/source';
import { usage } from './help';
import { CliError, EXIT, readBytes, readProblem, type Streams } from './io';

export async function stripCommand(args: string[], streams: Streams): Promise<number> {
  const { values, positionals: files } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'out-dir': { type: 'string' },
      mode: { type: 'string', default: 'location' },
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const outDir = values['out-dir'];
  if (files.length === 0 || !outDir) throw new CliError(`give one or more files and --out-dir DIR\n${usage('strip')}`);
  const mode = values.mode as CleanMode;
  if (!CLEAN_MODES.includes(mode)) throw new CliError(`--mode must be ${CLEAN_MODES.join(' or ')}, not "${values.mode}"`);
  const names = new Set<string>();
  for (const file of files) {
    if (names.has(basename(file))) throw new CliError(`two files are named ${basename(file)}; their copies would overwrite each other`);
    names.add(basename(file));
  }
  // Every file is read (videos opened: only their metadata is ever read) and every target checked
  // before anything is written, so a typo writes nothing.
  const inputs = await Promise.all(files.map((file) => (mightBeVideo({ name: file, type: '' }) ? openVideo(file) : readBytes(file))));
  const targets = files.map((file) => join(outDir, basename(file)));
  await checkTargets(files, targets, outDir, values.force);
  await mkdir(outDir, { recursive: true });

  let exitCode: number = EXIT.ok;
  for (const [i, file] of files.entries()) {
    const input = inputs[i]!;
    const result = input instanceof Uint8Array ? await cleanImage(input, mode) : await cleanVideo(await fileSource(input), mode).finally(() => input.close());
    if (!result.cleaned) exitCode = EXIT.notCleaned;
    else if ('bytes' in result) await writeNew(targets[i]!, result.bytes, values.force);
    else await writeNewVideo(file, targets[i]!, result.patches, values.force);
    if (values.json) {
      const { cleaned, found } = result;
      const report = result.cleaned
        ? { file, format: result.format, found, removed: result.removed, cleaned }
        : { file, format: result.format ?? null, found, removed: null, cleaned, reason: result.reason };
      streams.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      (result.cleaned ? streams.stdout : streams.stderr).write(`${describeResult(file, result)}\n`);
    }
  }
  return exitCode;
}

/**
 * Refuses any target that would reach an original: --out-dir that is (or links to) an input's
 * folder, an output name that is a link or another name (hard link) of an input, and, without
 * --force, any file that already exists.
 */
async function checkTargets(files: string[], targets: string[], outDir: string, force: boolean): Promise<void> {
  const realOutDir = await realpath(outDir).catch(() => undefined); // a folder still to be made holds no originals
  const originals = await Promise.all(files.map((file) => stat(file)));
  for (const [i, file] of files.entries()) {
    if (realOutDir === (await realpath(dirname(file)))) throw new CliError(`${file} is in --out-dir; the original would be overwritten`);
    const target = targets[i]!;
    const existing = await lstat(target).catch(() => undefined);
    if (!existing) continue;
    if (existing.isSymbolicLink()) throw new CliError(`${target} is a symbolic link; Sera does not write through links (remove it first)`);
    const same = originals.findIndex((original) => original.dev === existing.dev && original.ino === existing.ino);
    if (same >= 0) throw new CliError(`${target} is ${files[same]} under another name; the original would be overwritten`);
    if (!force) throw new CliError(`${target} already exists; give --force to replace it`);
  }
}

/**
 * Writes a new file: 'wx' (O_CREAT|O_EXCL) never follows a link or reuses a file that appeared
 * after the checks. With --force an existing file is unlinked first, so its other names keep their bytes.
 */
async function writeNew(target: string, bytes: Uint8Array, force: boolean): Promise<void> {
  try {
    if (force) await rm(target, { force: true });
    await writeFile(target, bytes, { flag: 'wx' });
  } catch (error) {
    throw new CliError(`cannot write ${target}: ${(error as Error).message}`);
  }
}

async function openVideo(path: string): Promise<FileHandle> {
  const handle = await open(path).catch((error: unknown) => {
    throw new CliError(`cannot read ${path}: ${readProblem(error)}`);
  });
  if ((await handle.stat()).isFile()) return handle;
  await handle.close();
  throw new CliError(`cannot read ${path}: it is a folder, not a file`);
}

/** A cleaned video: the original copied by the file system, then patched; never whole in memory. */
async function writeNewVideo(original: string, target: string, patches: readonly Patch[], force: boolean): Promise<void> {
  try {
    if (force) await rm(target, { force: true });
    await writePatchedCopy(original, target, patches);
  } catch (error) {
    throw new CliError(`cannot write ${target}: ${(error as Error).message}`);
  }
}
