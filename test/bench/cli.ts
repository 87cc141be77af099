import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { summarize, type Timing } from './stats';

/**
 * How fast `sera` starts, against a bare `node -e 0` in the same run (the floor any Node command
 * pays): the calls are interleaved, so a busy machine slows all of them alike.
 */
export interface CliBench {
  readonly node: Timing;
  readonly version: Timing;
  readonly check: Timing;
}

const SERA = join('src', 'cli', 'dist', 'sera.js');
const ROUNDS = 15;

function timeOnce(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (result.error || (result.status !== 0 && result.status !== 1)) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
  return elapsed;
}

export function benchCli(log: (line: string) => void): CliBench {
  const calls = {
    node: ['-e', '0'],
    version: [SERA, '--version'],
    check: [SERA, 'check', '--pack', 'assets/demo-pack.json', "Can't wait to show you Project Phoenix!"],
  };
  const samples: Record<keyof typeof calls, number[]> = { node: [], version: [], check: [] };
  for (const args of Object.values(calls)) timeOnce(args); // warm the file cache
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, args] of Object.entries(calls) as [keyof typeof calls, string[]][]) samples[name].push(timeOnce(args));
  }
  const result = { node: summarize(samples.node), version: summarize(samples.version), check: summarize(samples.check) };
  log(`node -e 0: median ${result.node.median.toFixed(0)} ms; sera --version: ${result.version.median.toFixed(0)} ms; sera check (demo pack, one draft): ${result.check.median.toFixed(0)} ms`);
  return result;
}
