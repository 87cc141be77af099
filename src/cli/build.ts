import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { runExamples } from '../packs/examples';
import { packJsonSchema } from '../packs/json-schema';
import { lintPack } from '../packs/lint';
import type { Pack } from '../packs/schema';
import { compilePack } from '../policy/engine';
import { usage } from './help';
import { CliError, EXIT, type Streams } from './io';
import { describeFailingExample, formatLocated, loadPack } from './pack-file';

const SCHEMA_FILE = 'sera-pack.schema.json';

export async function init(args: string[], streams: Streams): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  if (positionals.length > 1) throw new CliError(`give at most one file name\n${usage('pack init')}`);
  const file = positionals[0] ?? 'pack.yaml';
  const today = new Date();
  const nextYear = new Date(today);
  nextYear.setUTCFullYear(today.getUTCFullYear() + 1);
  const starter = (await readFile(new URL('./templates/starter-pack.yaml', import.meta.url), 'utf8'))
    .replace('revised: "2026-11-21"', `revised: "${today.toISOString().slice(0, 10)}"`)
    .replace('reviewBy: "2027-11-21"', `reviewBy: "${nextYear.toISOString().slice(0, 10)}"`);
  try {
    await writeFile(file, starter, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(`${file} already exists; choose another name`);
    throw new CliError(`cannot write ${file}: ${(error as Error).message}`);
  }
  // The schema beside the pack gives editors completion and checking through the first line's $schema.
  await writeFile(join(dirname(file), SCHEMA_FILE), `${JSON.stringify(packJsonSchema(), null, 2)}\n`);
  streams.stdout.write(`wrote ${file} and ${join(dirname(file), SCHEMA_FILE)}\nnext: edit ${file}, then run "sera pack build ${file}"\n`);
  return EXIT.ok;
}

/** Where `sera pack build FILE` writes: FILE with .json instead of .yaml or .yml. */
export const builtJsonPath = (file: string) => `${file.replace(/\.ya?ml$/i, '')}.json`;

/** Canonical JSON: the schema's field order, two-space indent, no editor-only $schema line. */
export function canonicalJson(pack: Pack): string {
  const { $schema: _editorOnly, ...canonical } = pack;
  return `${JSON.stringify(canonical, null, 2)}\n`;
}

/**
 * A pack checked as browsers will check it (valid, examples pass), with lint warnings reported, as
 * canonical JSON. Failing examples end the command (exit 1).
 */
export async function buildPack(file: string, streams: Streams, report = streams.stdout): Promise<{ pack: Pack; json: string; warnings: number }> {
  const { pack, position } = await loadPack(file, streams);
  const warnings = lintPack(pack);
  for (const warning of warnings) report.write(`${formatLocated(file, 'warning', { ...warning, ...position(warning.path) })}\n`);
  const failing = runExamples(compilePack(pack)).filter((result) => !result.passed);
  for (const result of failing) {
    const { path, message } = describeFailingExample(result);
    report.write(`${formatLocated(file, 'error', { path: '', message, ...position(path) })}\n`);
  }
  if (failing.length) throw new CliError(`${file}: ${failing.length} failing ${failing.length === 1 ? 'example' : 'examples'}; nothing written`, EXIT.problems);
  return { pack, json: canonicalJson(pack), warnings: warnings.length };
}

export async function build(args: string[], streams: Streams): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { output: { type: 'string', short: 'o' } } });
  if (positionals.length !== 1) throw new CliError(`give exactly one pack file\n${usage('pack build')}`);
  const file = positionals[0]!;
  const output = values.output ?? builtJsonPath(file);
  if (output === file) throw new CliError(`the output would overwrite ${file}; give -o`);
  const { pack, json, warnings } = await buildPack(file, streams);
  await writeFile(output, json);
  streams.stdout.write(`wrote ${output} (pack ${pack.id}, serial ${pack.serial}; ${pack.examples?.length ?? 0} examples pass, ${warnings} warnings)\n`);
  return EXIT.ok;
}
