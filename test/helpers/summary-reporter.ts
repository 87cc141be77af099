import type { Reporter, TestModule } from 'vitest/node';

/** Ends the run with the reasons of self-skipped tests, then the plain "N passed, N failed, N skipped" line that CI reads. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const count = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      // A file that fails before its tests are collected counts as one failure, not as nothing.
      if (module.state() === 'failed' && module.errors().length > 0) count.failed++;
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed' || result.state === 'failed' || result.state === 'skipped') count[result.state]++;
        // A test that skips itself says why, and how to run it.
        if (result.state === 'skipped' && result.note) console.log(`skipped: ${test.fullName}: ${result.note}`);
      }
    }
    console.log(`${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
  }
}
