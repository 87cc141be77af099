import type { PhotoCheck } from './photo-checks';

/**
 * The languages Tesseract reads, the first one tried first: Finnish and Swahili data read ä, ö and
 * their words, and English comes last because the other two read English letters well and most
 * words settle at the first try (measured on test/fixtures/photo-checks: 'fin+swa+eng' reads the
 * text images faster than 'eng+fin+swa', and faster than English alone, which turns ö into é).
 */
export const OCR_LANGUAGES = ['fin', 'swa', 'eng'] as const;

/**
 * The files under the extension's ml/ folder that each check loads (TF.js's wasm, shared by people
 * and screens, aside). The build writes their sizes to ml/sizes.json for the options page.
 */
export const MODEL_FILES: Readonly<Record<PhotoCheck, readonly string[]>> = {
  text: ['tesseract-worker.min.js', 'tesseract-core-simd-lstm.wasm.js', ...OCR_LANGUAGES.map((language) => `${language}.traineddata.gz`)],
  people: ['blazeface-back.json', 'blazeface-back.bin'],
  screens: ['centernet.json', 'centernet.bin'],
};

/** Written by the build next to the models: file name → bytes. */
export const SIZES_FILE = 'sizes.json';
