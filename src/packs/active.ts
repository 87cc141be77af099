import demoPackJson from '../../assets/demo-pack.json';
import { compilePack, type CheckOptions, type CompiledPack, type Finding } from '../policy/engine';
import { parsePack } from './parse';

export interface ActivePack {
  readonly compiled: CompiledPack;
  /** The bundled demo pack, active only while nothing else is configured; labelled as a demo. */
  readonly demo: boolean;
}

/** A finding with the pack it comes from, as the composer and the popup show it. */
export interface PackFinding extends Finding {
  readonly packName: string;
  readonly policyUrl?: string;
}

export interface PackSummary {
  readonly id: string;
  readonly name: string;
  readonly serial: number;
  readonly revised: string;
  readonly demo: boolean;
}

function loadDemoPack(): ActivePack {
  const parsed = parsePack(demoPackJson);
  if (!parsed.ok) throw new Error(`The bundled demo pack is invalid: ${parsed.errors.map((e) => e.message).join('; ')}`);
  return { compiled: compilePack(parsed.pack), demo: true };
}

let active: readonly ActivePack[] | undefined;

/** The packs in force. Until pack distribution lands, that is the bundled demo pack. */
export function activePacks(): readonly ActivePack[] {
  return (active ??= [loadDemoPack()]);
}

export function summarize({ compiled: { pack }, demo }: ActivePack): PackSummary {
  return { id: pack.id, name: pack.name, serial: pack.serial, revised: pack.revised, demo };
}

/** Checks a draft against every active pack; each finding names its pack. */
export function checkWithPacks(packs: readonly ActivePack[], text: string, options: CheckOptions): PackFinding[] {
  return packs
    .flatMap(({ compiled }) =>
      compiled.check(text, options).map((finding) => ({
        ...finding,
        packName: compiled.pack.name,
        ...(compiled.pack.policyUrl ? { policyUrl: compiled.pack.policyUrl } : {}),
      })),
    )
    .sort((a, b) => a.start - b.start || b.end - a.end);
}
