import type { CompiledPack } from '../policy/engine';
import type { PackExample } from './schema';

export interface ExampleResult {
  readonly index: number;
  readonly example: PackExample;
  readonly found: readonly string[];
  readonly passed: boolean;
}

/** Runs the pack's own examples: each must be flagged by exactly the expected rules. */
export function runExamples(compiled: CompiledPack): ExampleResult[] {
  return (compiled.pack.examples ?? []).map((example, index) => {
    const found = [...new Set(compiled.check(example.text, { at: example.at, site: example.site, surface: example.surface }).map((f) => f.ruleId))].sort();
    const expected = [...new Set(example.expect)].sort();
    const passed = found.length === expected.length && found.every((id, i) => id === expected[i]);
    return { index, example, found, passed };
  });
}
