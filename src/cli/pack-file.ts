import { LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { jsonSyntaxError, parsePack, type PackIssue } from '../packs/parse';
import type { ExampleResult } from '../packs/examples';
import type { Pack } from '../packs/schema';
import { CliError, EXIT, readText, type Streams } from './io';

export type PackFormat = 'yaml' | 'json';

/** A problem and where it is in the file (1-based), when that is known. */
export interface LocatedIssue extends PackIssue {
  readonly line?: number;
  readonly column?: number;
}

export type PackFileResult =
  | {
      readonly ok: true;
      readonly pack: Pack;
      /** Where the value at a pack path (`rules[2].terms[0]`) is written, or its closest written parent. */
      readonly position: (path: string) => { line: number; column: number } | undefined;
    }
  | { readonly ok: false; readonly errors: readonly LocatedIssue[] };

/** `.json` is JSON and `.yaml`/`.yml` YAML; anything else (standard input) is told by its first character. */
export function packFormat(path: string, text: string): PackFormat {
  if (/\.json$/i.test(path)) return 'json';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  return /^\uFEFF?\s*\{/.test(text) ? 'json' : 'yaml';
}

/** "FILE:LINE:COL: error: path: what to change", as compilers write it, so editors can jump there. */
export function formatLocated(file: string, level: 'error' | 'warning', issue: LocatedIssue): string {
  const where = issue.line === undefined ? file : `${file}:${issue.line}:${issue.column ?? 1}`;
  return `${where}: ${level}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

/**
 * Parses a pack file in either format and validates it. Syntax errors come one per mistake; schema
 * errors carry the line and column of the value they are about (JSON is YAML, so both formats are
 * located through the same YAML document).
 */
export function parsePackFile(text: string, format: PackFormat): PackFileResult {
  const source = text.replace(/^\uFEFF/, ''); // some Windows editors start files with a byte order mark
  let value: unknown;
  let yaml: { document: Document; lines: LineCounter } | undefined;
  if (format === 'json') {
    try {
      value = JSON.parse(source);
    } catch (error) {
      const { line, column, reason } = jsonSyntaxError(source, error as Error);
      return { ok: false, errors: [{ path: '', line, column, message: `not valid JSON (${reason}); check for a missing comma, quote or bracket${line ? ' here' : ''}` }] };
    }
  } else {
    const parsed = parseYaml(source);
    if ('errors' in parsed) return { ok: false, errors: parsed.errors };
    yaml = parsed;
    value = parsed.document.toJS();
  }
  const position = (path: string) => {
    // A JSON pack is parsed again, as YAML, only when a position is asked for: it costs more than JSON.parse.
    if (!yaml) {
      const lines = new LineCounter();
      yaml = { document: parseDocument(source, { lineCounter: lines }), lines };
    }
    const keys = path.match(/[^.[\]]+/g)?.map((key) => (/^\d+$/.test(key) ? Number(key) : key)) ?? [];
    for (let depth = keys.length; depth >= 0; depth--) {
      const node = yaml.document.getIn(keys.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) {
        const { line, col } = yaml.lines.linePos(node.range[0]);
        return { line, column: col };
      }
    }
    return undefined;
  };
  const parsed = parsePack(value);
  if (parsed.ok) return { ok: true, pack: parsed.pack, position };
  return { ok: false, errors: parsed.errors.map((issue) => ({ ...issue, ...position(issue.path) })) };
}

/**
 * The YAML document, or one error per mistake. The parser's own errors cascade (one misplaced line
 * can give ten) and often point at the line before the mistake, so tabs, indentation and unclosed
 * brackets are checked line by line first, each on its own. Only when those are right do the
 * parser's errors count, and only the first: what follows a syntax error is guesswork.
 */
function parseYaml(source: string): { document: Document; lines: LineCounter } | { errors: LocatedIssue[] } {
  const sourceLines = source.split(/\r?\n/);
  const layout = layoutErrors(sourceLines);
  if (layout.length) return { errors: layout };
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const first = [...document.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (!first) return { document, lines };
  const { line, col } = lines.linePos(first.pos[0]);
  const index = Math.min(line, sourceLines.length) - 1;
  return { errors: [{ line: index + 1, column: col, ...describeParserError(first, sourceLines[index] ?? '') }] };
}

function describeParserError(error: YAMLError, line: string): PackIssue {
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return { path: 'duplicate field', message: `${keyOf(line.trim()) ?? 'this field'} is written twice in the same block; keep one` };
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return { path: 'syntax', message: 'a value that contains ": " must be quoted, e.g. name: "Acme: Europe"' };
    case 'BAD_INDENT':
      return { path: 'syntax', message: 'a [list] or {object} is not closed: close it with ] or } (or continue it on lines indented under its field)' };
    case 'MISSING_CHAR':
      if (/quote/.test(error.message)) return { path: 'syntax', message: 'a quoted value is not closed: add the closing quote' };
  }
  return { path: 'syntax', message: `${error.message.split('\n')[0]!.replace(/\.$/, '')}; check this line against the lines around it` };
}

const KEY = /^(?:"[^"]*"|'[^']*'|[^\s#'"\-[{][^#]*?)\s*:(?:\s|$)/;
const keyOf = (content: string) => KEY.exec(content)?.[0].replace(/\s*:\s*$/, '').replace(/^["']|["']$/g, '');

const spaces = (count: number) => (count === 1 ? '1 space' : `${count} spaces`);

/** The line without a trailing comment (a `#` after a space, outside quotes). */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i).trimEnd();
  }
  return line.trimEnd();
}

/** Whether text closes a quoted value: a " not escaped by a backslash, or a ' not doubled. */
function closesQuote(text: string, quote: string): boolean {
  const unescaped = quote === '"' ? text.replace(/\\./g, '') : text.replace(/''/g, '');
  return unescaped.includes(quote);
}

/** How many brackets a line leaves open (negative when it closes more). */
function openBrackets(content: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (const char of content) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '[' || char === '{') depth++;
    else if (char === ']' || char === '}') depth--;
  }
  return depth;
}

/**
 * Tabs in indentation and indentation that lines up with no open block, for the block style that
 * packs are written in. Lines inside block scalars (`|`, `>`) and multi-line [lists] are skipped.
 */
function layoutErrors(lines: readonly string[]): LocatedIssue[] {
  const errors: LocatedIssue[] = [];
  /** Indentation of the open blocks, innermost last, with the field that opened each (for messages). */
  const levels: { indent: number; key?: string; line?: number }[] = [{ indent: 0 }];
  let opensBlock = false; // the previous line was "key:" or "-" with nothing after it
  let continuesValue = false; // the previous line had a plain value, which deeper lines may continue
  let blockScalarOf: number | undefined; // inside "key: |": lines deeper than the key are text
  let quoteOpen: string | undefined; // inside a quoted value that goes on over lines
  let flow: { depth: number; indent: number; line: number; column: number } | undefined; // an open [list] or {object}
  const unclosed = (open: NonNullable<typeof flow>): LocatedIssue => ({
    line: open.line,
    column: open.column,
    path: 'brackets',
    message: 'this [list] or {object} is not closed: close it with ] or } on this line, or on a later line indented under its field',
  });
  for (const [index, line] of lines.entries()) {
    const content = withoutComment(line);
    if (quoteOpen) {
      if (closesQuote(line, quoteOpen)) quoteOpen = undefined;
      continue;
    }
    if (!content.trim() || /^(---|\.\.\.)(\s|$)/.test(content) || content.startsWith('%')) continue;
    const indentation = /^[ \t]*/.exec(content)![0];
    const indent = indentation.length;
    if (blockScalarOf !== undefined && indent > blockScalarOf) continue;
    blockScalarOf = undefined;
    if (flow && (indent > flow.indent || /^[\]}]/.test(content.trimStart()))) {
      flow.depth += openBrackets(content);
      if (flow.depth <= 0) flow = undefined;
      continue;
    }
    if (flow) {
      errors.push(unclosed(flow));
      flow = undefined;
    }
    const at = { line: index + 1, column: 1 };
    if (indentation.includes('\t')) {
      errors.push({ ...at, column: indentation.indexOf('\t') + 1, path: 'tab', message: 'this line is indented with a tab; YAML indents with spaces only: replace the tab with spaces' });
      continue;
    }
    let rest = content.slice(indent);
    const key = keyOf(rest.replace(/^-\s+/, ''));
    const name = key ? `"${key}"` : 'this line';
    const top = levels[levels.length - 1]!;
    if (indent > top.indent) {
      if (!opensBlock) {
        if (continuesValue && !keyOf(rest) && !rest.startsWith('- ')) continue;
        const above = top.key ? `"${top.key}" (line ${top.line})` : 'the line above';
        errors.push({ ...at, column: indent + 1, path: 'indentation', message: `${name} is indented ${spaces(indent)}, deeper than ${above}, which already has a value: indent it ${spaces(top.indent)}` });
        continue;
      }
      levels.push({ indent, key, line: index + 1 });
    } else if (indent < top.indent) {
      const open = levels.filter((level) => level.indent <= indent);
      if (open[open.length - 1]!.indent !== indent) {
        const deeper = levels.find((level) => level.indent > indent)!;
        const shallower = open[open.length - 1]!;
        errors.push({
          ...at,
          column: indent + 1,
          path: 'indentation',
          message: `${name} is indented ${spaces(indent)}, which lines up with no field above: indent it ${spaces(deeper.indent)}${deeper.key ? ` like "${deeper.key}" (line ${deeper.line})` : ''} or ${shallower.indent}`,
        });
        continue;
      }
      levels.length = open.length;
      levels[levels.length - 1] = { indent, key, line: index + 1 };
    } else {
      levels[levels.length - 1] = { indent, key, line: index + 1 };
    }
    // "- key: value" opens the item's own block at the column of its key.
    let column = indent;
    while (/^-(\s|$)/.test(rest)) {
      const item = /^-\s*/.exec(rest)![0];
      column += item.length;
      rest = rest.slice(item.length);
      if (rest) levels.push({ indent: column, key: keyOf(rest), line: index + 1 });
    }
    const value = key !== undefined && keyOf(rest) !== undefined ? rest.slice(KEY.exec(rest)![0].length).trim() : rest;
    opensBlock = value === '' || rest === '';
    continuesValue = !opensBlock;
    if (/^[|>][-+0-9]*$/.test(value)) blockScalarOf = column;
    if (/^["']/.test(value) && !closesQuote(value.slice(1), value[0]!)) quoteOpen = value[0];
    const depth = openBrackets(value);
    if (depth > 0) flow = { depth, indent, line: index + 1, column: content.length - value.length + 1 };
  }
  if (flow) errors.push(unclosed(flow));
  return errors;
}

/** A pack file, YAML or JSON, parsed and validated (not yet refused when invalid). */
export async function readPackFile(path: string, streams: Streams): Promise<PackFileResult> {
  const text = await readText(path, streams);
  return parsePackFile(text, packFormat(path, text));
}

export type ValidPack = Extract<PackFileResult, { ok: true }>;

/** Reads a valid pack, or fails (exit 2) with one line per problem and a summary. */
export async function loadPack(path: string, streams: Streams): Promise<ValidPack> {
  const result = await readPackFile(path, streams);
  if (result.ok) return result;
  const count = result.errors.length;
  throw new CliError(
    `invalid pack ${path}: ${count} ${count === 1 ? 'error' : 'errors'}`,
    EXIT.usage,
    result.errors.map((error) => formatLocated(path, 'error', error)),
  );
}

/** A failing example as the admin counts them, from 1. */
export function describeFailingExample({ index, example, found }: ExampleResult): { path: string; message: string } {
  const context = [example.at && `at ${example.at}`, example.site && `on ${example.site}`].filter(Boolean).join(', ');
  return {
    path: `examples[${index}]`,
    message: `example ${index + 1} ${JSON.stringify(example.text)}${context ? ` (${context})` : ''}: expected ${example.expect.join(', ') || 'nothing'}, found ${found.join(', ') || 'nothing'}`,
  };
}
