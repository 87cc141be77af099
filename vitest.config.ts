import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    globalSetup: ['./test/helpers/temporary-root.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // exifr's expected warning for HEIF items split into several extents (the tests' own fixtures).
    onConsoleLog: (log) => !log.includes('ILOC box has more than one extent'),
  },
});
