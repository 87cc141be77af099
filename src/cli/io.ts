import { readFile } from 'node:fs/promises';

/** Exit codes, the same in every command (README and `sera --help` list them). */
export const EXIT = { ok: 0, problems: 1, usage: 2, notCleaned: 3 } as const;

/** Ends a command with its detail lines, then one clear line on stderr, and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

export interface Streams {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
  readonly stdin: AsyncIterable<string | Uint8Array>;
  readonly env: Record<string, string | undefined>;
}

export async function readText(path: string, streams: Streams): Promise<string> {
  if (path === '-') {
    let text = '';
    const decoder = new TextDecoder();
    for await (const chunk of streams.stdin) text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    return text + decoder.decode();
  }
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${readProblem(error)}`);
  }
}

export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${readProblem(error)}`);
  }
}

export function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES') return 'permission denied';
  return (error as Error).message;
}
