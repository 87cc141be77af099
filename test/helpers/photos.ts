import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Real camera files beside the repo (see its SOURCES.md); tests over them run when it exists. */
export const CORPUS = '../shared/corpus/images';

export const haveExiftool = spawnSync('exiftool', ['-ver']).status === 0;

export function corpusFiles(): string[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) => readdirSync(join(CORPUS, dir.name)).map((name) => join(CORPUS, dir.name, name)))
    .sort();
}

/** Every tag ExifTool reads, keyed "Family0:Family1:Name", with numeric values. */
export function exiftoolJson(files: string[]): Record<string, unknown>[] {
  if (files.length === 0) return [];
  const result = spawnSync('exiftool', ['-j', '-G0:1', '-a', '-n', ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(result.stdout) as Record<string, unknown>[];
}
