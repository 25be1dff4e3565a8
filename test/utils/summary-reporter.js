/**
 * Jest reporter that writes the run's totals to `.jest-summary.json`, so `.ci/run` can end
 * with the one line CI counts: `N passed, N failed`.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      suitesFailed: results.numFailedTestSuites,
    };
    require('node:fs').writeFileSync(require('node:path').join(process.cwd(), '.jest-summary.json'), JSON.stringify(summary));
  }
}
module.exports = SummaryReporter;
