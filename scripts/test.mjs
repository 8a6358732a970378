#!/usr/bin/env node
// `npm test [-- vitest args]`: first makes sure what the tests need besides node_modules is there
// (Chromium, DejaVu fonts, redis-server: installed with apt-get when we are root or have passwordless
// sudo, else one line says what to install; see prerequisites.mjs), then runs `vitest run` with the
// usual terminal output plus a JSON report, then prints one plain last line that CI can read:
// `N passed, M failed` (`, K skipped` when some were skipped or todo). Exits with vitest's exit code
// (1 if vitest crashed or wrote no report).
//
// `npm test -- --setup-only`: only the first step (exit code 1 when something is still missing).
// CCSIM_TEST_INSTALL=0: never install, only say what is missing.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePrerequisites } from './prerequisites.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// CCSIM_TEST_RESULTS_FILE: elsewhere (a test that runs this script must not clobber its caller's report).
const resultsFile = process.env.CCSIM_TEST_RESULTS_FILE ?? join(root, '.vitest-results.json');

const require = createRequire(import.meta.url);
const vitestPkgPath = require.resolve('vitest/package.json');
const vitestBin = join(dirname(vitestPkgPath), JSON.parse(readFileSync(vitestPkgPath, 'utf8')).bin.vitest);

const setupOnly = process.argv.includes('--setup-only');
const prerequisites = ensurePrerequisites({ install: process.env.CCSIM_TEST_INSTALL !== '0' });
if (setupOnly) process.exit(prerequisites.missing.length > 0 ? 1 : 0);

rmSync(resultsFile, { force: true });

const args = [
  vitestBin,
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${resultsFile}`,
  ...process.argv.slice(2),
];

const child = spawn(process.execPath, args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ...prerequisites.env },
});

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

  // A file that fails to load (syntax error, throwing import) or to set up (a beforeAll that throws:
  // a missing prerequisite) has no failed test but a failed suite; its tests did not run.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) =>
      file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  );
  for (const file of brokenFiles) {
    const notRun = (file.assertionResults ?? []).filter((test) => test.status !== 'passed').length;
    console.log(
      `${relative(root, file.name)}: failed to load or set up${notRun > 0 ? `, so its ${notRun} tests did not run` : ''} (see above)`,
    );
  }

  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles.length,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}
