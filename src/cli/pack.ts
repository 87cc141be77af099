import { parseArgs } from 'node:util';
import { textModelsFor } from '../ml/text-models';
import { runExamples } from '../packs/examples';
import { packJsonSchema } from '../packs/json-schema';
import { lintPack } from '../packs/lint';
import { compilePack } from '../policy/engine';
import { build, init } from './build';
import { usage, type CommandName } from './help';
import { CliError, EXIT, type Streams } from './io';
import { keygen, signPack, verifyPack } from './keys';
import { describeFailingExample, formatLocated, loadPack, readPackFile } from './pack-file';

export async function packCommand(subcommand: string, args: string[], streams: Streams): Promise<number> {
  switch (subcommand) {
    case 'lint':
      return lint(args, streams);
    case 'test':
      return test(args, streams);
    case 'init':
      return init(args, streams);
    case 'build':
      return build(args, streams);
    case 'keygen':
      return keygen(args, streams);
    case 'sign':
      return signPack(args, streams);
    case 'verify':
      return verifyPack(args, streams);
    case 'schema':
      parseArgs({ args });
      streams.stdout.write(`${JSON.stringify(packJsonSchema(), null, 2)}\n`);
      return EXIT.ok;
    default:
      throw new CliError(`unknown command "sera pack ${subcommand}"; "sera help" lists the commands`);
  }
}

/** The one pack file a command takes, and its options. */
export function fileArgument<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(command: CommandName, args: string[], options: T) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
  if (positionals.length !== 1) throw new CliError(`give exactly one pack file\n${usage(command)}`);
  return { file: positionals[0]!, values };
}

async function lint(args: string[], streams: Streams): Promise<number> {
  const { file, values } = fileArgument('pack lint', args, { json: { type: 'boolean', default: false } });
  const parsed = await readPackFile(file, streams);
  const errors = parsed.ok ? [] : parsed.errors;
  const warnings = parsed.ok ? lintPack(parsed.pack, undefined, await textModelsFor([parsed.pack])).map((warning) => ({ ...warning, ...parsed.position(warning.path) })) : [];
  if (values.json) {
    streams.stdout.write(`${JSON.stringify({ file, errors, warnings })}\n`);
  } else {
    for (const error of errors) streams.stdout.write(`${formatLocated(file, 'error', error)}\n`);
    for (const warning of warnings) streams.stdout.write(`${formatLocated(file, 'warning', warning)}\n`);
    streams.stdout.write(`${errors.length} errors, ${warnings.length} warnings\n`);
  }
  return errors.length ? EXIT.usage : EXIT.ok;
}

async function test(args: string[], streams: Streams): Promise<number> {
  const { file } = fileArgument('pack test', args, {});
  const { pack, position } = await loadPack(file, streams);
  const results = await runExamples(compilePack(pack));
  for (const result of results.filter((r) => !r.passed)) {
    const { path, message } = describeFailingExample(result);
    streams.stdout.write(`${formatLocated(file, 'error', { path: '', message, ...position(path) })}\n`);
  }
  const passed = results.filter((r) => r.passed).length;
  streams.stdout.write(`${passed} passed, ${results.length - passed} failed\n`);
  return passed === results.length ? EXIT.ok : EXIT.problems;
}
