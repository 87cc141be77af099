import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanImage } from '../photos/clean';
import { describeResult } from '../photos/describe';
import { CLEAN_MODES, type CleanMode } from '../photos/report';
import { CliError, EXIT, type Streams } from './io';

export const STRIP_USAGE = 'sera strip FILE... --out-dir DIR [--mode location|all] [--json]';

/** Exit code when at least one file could not be cleaned (and so was not written). */
const NOT_CLEANED = 3;

export async function stripCommand(args: string[], streams: Streams): Promise<number> {
  const { values, positionals: files } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'out-dir': { type: 'string' },
      mode: { type: 'string', default: 'location' },
      json: { type: 'boolean', default: false },
    },
  });
  const outDir = values['out-dir'];
  if (files.length === 0 || !outDir) throw new CliError(`give one or more files and --out-dir DIR\nusage: ${STRIP_USAGE}`);
  const mode = values.mode as CleanMode;
  if (!CLEAN_MODES.includes(mode)) throw new CliError(`--mode must be ${CLEAN_MODES.join(' or ')}, not "${values.mode}"`);
  const names = new Set<string>();
  for (const file of files) {
    if (resolve(dirname(file)) === resolve(outDir)) throw new CliError(`${file} is in --out-dir; the original would be overwritten`);
    if (names.has(basename(file))) throw new CliError(`two files are named ${basename(file)}; their copies would overwrite each other`);
    names.add(basename(file));
  }
  // Every file is read before anything is written, so a typo writes nothing.
  const inputs = await Promise.all(
    files.map(async (file) => {
      try {
        return new Uint8Array(await readFile(file));
      } catch (error) {
        throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
      }
    }),
  );
  await mkdir(outDir, { recursive: true });

  let exitCode: number = EXIT.ok;
  for (const [i, file] of files.entries()) {
    const result = await cleanImage(inputs[i]!, mode);
    if (result.cleaned) await writeFile(join(outDir, basename(file)), result.bytes);
    else exitCode = NOT_CLEANED;
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
