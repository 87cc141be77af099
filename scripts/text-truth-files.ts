/** Reads data/text/ for the training and evaluation scripts and the tests (Node only). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseTruth, TEXT_LANGUAGES, type LabelledSentence } from '../src/ml/text-truth';

export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

export function readTruth(): LabelledSentence[] {
  return TEXT_LANGUAGES.flatMap((language) => parseTruth(language, readFileSync(`${repositoryRoot}data/text/${language}.tsv`, 'utf8')));
}
