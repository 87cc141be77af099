import { parseArgs } from 'node:util';
import { loadTextModels, textModelsFor, type TextModels } from '../ml/text-models';
import { explainWithPacks } from '../packs/active';
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
  // As the extension's background does: the models when the pack has rules for them, or to explain.
  const textModels = values.explain ? await loadTextModels() : await textModelsFor([compiled.pack]);

  const drafts: Draft[] = values.input
    ? parseDrafts(await readText(values.input, streams), values.input)
    : [{ text: positionals[0] === '-' ? (await readText('-', streams)).replace(/\r?\n$/, '') : positionals[0]! }];

  for (const draft of drafts) checkedOnSite(draft.surface ?? surface, draft.site ?? values.site, values.input ? `${values.input}: draft ${JSON.stringify(draft.id)}` : '--surface');
  const color = useColor(streams.stdout, streams.env);
  let failed = false;
  for (const draft of drafts) {
    const defaults = { at: values.at, site: values.site, surface };
    const findings = check(compiled, draft, defaults, textModels);
    const sentences = values.explain ? explainSentences(compiled, draft, defaults, textModels!) : undefined;
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
    for (const sentence of sentences ?? []) {
      const reaches = sentence.reaches.length ? `  (reaches the threshold of ${sentence.reaches.join(', ')})` : '';
      streams.stdout.write(`  work ${sentence.work.toFixed(2)}  hostile ${sentence.hostile.toFixed(2)}  ${sentence.text}${reaches}\n`);
    }
  }
  return failed ? EXIT.problems : EXIT.ok;
}

/** The command's --at, --site and --surface, which a draft's own fields override. */
interface Defaults {
  readonly at?: string;
  readonly site?: string;
  readonly surface: Surface;
}

function whereChecked(draft: Draft, defaults: Defaults) {
  return { at: draft.at ?? defaults.at, site: draft.site ?? defaults.site, surface: draft.surface ?? defaults.surface };
}

function check(compiled: CompiledPack, draft: Draft, defaults: Defaults, textModels: TextModels | undefined) {
  return compiled.check(draft.text, { ...whereChecked(draft, defaults), ...(textModels ? { textModels } : {}) });
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

/** Each sentence's scores, and the ids of the pack's rules in force whose threshold it reaches (as the options page's playground shows them). */
function explainSentences(compiled: CompiledPack, draft: Draft, defaults: Defaults, textModels: TextModels) {
  const { sentences, rules } = explainWithPacks([{ compiled, demo: false }], draft.text, textModels, whereChecked(draft, defaults));
  return sentences.map(({ start, end, work, hostile }) => ({
    text: draft.text.slice(start, end),
    work,
    hostile,
    reaches: rules.filter((rule) => (rule.model === 'work' ? work : hostile) >= rule.threshold).map((rule) => rule.ruleId),
  }));
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
