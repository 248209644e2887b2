#!/usr/bin/env node
/**
 * `npm test`: builds the app (the e2e suite drives the built renderer), runs every vitest project
 * in one run, and ends with one summary line counted from vitest's JSON report:
 *
 *   N passed, N failed[, N skipped]
 *
 * That line is always the last line printed, also when the build or the run crashes (then it reads
 * `0 passed, 1 failed` unless the report says more). The exit code is non-zero when anything failed.
 *
 *   node scripts/test-all.mjs [--no-build] [-- <extra vitest args, e.g. a file filter>]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = 'test-results/vitest.json';

const argv = process.argv.slice(2);
const dashDash = argv.indexOf('--');
const ownArgs = dashDash === -1 ? argv : argv.slice(0, dashDash);
const vitestExtra = dashDash === -1 ? [] : argv.slice(dashDash + 1);
const unknown = ownArgs.filter((a) => a !== '--no-build');
if (unknown.length)
  finish(
    { passed: 0, failed: 1, skipped: 0 },
    `test-all: unknown option ${unknown.join(' ')} (use --no-build, or -- <vitest args>)`,
  );

/** Runs a command with inherited stdio; resolves to its exit code (signals count as failure). */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`test-all: cannot start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Prints the summary as the very last line and exits. */
function finish({ passed, failed, skipped }, note) {
  if (note) console.error(note);
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 ? 1 : 0);
}

/**
 * Counts from vitest's JSON report (Jest's format). A test file that fails before any test runs
 * (syntax error, failing import, failing hook) has no failed assertion, so it counts as one failure.
 */
function countReport(report) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const file of report.testResults ?? []) {
    let failedHere = 0;
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'passed') passed++;
      else if (test.status === 'failed') failedHere++;
      else skipped++; // pending, skipped, todo, disabled
    }
    if (file.status === 'failed' && failedHere === 0) failedHere = 1;
    failed += failedHere;
  }
  return { passed, failed, skipped };
}

const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

if (!ownArgs.includes('--no-build')) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (!pkg.scripts?.build)
    finish(
      { passed: 0, failed: 1, skipped: 0 },
      'test-all: package.json has no "build" script, and the e2e suite needs the built app. Add it, or pass --no-build to test without e2e prerequisites.',
    );
  console.log('test-all: npm run build');
  const buildStart = Date.now();
  const code = await run('npm', ['run', 'build', '--silent']);
  if (code !== 0)
    finish(
      { passed: 0, failed: 1, skipped: 0 },
      `test-all: the build failed (exit ${code}) after ${seconds(buildStart)}; no tests were run.`,
    );
  console.log(`test-all: build done in ${seconds(buildStart)}`);
}

rmSync(path.join(root, REPORT), { force: true });
mkdirSync(path.join(root, path.dirname(REPORT)), { recursive: true });
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const code = await run(process.execPath, [
  vitest,
  'run',
  '--project',
  'unit',
  '--project',
  'integration',
  '--project',
  'cluster',
  '--project',
  'e2e',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${REPORT}`,
  ...vitestExtra,
]);

if (!existsSync(path.join(root, REPORT)))
  finish({ passed: 0, failed: 1, skipped: 0 }, `test-all: vitest exited ${code} without writing ${REPORT}: the run crashed.`);

let counts;
try {
  counts = countReport(JSON.parse(readFileSync(path.join(root, REPORT), 'utf8')));
} catch (error) {
  finish({ passed: 0, failed: 1, skipped: 0 }, `test-all: cannot read ${REPORT}: ${error.message}`);
}
// Vitest also fails a run for errors outside any test (unhandled rejections, a worker crash,
// no test files found); the report then shows nothing failed, so count the run itself.
if (code !== 0 && counts.failed === 0) {
  counts.failed = 1;
  console.error(`test-all: vitest exited ${code} although no test failed (unhandled error or crashed worker: see above).`);
}
console.error(`test-all: done in ${seconds(started)}`);
finish(counts);
