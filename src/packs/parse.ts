import type { z } from 'zod';
import { packSchema, type Pack } from './schema';

/** One problem in a pack, located by a path such as `rules[2].terms[0]`. */
export interface PackIssue {
  readonly path: string;
  readonly message: string;
}

export type PackParseResult = { readonly ok: true; readonly pack: Pack } | { readonly ok: false; readonly errors: PackIssue[] };

export class PackError extends Error {
  constructor(readonly issues: readonly PackIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'PackError';
  }
}

export function formatIssue(issue: PackIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** Validates a parsed JSON value as a rule pack. */
export function parsePack(value: unknown): PackParseResult {
  const result = packSchema.safeParse(value);
  if (result.success) return { ok: true, pack: result.data };
  return { ok: false, errors: result.error.issues.map((issue) => describeIssue(issue, value)) };
}

/**
 * Parses and validates pack JSON text; syntax errors name the line and column. A UTF-8 byte order
 * mark at the start, as some Windows editors save one, is not part of the JSON.
 */
export function parsePackJson(text: string): PackParseResult {
  const json = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, errors: [{ path: '', message: describeJsonError(json, error as Error) }] };
  }
  return parsePack(value);
}

function describeJsonError(json: string, error: Error): string {
  const { line, column, reason } = jsonSyntaxError(json, error);
  if (line === undefined) return `not valid JSON (${reason}); check for a missing comma, quote or bracket`;
  return `not valid JSON at line ${line}, column ${column} (${reason}); check for a missing comma, quote or bracket there`;
}

/** Where JSON.parse stopped (1-based line and column, when it says) and why, without its jargon around it. */
export function jsonSyntaxError(json: string, error: Error): { readonly line?: number; readonly column?: number; readonly reason: string } {
  const position = /position (\d+)/.exec(error.message);
  const reason = error.message.replace(/ in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
  if (!position) return { reason };
  const before = json.slice(0, Number(position[1])).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1, reason };
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): PackIssue {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(issue.path, input);
    return {
      path,
      message: issue.keys
        .map((key) => {
          const suggestion = closest(key, allowed);
          return `unknown field "${key}": ${suggestion ? `did you mean "${suggestion}"?` : 'remove it'}`;
        })
        .join('; ')
        .concat(allowed.length ? ` (allowed here: ${allowed.join(', ')})` : ''),
    };
  }
  if (issue.code === 'invalid_type' && valueAt(issue.path, input) === undefined) {
    return { path, message: `missing: add ${describeExpected(issue.expected)}` };
  }
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    return { path, message: `must be ${describeExpected(issue.expected)}, not ${describeValue(valueAt(issue.path, input))}` };
  }
  return { path, message: issue.message };
}

function describeExpected(expected: string): string {
  return expected === 'array' ? 'a list' : expected === 'object' ? 'an object' : `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(path: readonly PropertyKey[], input: unknown): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

type AnySchema = z.core.$ZodType;

/** The field names the schema allows for the object at `path` (following `kind` into rule variants). */
function allowedKeys(path: readonly PropertyKey[], input: unknown): string[] {
  let schema: AnySchema | undefined = packSchema;
  for (let depth = 0; depth <= path.length && schema; depth++) {
    schema = unwrap(schema, valueAt(path.slice(0, depth), input));
    if (depth === path.length) break;
    const def = schema._zod.def as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema };
    const key = path[depth]!;
    schema = def.type === 'object' ? def.shape?.[String(key)] : def.type === 'array' ? def.element : undefined;
  }
  const def = schema?._zod.def as { type: string; shape?: Record<string, AnySchema> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape).filter((key) => key !== '$schema') : [];
}

function unwrap(schema: AnySchema, value: unknown): AnySchema {
  const def = schema._zod.def as { type: string; innerType?: AnySchema; options?: AnySchema[] };
  if (def.type === 'optional' && def.innerType) return unwrap(def.innerType, value);
  if (def.type === 'union' && def.options) {
    const kind = (value as { kind?: unknown } | undefined)?.kind;
    const option = def.options.find((candidate) => {
      const shape = (candidate._zod.def as { shape?: Record<string, AnySchema> }).shape;
      return (shape?.kind?._zod.def as { values?: unknown[] } | undefined)?.values?.includes(kind);
    });
    return option ?? schema;
  }
  return schema;
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
