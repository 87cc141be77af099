import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: every temporary folder of a run (the tests' own, Chromium profiles and
 * extension copies, Chromium's and ExifTool's scratch files) goes under one folder made for the
 * run, through TMPDIR, and is removed when the run ends. Workers start after this and inherit it.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'sera-test-run-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
