import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { LineCounter, parseDocument } from 'yaml';
import { runExamples } from '../packs/examples';
import { packJsonSchema } from '../packs/json-schema';
import { lintPack } from '../packs/lint';
import { parsePack, type PackIssue } from '../packs/parse';
import { compilePack } from '../policy/engine';
import { CliError, EXIT, readText, type Streams } from './io';

export const BUILD_USAGE = `sera pack init [pack.yaml]               a commented starter pack and its JSON Schema
sera pack build PACK.yaml [-o PACK.json]  validate, lint, run the examples, write canonical JSON`;

const SCHEMA_FILE = 'sera-pack.schema.json';

export async function init(args: string[], streams: Streams): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true });
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

export async function build(args: string[], streams: Streams): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { output: { type: 'string', short: 'o' } } });
  if (positionals.length !== 1) throw new CliError(`give exactly one pack file\nusage: ${BUILD_USAGE}`);
  const file = positionals[0]!;
  const output = values.output ?? file.replace(/\.ya?ml$/i, '') + '.json';
  if (output === file) throw new CliError(`the output would overwrite ${file}; give -o`);

  const text = await readText(file, streams);
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return file;
    const { line, col } = lines.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (document.errors.length) {
    for (const error of document.errors) streams.stdout.write(`${at(error.pos[0])}: error: ${error.message.split('\n')[0]}\n`);
    return EXIT.problems;
  }
  // Where a problem is in the file: the node at its path, or the closest parent that exists.
  const locate = (issue: PackIssue) => {
    const path = issue.path.match(/[^.[\]]+/g)?.map((key) => (/^\d+$/.test(key) ? Number(key) : key)) ?? [];
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return at(node.range[0]);
    }
    return file;
  };
  const report = (level: string, issue: PackIssue) => streams.stdout.write(`${locate(issue)}: ${level}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}\n`);

  const parsed = parsePack(document.toJS());
  if (!parsed.ok) {
    for (const error of parsed.errors) report('error', error);
    streams.stdout.write(`${parsed.errors.length} errors; nothing written\n`);
    return EXIT.problems;
  }
  const warnings = lintPack(parsed.pack);
  for (const warning of warnings) report('warning', warning);
  const failing = runExamples(compilePack(parsed.pack)).filter((result) => !result.passed);
  for (const { index, example, found } of failing) {
    report('error', { path: `examples[${index}]`, message: `expected ${example.expect.join(', ') || 'nothing'}, found ${found.join(', ') || 'nothing'} in ${JSON.stringify(example.text)}` });
  }
  if (failing.length) {
    streams.stdout.write(`${failing.length} failing examples; nothing written\n`);
    return EXIT.problems;
  }
  // Canonical JSON: the schema's field order, two-space indent, no editor-only $schema line.
  const { $schema: _editorOnly, ...pack } = parsed.pack;
  await writeFile(output, `${JSON.stringify(pack, null, 2)}\n`);
  streams.stdout.write(`wrote ${output} (pack ${pack.id}, serial ${pack.serial}; ${pack.examples?.length ?? 0} examples pass, ${warnings.length} warnings)\n`);
  return EXIT.ok;
}
