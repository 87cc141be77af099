import cliPackage from './package.json' with { type: 'json' };
import { commandHelp, generalHelp, isCommand, type CommandName } from './help';
import { CliError, EXIT, type Streams } from './io';

/** Each command's module is loaded only when it runs, so help and --version start at once. */
const RUN: Record<CommandName, (args: string[], streams: Streams) => Promise<number>> = {
  check: async (args, streams) => (await import('./check')).checkCommand(args, streams),
  'pack init': pack('init'),
  'pack build': pack('build'),
  'pack lint': pack('lint'),
  'pack test': pack('test'),
  'pack schema': pack('schema'),
  'pack keygen': pack('keygen'),
  'pack sign': pack('sign'),
  'pack verify': pack('verify'),
  policy: async (args, streams) => (await import('./policy')).policyCommand(args, streams),
  strip: async (args, streams) => (await import('./strip')).stripCommand(args, streams),
  scan: async (args, streams) => (await import('./scan')).scanCommand(args, streams),
};

function pack(subcommand: string) {
  return async (args: string[], streams: Streams) => (await import('./pack')).packCommand(subcommand, args, streams);
}

/** "pack build" from ["pack", "build", ...]: the command's name and the arguments after it. */
function splitCommand(args: readonly string[]): { name: string; rest: string[] } {
  const [first = '', second, ...rest] = args;
  if (first === 'pack' && second !== undefined && !second.startsWith('-')) return { name: `pack ${second}`, rest };
  return { name: first, rest: args.slice(1) };
}

function unknownCommand(name: string): CliError {
  return new CliError(`unknown command "sera ${name}"; "sera help" lists the commands`);
}

/** Runs the CLI; returns the exit code. Errors end as one line on stderr, after their details. */
export async function run(args: string[], streams: Streams): Promise<number> {
  try {
    const [first] = args;
    if (first === '--version' || first === '-V') {
      streams.stdout.write(`sera ${cliPackage.version}\n`);
      return EXIT.ok;
    }
    const { name, rest } = splitCommand(first === 'help' ? args.slice(1) : args);
    // "sera help pack" and "sera pack --help" list every command, the pack ones among them.
    const helpWanted = first === 'help' || rest.includes('--help') || rest.includes('-h');
    if (first === undefined || first === '--help' || first === '-h' || (helpWanted && (name === '' || name === 'pack'))) {
      (first === undefined ? streams.stderr : streams.stdout).write(generalHelp());
      return first === undefined ? EXIT.usage : EXIT.ok;
    }
    if (!isCommand(name)) throw name === 'pack' ? new CliError('missing pack command; "sera help" lists them') : unknownCommand(name);
    if (helpWanted) {
      streams.stdout.write(commandHelp(name));
      return EXIT.ok;
    }
    return await RUN[name](rest, streams);
  } catch (error) {
    if (error instanceof CliError) {
      for (const line of error.details) streams.stderr.write(`${line}\n`);
      streams.stderr.write(`sera: ${error.message}\n`);
      return error.exitCode;
    }
    // parseArgs reports unknown or malformed options this way.
    if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      streams.stderr.write(`sera: ${(error as Error).message}; "sera help" lists the options\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
