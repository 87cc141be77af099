import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePhoto, nodeAnalyzerFiles } from '../../src/ml/node';
import { PhotoAnalyzer, type PhotoReport } from '../../src/ml/photo-checks';
import { parsePack } from '../../src/packs/parse';
import { compilePack } from '../../src/policy/engine';

/** Runs the photo checks over test/fixtures/photo-checks and scores them against photos.json. */

export const FIXTURES = fileURLToPath(new URL('../fixtures/photo-checks/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACKS = ['assets/demo-pack.json', 'test/fixtures/photo-checks/codenames-fi-sw.json'];

interface Label {
  readonly file: string;
  readonly language?: string;
  readonly codename: string | null;
  readonly faces: number | { readonly min: number };
  readonly screens: boolean | null;
  /** For images with screens: a screen (monitor, projection, phone) or a document (book, paper). */
  readonly inView?: 'screen' | 'document';
}

export interface Scores {
  /** Share of codename images whose codename the text check reported. */
  readonly textRecall: number;
  /** Share of images with a text finding where the finding is the labelled codename. */
  readonly textPrecision: number;
  readonly textRecallByLanguage: Record<string, number>;
  /** Per labelled codename (as written in the image: 'Revontulen', 'Jäätikön', ...). */
  readonly textRecallByCodename: Record<string, number>;
  /** Share of images with faces where at least one was found. */
  readonly faceRecall: number;
  /** Share of images with a face finding that do show faces. */
  readonly facePrecision: number;
  /** Images without people where a face was reported. */
  readonly faceFalsePositives: readonly string[];
  /** Images with an exact (or at-least) face count. */
  readonly faceCountAccuracy: number;
  /** Images labelled without screens where a screen was reported. */
  readonly screenFalsePositives: readonly string[];
  /** Share of images with a screen or document in view where the screen check reported one. */
  readonly screenRecall: number;
  /** The same for screens and for documents alone. */
  readonly screenRecallByView: Record<'screen' | 'document', number>;
  /** Share of images with a screen finding that do show a screen or document. */
  readonly screenPrecision: number;
  readonly reports: readonly { readonly label: Label; readonly report: PhotoReport; readonly ms: number }[];
}

export async function evaluate(budgetMs = 60_000): Promise<Scores> {
  const labels = (JSON.parse(readFileSync(join(FIXTURES, 'photos.json'), 'utf8')) as { photos: Label[] }).photos;
  // The demo pack's English codenames, and Finnish (inflected, with ä and ö) and Swahili ones.
  const packs = PACKS.map((file) => {
    const parsed = parsePack(JSON.parse(readFileSync(join(ROOT, file), 'utf8')));
    if (!parsed.ok) throw new Error(`${file} does not parse`);
    return compilePack(parsed.pack);
  });
  const analyzer = new PhotoAnalyzer(nodeAnalyzerFiles(join(ROOT, 'public/ml')));
  await analyzer.warm();
  const reports: { label: Label; report: PhotoReport; ms: number }[] = [];
  try {
    for (const label of labels) {
      const pixels = await decodePhoto(new Uint8Array(readFileSync(join(FIXTURES, label.file))));
      if (!pixels) throw new Error(`${label.file} does not decode`);
      const started = performance.now();
      const report = await analyzer.analyze(pixels, label.file, {
        settings: { checks: new Set(['text', 'people', 'screens']), severity: { people: 'info', screens: 'warn' } },
        checkText: (text) => packs.flatMap((pack) => pack.check(text)),
        budgetMs,
      });
      reports.push({ label, report, ms: performance.now() - started });
    }
  } finally {
    await analyzer.stop();
  }
  const ratio = (hits: number, total: number) => (total === 0 ? 1 : hits / total);
  const foundCodename = ({ label, report }: (typeof reports)[number]) =>
    label.codename !== null && report.findings.some((finding) => finding.check === 'text' && finding.summary.toLowerCase().includes(label.codename!.toLowerCase()));
  const withCodename = reports.filter((entry) => entry.label.codename !== null);
  const withText = reports.filter((entry) => entry.report.findings.some((finding) => finding.check === 'text'));
  const textRecallByLanguage: Record<string, number> = {};
  for (const language of ['en', 'fi', 'sw']) {
    const ofLanguage = withCodename.filter((entry) => entry.label.language === language);
    textRecallByLanguage[language] = ratio(ofLanguage.filter(foundCodename).length, ofLanguage.length);
  }
  const textRecallByCodename: Record<string, number> = {};
  for (const codename of new Set(withCodename.map((entry) => entry.label.codename!))) {
    const ofCodename = withCodename.filter((entry) => entry.label.codename === codename);
    textRecallByCodename[codename] = ratio(ofCodename.filter(foundCodename).length, ofCodename.length);
  }
  const expectedFaces = (label: Label) => (typeof label.faces === 'number' ? label.faces : label.faces.min);
  const withFaces = reports.filter((entry) => expectedFaces(entry.label) > 0);
  const reportedFaces = reports.filter((entry) => entry.report.faces > 0);
  const withScreens = reports.filter((entry) => entry.label.screens === true);
  const reportedScreens = reports.filter((entry) => entry.label.screens !== null && entry.report.screens.length > 0);
  const screenRecallOf = (of: readonly (typeof reports)[number][]) => ratio(of.filter((entry) => entry.report.screens.length > 0).length, of.length);
  return {
    textRecall: ratio(withCodename.filter(foundCodename).length, withCodename.length),
    textPrecision: ratio(withText.filter(foundCodename).length, withText.length),
    textRecallByLanguage,
    textRecallByCodename,
    faceRecall: ratio(withFaces.filter((entry) => entry.report.faces > 0).length, withFaces.length),
    facePrecision: ratio(reportedFaces.filter((entry) => expectedFaces(entry.label) > 0).length, reportedFaces.length),
    faceFalsePositives: reports.filter((entry) => expectedFaces(entry.label) === 0 && entry.report.faces > 0).map((entry) => entry.label.file),
    faceCountAccuracy: ratio(
      reports.filter(({ label, report }) => (typeof label.faces === 'number' ? report.faces === label.faces : report.faces >= label.faces.min)).length,
      reports.length,
    ),
    screenFalsePositives: reports.filter((entry) => entry.label.screens === false && entry.report.screens.length > 0).map((entry) => entry.label.file),
    screenRecall: screenRecallOf(withScreens),
    screenRecallByView: {
      screen: screenRecallOf(withScreens.filter((entry) => entry.label.inView === 'screen')),
      document: screenRecallOf(withScreens.filter((entry) => entry.label.inView === 'document')),
    },
    screenPrecision: ratio(reportedScreens.filter((entry) => entry.label.screens === true).length, reportedScreens.length),
    reports,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const scores = await evaluate();
  for (const { label, report, ms } of scores.reports) {
    console.log(
      `${label.file.padEnd(32)} ${String(Math.round(ms)).padStart(6)} ms  faces ${report.faces}/${JSON.stringify(label.faces)}  screens ${report.screens.map((s) => `${s.kind}:${s.score.toFixed(2)}`).join(',') || '-'}  text ${report.findings.filter((f) => f.check === 'text').map((f) => f.summary.split(': ')[1]).join(', ') || '-'}  ${JSON.stringify(report.timings)}`,
    );
  }
  const { reports: _reports, ...summary } = scores;
  console.log(JSON.stringify(summary, null, 2));
}
