import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { formatLocated, packFormat, parsePackFile } from '../../src/cli/pack-file';

const STARTER = readFileSync('src/cli/templates/starter-pack.yaml', 'utf8');
const DEMO = readFileSync('assets/demo-pack.json', 'utf8');

/** The errors for the starter pack with one text replaced, as the CLI prints them. */
function errorsAfter(...edits: [string, string][]): string[] {
  let text = STARTER;
  for (const [from, to] of edits) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  const result = parsePackFile(text, 'yaml');
  return result.ok ? [] : result.errors.map((error) => formatLocated('pack.yaml', 'error', error));
}

describe('pack files in YAML or JSON', () => {
  it('the starter pack and the demo pack written as YAML parse to the same pack as their JSON', () => {
    expect(parsePackFile(STARTER, 'yaml').ok).toBe(true);
    const fromJson = parsePackFile(DEMO, 'json');
    const fromYaml = parsePackFile(stringify(JSON.parse(DEMO)), 'yaml');
    expect(fromJson.ok && fromYaml.ok && fromYaml.pack).toEqual(fromJson.ok && fromJson.pack);
  });

  it('tells the format by extension, and standard input by its first character', () => {
    expect([packFormat('a.json', ''), packFormat('a.YAML', '{'), packFormat('a.yml', ''), packFormat('-', '\uFEFF {"a": 1}'), packFormat('-', 'id: x')]).toEqual(['json', 'yaml', 'yaml', 'json', 'yaml']);
  });

  it('a line indented too deep is one indentation error on that line', () => {
    expect(errorsAfter(['    severity: block\n    message: Internal', '      severity: block\n    message: Internal'])).toEqual([
      'pack.yaml:33:7: error: indentation: "severity" is indented 6 spaces, deeper than "kind" (line 31), which already has a value: indent it 4 spaces',
    ]);
  });

  it('a line indented too little is one indentation error, not a cascade', () => {
    expect(errorsAfter(['    severity: block\n    message: Internal', '   severity: block\n    message: Internal'])).toEqual([
      'pack.yaml:33:4: error: indentation: "severity" is indented 3 spaces, which lines up with no field above: indent it 4 spaces like "kind" (line 31) or 2',
    ]);
    expect(errorsAfter(['  - id: unreleased-products', ' - id: unreleased-products'])).toEqual([
      'pack.yaml:38:2: error: indentation: "id" is indented 1 space, which lines up with no field above: indent it 2 spaces like "id" (line 30) or 0',
    ]);
  });

  it('a tab is named as a tab; two mistakes are two errors', () => {
    expect(errorsAfter(['    kind: unreleased', '\tkind: unreleased'], ['    severity: block\n    message: Internal', '      severity: block\n    message: Internal'])).toEqual([
      expect.stringMatching(/^pack\.yaml:33:7: error: indentation: /),
      'pack.yaml:39:1: error: tab: this line is indented with a tab; YAML indents with spaces only: replace the tab with spaces',
    ]);
  });

  it('other syntax mistakes are one plain error each', () => {
    expect(errorsAfter(['terms: [Project Nightjar, Nightjar]', 'terms: [Project Nightjar, Nightjar'])).toEqual([
      'pack.yaml:36:12: error: brackets: this [list] or {object} is not closed: close it with ] or } on this line, or on a later line indented under its field',
    ]);
    expect(errorsAfter(['name: Example Corp social media policy', 'name: Example: social media policy'])).toEqual([
      'pack.yaml:10:7: error: syntax: a value that contains ": " must be quoted, e.g. name: "Acme: Europe"',
    ]);
    expect(errorsAfter(['serial: 1', 'serial: 1\nserial: 2'])).toEqual(['pack.yaml:13:1: error: duplicate field: serial is written twice in the same block; keep one']);
    expect(errorsAfter(['revised: "2026-11-21"', 'revised: "2026-11-21'])).toEqual([expect.stringMatching(/^pack\.yaml:13:\d+: error: syntax: a quoted value is not closed: add the closing quote$/)]);
  });

  it('leaves block text, multi-line values and comments alone', () => {
    const text = STARTER.replace('    message: Internal codenames are confidential.', '    message: |\n      Internal codenames\n        are confidential.  # not a comment? it is\n').replace(
      '    message: This product has not been announced yet.',
      '    message: "This product has not\n      been announced: yet."\n',
    ).replace(
      'contact: comms@example.com',
      'contact: comms@example.com\n  # an indented comment\n',
    );
    expect(parsePackFile(text, 'yaml')).toMatchObject({ ok: true });
  });

  it('schema errors carry the line and column of their value, in YAML and JSON', () => {
    expect(errorsAfter(['severity: block', 'severity: fatal'])).toEqual([expect.stringMatching(/^pack\.yaml:33:15: error: rules\[0\]\.severity: must be "info", "warn" or "block"/)]);
    const json = DEMO.replace('"schemaVersion": 1', '"schemaVersion": 2');
    const result = parsePackFile(json, 'json');
    expect(result.ok ? [] : result.errors.map((error) => formatLocated('p.json', 'error', error))).toEqual([expect.stringMatching(/^p\.json:2:\d+: error: schemaVersion: must be 1/)]);
  });

  it('a JSON syntax error names its line and column', () => {
    const result = parsePackFile('{\n  "id": "x"\n  "name": "y"\n}', 'json');
    expect(result.ok ? [] : result.errors.map((error) => formatLocated('p.json', 'error', error))).toEqual([
      expect.stringMatching(/^p\.json:3:3: error: not valid JSON \(.+\); check for a missing comma, quote or bracket here$/),
    ]);
  });

  it('a byte order mark at the start is not part of the pack', () => {
    expect(parsePackFile(`\uFEFF${STARTER}`, 'yaml').ok).toBe(true);
    expect(parsePackFile(`\uFEFF${DEMO}`, 'json').ok).toBe(true);
  });
});
