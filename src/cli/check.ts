import { parseArgs } from 'node:util';
import { loadTextModels, type TextModels } from '../ml/text-models';
import { SURFACES, type Severity, type Surface } from '../packs/schema';
import { compilePack, type CompiledPack } from '../policy/engine';
import { surfacesOn } from '../sites';
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
  readonly surface?: Surface;
}

export async function checkCommand(args: string[], streams: Streams): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      pack: { type: 'string' },
      at: { type: 'string' },
      site: { type: 'string' },
      surface: { type: 'string', default: 'post' },
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
  const surface = validSurface(values.surface, '--surface');
  const failOn = values['fail-on'] as Severity;
  if (!SEVERITIES.includes(failOn)) throw new CliError(`--fail-on must be ${SEVERITIES.join(', ')}, not "${values['fail-on']}"`);
  if (values.pack === '-' && (values.input === '-' || positionals[0] === '-')) throw new CliError('only one of the pack and the drafts can come from standard input');
  const compiled = compilePack((await loadPack(values.pack, streams)).pack);
  const textModels = compiled.usesTextModels || values.explain ? await loadTextModels() : undefined;

  const drafts: Draft[] = values.input
    ? parseDrafts(await readText(values.input, streams), values.input)
    : [{ text: positionals[0] === '-' ? (await readText('-', streams)).replace(/\r?\n$/, '') : positionals[0]! }];

  for (const draft of drafts) checkedOnSite(draft.surface ?? surface, draft.site ?? values.site, values.input ? `${values.input}: draft ${JSON.stringify(draft.id)}` : '--surface');
  const color = useColor(streams.stdout, streams.env);
  let failed = false;
  for (const draft of drafts) {
    const findings = check(compiled, draft, { at: values.at, site: values.site, surface }, textModels);
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

/** The command's --at, --site and --surface, which a draft's own fields override. */
interface Defaults {
  readonly at?: string;
  readonly site?: string;
  readonly surface: Surface;
}

function check(compiled: CompiledPack, draft: Draft, defaults: Defaults, textModels: TextModels | undefined) {
  const where = { at: draft.at ?? defaults.at, site: draft.site ?? defaults.site, surface: draft.surface ?? defaults.surface };
  return compiled.check(draft.text, { ...where, ...(textModels ? { textModels } : {}) });
}

function validSurface(value: unknown, where: string): Surface {
  if (!SURFACES.includes(value as Surface)) throw new CliError(`${where} must be ${SURFACES.join(', ')}, not ${JSON.stringify(value)}`);
  return value as Surface;
}

/** As in the extension: a site's drafts go only where Sera finds them there (no bio on Facebook). */
function checkedOnSite(surface: Surface, site: string | undefined, where: string): void {
  const offered = site === undefined ? undefined : surfacesOn(site);
  if (offered && !offered.includes(surface)) throw new CliError(`${where}: Sera checks no ${surface} on ${site}, only ${offered.join(', ')}`);
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
    if (draft.surface !== undefined) validSurface(draft.surface, `${where}: "surface"`);
    drafts.push(draft as Draft);
  });
  return drafts;
}
