/** Timing helpers shared by the benchmark parts. */

export interface Timing {
  readonly median: number;
  readonly p99: number;
}

export function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

/** Times `run(input)` over the inputs, round-robin, after a warm-up; milliseconds per call. */
export function timeCalls<T>(inputs: readonly T[], iterations: number, run: (input: T) => unknown): Timing {
  for (let i = 0; i < Math.min(iterations, 50); i++) run(inputs[i % inputs.length]!);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const input = inputs[i % inputs.length]!;
    const started = performance.now();
    run(input);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

export async function timeAsyncCalls<T>(inputs: readonly T[], iterations: number, run: (input: T) => Promise<unknown>): Promise<Timing> {
  await run(inputs[0]!);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await run(inputs[i % inputs.length]!);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/** A small deterministic PRNG so that every run measures the same generated data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
