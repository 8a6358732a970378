#!/usr/bin/env node
// `npm test [-- vitest args]`: runs `vitest run` with the usual terminal output plus a JSON report, then
// prints one plain last line that CI can read: `N passed, M failed` (`, K skipped` when some were skipped
// or todo). Exits with vitest's exit code (1 if vitest crashed or wrote no report).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = join(root, '.vitest-results.json');

const require = createRequire(import.meta.url);
const vitestPkgPath = require.resolve('vitest/package.json');
const vitestBin = join(dirname(vitestPkgPath), JSON.parse(readFileSync(vitestPkgPath, 'utf8')).bin.vitest);

rmSync(resultsFile, { force: true });

const args = [
  vitestBin,
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${resultsFile}`,
  ...process.argv.slice(2),
];

const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });

// Ctrl-C reaches vitest through the terminal's process group; don't let it kill us before we report.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}

child.on('error', (err) => finish(null, `could not start vitest: ${err.message}`));
child.on('exit', (code, signal) => finish(code, signal ? `vitest was killed by ${signal}` : null));

let finished = false;

/**
 * @param {number | null} code vitest's exit code
 * @param {string | null} problem why vitest did not finish normally
 */
function finish(code, problem) {
  if (finished) return;
  finished = true;
  let exitCode = code ?? 1;

  const counts = problem ? null : readCounts();
  if (!counts) {
    console.log(problem ?? `vitest crashed: no results in ${resultsFile} (exit code ${code})`);
    console.log('0 passed, 1 failed');
    process.exit(exitCode === 0 ? 1 : exitCode);
  }

  let { passed, failed, skipped } = counts;
  if (exitCode !== 0 && failed === 0) {
    // No test failed, yet vitest failed: no test files matched, an unhandled error, a type error...
    console.log(`vitest exited with code ${exitCode} although no test failed (see the output above)`);
    failed = 1;
  } else if (exitCode === 0 && failed > 0) {
    exitCode = 1;
  }
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  process.exit(exitCode);
}

/** @returns {{ passed: number, failed: number, skipped: number } | null} */
function readCounts() {
  if (!existsSync(resultsFile)) return null;
  let report;
  try {
    report = JSON.parse(readFileSync(resultsFile, 'utf8'));
  } catch {
    return null;
  }
  if (typeof report?.numPassedTests !== 'number') return null;

  // A file that fails to load (syntax error, throwing import) has no failed test but a failed suite.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) =>
      file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;

  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}
