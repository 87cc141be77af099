import { readFile } from 'node:fs/promises';
import { compilePack, type CompiledPack } from '../policy/engine';
import { formatIssue, parsePackJson, type PackParseResult } from '../packs/parse';

/** Exit codes: 0 success, 1 the checked thing has problems, 2 bad usage or unreadable input. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** Ends a command with one clear line on stderr and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
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
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `cannot read ${path}: no such file` : `cannot read ${path}: ${(error as Error).message}`);
  }
}

export async function readPack(path: string, streams: Streams): Promise<PackParseResult> {
  return parsePackJson(await readText(path, streams));
}

/** Reads and compiles a pack, or fails with one line naming the first problem. */
export async function loadPack(path: string, streams: Streams): Promise<CompiledPack> {
  const result = await readPack(path, streams);
  if (!result.ok) {
    const [first, ...rest] = result.errors;
    const more = rest.length ? ` (and ${rest.length} more; run "sera pack lint ${path}")` : '';
    throw new CliError(`invalid pack ${path}: ${formatIssue(first!)}${more}`);
  }
  return compilePack(result.pack);
}
