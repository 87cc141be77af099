import { z } from 'zod';
import { packSchema } from './schema';

/** JSON Schema (draft 2020-12) of the pack format, for editor completion and validation. */
export function packJsonSchema(): Record<string, unknown> {
  return {
    title: 'Sera rule pack v1',
    ...z.toJSONSchema(packSchema, { io: 'input', unrepresentable: 'any' }),
  };
}
