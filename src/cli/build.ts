import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import education from '../../assets/packs/education.json';
import financialServices from '../../assets/packs/financial-services.json';
import healthcare from '../../assets/packs/healthcare.json';
import { textModelsFor } from '../ml/text-models';
import { runExamples } from '../packs/examples';
import { packJsonSchema } from '../packs/json-schema';
import { lintPack } from '../packs/lint';
import type { Pack } from '../packs/schema';
import { compilePack } from '../policy/engine';
import { usage } from './help';
import { CliError, EXIT, type Streams } from './io';
import { describeFailingExample, formatLocated, loadPack } from './pack-file';

const SCHEMA_FILE = 'sera-pack.schema.json';

/** Packs for regulated industries (assets/packs/), written out as YAML to start from. */
const INDUSTRY_TEMPLATES: Record<string, { readonly name: string; readonly pack: object }> = {
  healthcare: { name: 'healthcare (HIPAA)', pack: healthcare },
  education: { name: 'education (FERPA)', pack: education },
  'financial-services': { name: 'financial services (FINRA/SEC)', pack: financialServices },
};
export const TEMPLATES = ['starter', ...Object.keys(INDUSTRY_TEMPLATES)];

export async function init(args: string[], streams: Streams): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { template: { type: 'string', default: 'starter' } } });
  if (positionals.length > 1) throw new CliError(`give at most one file name\n${usage('pack init')}`);
  const template = values.template;
  if (!TEMPLATES.includes(template)) throw new CliError(`--template must be one of ${TEMPLATES.join(', ')}, not "${template}"`);
  const file = positionals[0] ?? 'pack.yaml';
  const starter = template === 'starter' ? await starterPack() : industryPack(template);
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

async function starterPack(): Promise<string> {
  const today = new Date();
  const nextYear = new Date(today);
  nextYear.setUTCFullYear(today.getUTCFullYear() + 1);
  return (await readFile(new URL('./templates/starter-pack.yaml', import.meta.url), 'utf8'))
    .replace('revised: "2026-11-21"', `revised: "${today.toISOString().slice(0, 10)}"`)
    .replace('reviewBy: "2027-11-21"', `reviewBy: "${nextYear.toISOString().slice(0, 10)}"`);
}

function industryPack(template: string): string {
  const { name, pack } = INDUSTRY_TEMPLATES[template]!;
  return [
    `# yaml-language-server: $schema=./${SCHEMA_FILE}`,
    `# A starter pack for ${name}. Change the organisation, contact and links to yours, and read every`,
    '# rule with your privacy or compliance office: the cited rules are a start, not legal advice.',
    stringify(pack, { lineWidth: 0 }),
  ].join('\n');
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
  const warnings = lintPack(pack, undefined, await textModelsFor([pack]));
  for (const warning of warnings) report.write(`${formatLocated(file, 'warning', { ...warning, ...position(warning.path) })}\n`);
  const failing = (await runExamples(compilePack(pack))).filter((result) => !result.passed);
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
