import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { PhotoCheckSettings, PhotoReport } from '../ml/photo-checks';
import { photoCheckSettings } from '../ml/settings';
import { compilePack } from '../policy/engine';
import { usage } from './help';
import { CliError, EXIT, readBytes, type Streams } from './io';
import { loadPack } from './pack-file';

/** Every check, as a pack without a photo rule gets them from the CLI. */
const ALL_CHECKS: PhotoCheckSettings = { checks: new Set(['text', 'people', 'screens']), severity: { people: 'info', screens: 'warn' } };

/** The models beside the bundle (dist/ml) or, run from source, in the extension's public folder. */
function modelDirectory(): string {
  const candidates = [new URL('./ml/', import.meta.url), new URL('../../public/ml/', import.meta.url)].map((url) => fileURLToPath(url));
  const found = candidates.find((directory) => existsSync(`${directory}centernet.json`));
  if (!found) throw new CliError(`the photo-check models are missing (looked in ${candidates.join(' and ')})`);
  return found;
}

/**
 * TF.js and tesseract.js stay outside the bundle (wasm, worker and data files): the package lists
 * them as optional dependencies, so an offline install still gets every other command.
 */
async function photoChecks() {
  try {
    return { ...(await import('../ml/node')), ...(await import('../ml/photo-checks')) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new CliError(
      `sera scan needs TF.js and tesseract.js, the package's optional dependencies: install @sera-policy/cli where npm can fetch them, or run sera from a Sera checkout after npm ci (${(error as Error).message})`,
    );
  }
}

export async function scanCommand(args: string[], streams: Streams): Promise<number> {
  const { values, positionals: files } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      pack: { type: 'string' },
      budget: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (files.length === 0 || !values.pack) throw new CliError(`give one or more photos and --pack FILE\n${usage('scan')}`);
  const budgetMs = values.budget === undefined ? undefined : Number(values.budget);
  if (budgetMs !== undefined && !(budgetMs > 0)) throw new CliError(`--budget must be a number of milliseconds, not "${values.budget}"`);
  const { decodePhoto, nodeAnalyzerFiles, PhotoAnalyzer } = await photoChecks();
  const { pack } = await loadPack(values.pack, streams);
  const compiled = compilePack(pack);
  const settings = photoCheckSettings([pack]) ?? ALL_CHECKS;
  if (!photoCheckSettings([pack])) streams.stderr.write(`sera: ${values.pack} has no photo rule; running every check (people: info, screens: warn)\n`);
  // Every photo is read and decoded before the models load, so a typo fails at once.
  const photos = await Promise.all(
    files.map(async (file) => {
      const pixels = await decodePhoto(await readBytes(file)).catch((error: Error) => {
        throw new CliError(`cannot decode ${file}: ${error.message}`);
      });
      if (!pixels) throw new CliError(`cannot decode ${file}: sera scan reads JPEG and PNG`);
      return { file, pixels };
    }),
  );

  const analyzer = new PhotoAnalyzer(nodeAnalyzerFiles(modelDirectory()));
  let exitCode: number = EXIT.ok;
  try {
    for (const { file, pixels } of photos) {
      const report = await analyzer.analyze(pixels, basename(file), {
        settings,
        checkText: (text) => compiled.check(text),
        // Without --budget the CLI waits for every check: it holds back no upload.
        budgetMs: budgetMs ?? 10 * 60_000,
      });
      if (report.findings.some((finding) => finding.severity === 'block')) exitCode = EXIT.problems;
      streams.stdout.write(values.json ? `${JSON.stringify({ file, ...report })}\n` : describeReport(file, report));
    }
  } finally {
    await analyzer.stop();
  }
  return exitCode;
}

function describeReport(file: string, report: PhotoReport): string {
  const lines = [`${file}: ${report.findings.length === 0 ? 'nothing found' : `${report.findings.length} ${report.findings.length === 1 ? 'finding' : 'findings'}`}`];
  for (const finding of report.findings) {
    lines.push(`  ${finding.severity.padEnd(5)} ${finding.summary}`);
    if (finding.message) lines.push(`        ${finding.message}${finding.policyRef ? ` (${finding.policyRef})` : ''}`);
  }
  if (report.faces > 0) lines.push(`  people: ${report.faces} ${report.faces === 1 ? 'face' : 'faces'}`);
  for (const screen of report.screens) {
    const { x, y, width, height } = screen.box;
    lines.push(`  screen: ${screen.kind} ${screen.score.toFixed(2)} at ${x},${y} ${width}x${height}`);
  }
  if (report.text) lines.push(`  text: ${report.text.replace(/\s+/g, ' ').slice(0, 200)}`);
  if (report.unfinished.length) lines.push(`  did not finish: ${report.unfinished.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
