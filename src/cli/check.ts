import { parseArgs } from 'node:util';
import { loadTextModels, type TextModels } from '../ml/text-models';
import type { Severity } from '../packs/schema';
import { compilePack, type CompiledPack } from '../policy/engine';
import { describeFindings, markDraft, useColor } from './format';
import { usage } from './help';
import { CliError, EXIT, readText, type Streams } from './io';
import { loadPack } from './pack-file';

/** From least to most severe: --fail-on LEVEL fails on LEVEL and everything after it. */
const SEVERITIES: readonly Severity[] = ['info', 'warn', 'block'];

interface Draft {
  readonly id?: unknown;
  readonly text: string;
  readonly at?: string;
  readonly site?: string;
}

export async function checkCommand(args: string[], streams: Streams): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      pack: { type: 'string' },
      at: { type: 'string' },
      site: { type: 'string' },
      json: { type: 'boolean', default: false },
      input: { type: 'string' },
      'fail-on': { type: 'string', default: 'block' },
      explain: { type: 'boolean', default: false },
    },
  });
  if (!values.pack) throw new CliError(`missing --pack FILE\n${usage('check')}`);
  if (values.input ? positionals.length > 0 : positionals.length !== 1) {
    throw new CliError(`give the draft as one argument, "-" for standard input, or --input FILE\n${usage('check')}`);
  }
  if (values.at !== undefined) validTime(values.at, '--at');
  const failOn = values['fail-on'] as Severity;
  if (!SEVERITIES.includes(failOn)) throw new CliError(`--fail-on must be ${SEVERITIES.join(', ')}, not "${values['fail-on']}"`);
  if (values.pack === '-' && (values.input === '-' || positionals[0] === '-')) throw new CliError('only one of the pack and the drafts can come from standard input');
  const compiled = compilePack((await loadPack(values.pack, streams)).pack);
  const textModels = compiled.usesTextModels || values.explain ? await loadTextModels() : undefined;

  const drafts: Draft[] = values.input
    ? parseDrafts(await readText(values.input, streams), values.input)
    : [{ text: positionals[0] === '-' ? (await readText('-', streams)).replace(/\r?\n$/, '') : positionals[0]! }];

  const color = useColor(streams.stdout, streams.env);
  let failed = false;
  for (const draft of drafts) {
    const findings = check(compiled, draft, values.at, values.site, textModels);
    const sentences = values.explain ? textModels!.scoreDraft(draft.text).map(({ start, end, work, hostile }) => ({ text: draft.text.slice(start, end), work, hostile })) : undefined;
    failed ||= findings.some((finding) => SEVERITIES.indexOf(finding.severity) >= SEVERITIES.indexOf(failOn));
    if (values.json) {
      streams.stdout.write(`${JSON.stringify({ ...(values.input ? { id: draft.id } : {}), findings, ...(sentences ? { sentences } : {}) })}\n`);
      continue;
    }
    if (values.input) streams.stdout.write(`# ${String(draft.id)}\n`);
    streams.stdout.write(`${markDraft(draft.text, findings, color)}\n`);
    const lines = describeFindings(draft.text, findings);
    streams.stdout.write(lines.length ? `${lines.join('\n')}\n` : '  no findings\n');
    // The models' scores per sentence, so that an admin can see why a work or tone rule fired or not.
    for (const sentence of sentences ?? []) streams.stdout.write(`  work ${sentence.work.toFixed(2)}  hostile ${sentence.hostile.toFixed(2)}  ${sentence.text}\n`);
  }
  return failed ? EXIT.problems : EXIT.ok;
}

function check(compiled: CompiledPack, draft: Draft, at: string | undefined, site: string | undefined, textModels: TextModels | undefined) {
  return compiled.check(draft.text, { at: draft.at ?? at, site: draft.site ?? site, ...(textModels ? { textModels } : {}) });
}

function validTime(value: string, where: string): void {
  if (!/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new CliError(`${where}: "${value}" is not an ISO 8601 time; use e.g. 2026-05-01T09:00:00Z`);
  }
}

function parseDrafts(jsonl: string, path: string): Draft[] {
  const drafts: Draft[] = [];
  jsonl.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const where = `${path} line ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new CliError(`${where}: not valid JSON; each line must be {"id": ..., "text": "..."}`);
    }
    const draft = value as Partial<Draft> | null;
    if (!draft || typeof draft !== 'object' || typeof draft.text !== 'string') {
      throw new CliError(`${where}: each line must be an object with a "text" string`);
    }
    if (draft.at !== undefined) validTime(String(draft.at), `${where}: "at"`);
    if (draft.site !== undefined && typeof draft.site !== 'string') throw new CliError(`${where}: "site" must be a host name`);
    drafts.push(draft as Draft);
  });
  return drafts;
}
