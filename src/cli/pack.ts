import { parseArgs } from 'node:util';
import { runExamples } from '../packs/examples';
import { packJsonSchema } from '../packs/json-schema';
import { lintPack } from '../packs/lint';
import { formatIssue } from '../packs/parse';
import { build, BUILD_USAGE, init } from './build';
import { CliError, EXIT, loadPack, readPack, type Streams } from './io';
import { keygen, KEYS_USAGE, signPack, verifyPack } from './keys';

export const PACK_USAGE = `${BUILD_USAGE}
sera pack lint FILE [--json]
sera pack test FILE
sera pack schema
${KEYS_USAGE}`;

export async function packCommand(args: string[], streams: Streams): Promise<number> {
  const [subcommand, ...rest] = args;
  switch (subcommand) {
    case 'lint':
      return lint(rest, streams);
    case 'test':
      return test(rest, streams);
    case 'init':
      return init(rest, streams);
    case 'build':
      return build(rest, streams);
    case 'keygen':
      return keygen(rest, streams);
    case 'sign':
      return signPack(rest, streams);
    case 'verify':
      return verifyPack(rest, streams);
    case 'schema':
      streams.stdout.write(`${JSON.stringify(packJsonSchema(), null, 2)}\n`);
      return EXIT.ok;
    default:
      throw new CliError(`${subcommand ? `unknown command "pack ${subcommand}"` : 'missing pack command'}\nusage: ${PACK_USAGE}`);
  }
}

function fileArgument(args: string[], options: NonNullable<Parameters<typeof parseArgs>[0]>['options'] = {}) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
  if (positionals.length !== 1) throw new CliError(`give exactly one pack file\nusage: ${PACK_USAGE}`);
  return { file: positionals[0]!, values };
}

async function lint(args: string[], streams: Streams): Promise<number> {
  const { file, values } = fileArgument(args, { json: { type: 'boolean', default: false } });
  const parsed = await readPack(file, streams);
  if (!parsed.ok && parsed.errors.some((error) => error.message.startsWith('not valid JSON'))) {
    throw new CliError(`${file}: ${formatIssue(parsed.errors[0]!)}`);
  }
  const errors = parsed.ok ? [] : parsed.errors;
  const warnings = parsed.ok ? lintPack(parsed.pack) : [];
  if (values.json) {
    streams.stdout.write(`${JSON.stringify({ file, errors, warnings })}\n`);
  } else {
    for (const error of errors) streams.stdout.write(`${file}: error: ${formatIssue(error)}\n`);
    for (const warning of warnings) streams.stdout.write(`${file}: warning: ${formatIssue(warning)}\n`);
    streams.stdout.write(`${errors.length} errors, ${warnings.length} warnings\n`);
  }
  return errors.length ? EXIT.problems : EXIT.ok;
}

async function test(args: string[], streams: Streams): Promise<number> {
  const { file } = fileArgument(args);
  const compiled = await loadPack(file, streams);
  const results = runExamples(compiled);
  for (const result of results.filter((r) => !r.passed)) {
    const { example } = result;
    const context = [example.at && `at ${example.at}`, example.site && `on ${example.site}`].filter(Boolean).join(', ');
    streams.stdout.write(
      `FAIL examples[${result.index}] ${JSON.stringify(example.text)}${context ? ` (${context})` : ''}\n` +
        `  expected: ${example.expect.join(', ') || '(nothing)'}\n  found:    ${result.found.join(', ') || '(nothing)'}\n`,
    );
  }
  const passed = results.filter((r) => r.passed).length;
  streams.stdout.write(`${passed} passed, ${results.length - passed} failed\n`);
  return passed === results.length ? EXIT.ok : EXIT.problems;
}

