import { checkCommand, CHECK_USAGE } from './check';
import { CliError, EXIT, type Streams } from './io';
import { packCommand, PACK_USAGE } from './pack';
import { policyCommand, POLICY_USAGE } from './policy';
import { stripCommand, STRIP_USAGE } from './strip';

const USAGE = `Sera: check social-media drafts against your employer's rule pack, and clean photos.

usage:
${[CHECK_USAGE, PACK_USAGE, POLICY_USAGE, STRIP_USAGE].join('\n').replace(/^/gm, '  ')}`;

/** Runs the CLI; returns the exit code. Errors end as one line on stderr. */
export async function run(args: string[], streams: Streams): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'check':
        return await checkCommand(rest, streams);
      case 'pack':
        return await packCommand(rest, streams);
      case 'policy':
        return await policyCommand(rest, streams);
      case 'strip':
        return await stripCommand(rest, streams);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        streams.stdout.write(`${USAGE}\n`);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new CliError(`unknown command "${command}"\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof CliError) {
      streams.stderr.write(`sera: ${error.message}\n`);
      return error.exitCode;
    }
    // parseArgs reports unknown or malformed options this way.
    if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      streams.stderr.write(`sera: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
