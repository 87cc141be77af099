import { textModelsFor } from '../ml/text-models';
import type { CompiledPack } from '../policy/engine';
import type { PackExample } from './schema';

export interface ExampleResult {
  readonly index: number;
  readonly example: PackExample;
  readonly found: readonly string[];
  readonly passed: boolean;
}

/**
 * Runs the pack's own examples as the extension checks drafts: each must be flagged by exactly the
 * expected rules. A pack with `work` or `tone` rules is checked with the text models, loaded here.
 */
export async function runExamples(compiled: CompiledPack): Promise<ExampleResult[]> {
  const examples = compiled.pack.examples ?? [];
  const textModels = examples.length ? await textModelsFor([compiled.pack]) : undefined;
  return examples.map((example, index) => {
    const options = { at: example.at, site: example.site, surface: example.surface, ...(textModels ? { textModels } : {}) };
    const found = [...new Set(compiled.check(example.text, options).map((f) => f.ruleId))].sort();
    const expected = [...new Set(example.expect)].sort();
    const passed = found.length === expected.length && found.every((id, i) => id === expected[i]);
    return { index, example, found, passed };
  });
}
