// Sums the machine-readable results in test-results/ (one line per file, on stdout) and ends with:
//   "N passed, N failed" (+ ", N skipped" when any were skipped).
// Reads every test-results/*-results.json, recognised by shape:
//   Vitest JSON      { numPassedTests, numFailedTests, numPendingTests, numTodoTests }
//   Playwright JSON  { stats: { expected, unexpected, flaky, skipped } }
//   anything else    { passed, failed, skipped }   (e.g. the lessons checker)
// Usage: node .ci/count-results.mjs [exitCodeOfTheRun]
// A non-zero exit code with no failed test counted (lint, typecheck or a build failed, or a suite
// could not load) still counts as 1 failed, so the failure shows in the totals.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'test-results';
const runExitCode = Number(process.argv[2] ?? 0);
const totals = { passed: 0, failed: 0, skipped: 0 };

const num = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function count(name, data) {
  if (data !== null && typeof data === 'object' && 'numPassedTests' in data) {
    return {
      passed: num(data.numPassedTests),
      failed: num(data.numFailedTests),
      skipped: num(data.numPendingTests) + num(data.numTodoTests),
    };
  }
  if (data !== null && typeof data === 'object' && data.stats && 'expected' in data.stats) {
    const { stats } = data;
    return {
      passed: num(stats.expected) + num(stats.flaky),
      failed: num(stats.unexpected),
      skipped: num(stats.skipped),
    };
  }
  if (data !== null && typeof data === 'object' && ('passed' in data || 'failed' in data)) {
    return { passed: num(data.passed), failed: num(data.failed), skipped: num(data.skipped) };
  }
  console.log(`count-results: ${name} has no recognised result shape; counted as 1 failed`);
  return { passed: 0, failed: 1, skipped: 0 };
}

let files = [];
try {
  files = readdirSync(dir)
    .filter((file) => file.endsWith('-results.json'))
    .sort();
} catch {
  // No test-results/ at all: nothing ran.
}

for (const file of files) {
  let counted;
  try {
    counted = count(file, JSON.parse(readFileSync(join(dir, file), 'utf8')));
  } catch (error) {
    console.log(`count-results: cannot read ${file}: ${String(error)}; counted as 1 failed`);
    counted = { passed: 0, failed: 1, skipped: 0 };
  }
  console.log(
    `count-results: ${file}: ${String(counted.passed)} passed, ${String(counted.failed)} failed, ${String(counted.skipped)} skipped`,
  );
  totals.passed += counted.passed;
  totals.failed += counted.failed;
  totals.skipped += counted.skipped;
}

if (runExitCode !== 0 && totals.failed === 0) totals.failed = 1;

let line = `${String(totals.passed)} passed, ${String(totals.failed)} failed`;
if (totals.skipped > 0) line += `, ${String(totals.skipped)} skipped`;
console.log(line);
