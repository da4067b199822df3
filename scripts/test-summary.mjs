// The one closing line CI reads: the tests of every suite summed, `N passed, N failed, N skipped
// in N suites`, naming each suite that did not report or failed outside its tests. A suite is a
// report file that a workspace package's scripts name: Vitest's JSON report (`.vitest-report…`)
// or Playwright's (`.playwright-report…`), written by the run or restored by turbo on a cache hit.
// `--clear` deletes them all, before a run: a report left by an earlier run never stands in for
// a suite that did not run this time. Exits non-zero unless every suite reported and passed.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

const REPORT = /\.(?:vitest|playwright)-report[\w.-]*\.json/g;

/** The workspace's package folders, from pnpm-workspace.yaml (`dir` and `dir/*` entries). */
async function packageDirs() {
  const yaml = await readFile('pnpm-workspace.yaml', 'utf8');
  const block = /^packages:\n((?:[ \t]+-.*\n?)+)/m.exec(yaml)?.[1] ?? '';
  const dirs = [];
  for (const [, pattern] of block.matchAll(/-\s*['"]?([^'"\n]+?)['"]?\s*$/gm)) {
    if (!pattern.endsWith('/*')) dirs.push(pattern);
    else {
      const parent = pattern.slice(0, -2);
      const entries = await readdir(parent, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) if (entry.isDirectory()) dirs.push(join(parent, entry.name));
    }
  }
  return dirs;
}

/** Each suite: the report a package script names, and a name for it (`@scope/pkg (browser)`). */
async function suites() {
  const found = [];
  for (const dir of await packageDirs()) {
    const manifest = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
    if (!manifest) continue;
    const { name, scripts = {} } = JSON.parse(manifest);
    for (const [script, command] of Object.entries(scripts)) {
      for (const [file] of command.matchAll(REPORT)) {
        const label = script === 'test' ? name : `${name} (${script.replace(/^test:/, '')})`;
        found.push({ label, path: join(dir, file), playwright: file.includes('playwright') });
      }
    }
  }
  return found;
}

/** The counts of one report, whichever runner wrote it. */
function counts(report, playwright) {
  if (playwright) {
    const { expected = 0, flaky = 0, unexpected = 0, skipped = 0 } = report.stats ?? {};
    // Playwright's own errors (a config that fails to load) come with no test at all.
    const ranAll = (report.errors ?? []).length === 0;
    return { passed: expected + flaky, failed: unexpected, skipped, ranAll };
  }
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
    // A test file that fails to load, or an error outside any test, fails the run with no test
    // failed.
    ranAll: report.success || report.numFailedTests > 0,
  };
}

const all = await suites();
if (process.argv.includes('--clear')) {
  await Promise.all(all.map(({ path }) => rm(path, { force: true })));
  process.exit(0);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const silent = [];
const broken = [];
for (const { label, path, playwright } of all) {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) {
    silent.push(label);
    continue;
  }
  const { passed, failed, skipped, ranAll } = counts(JSON.parse(text), playwright);
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  if (!ranAll) broken.push(label);
}

const notes = [];
if (silent.length > 0) notes.push(`no report from ${silent.join(', ')}`);
if (broken.length > 0) notes.push(`failed outside its tests: ${broken.join(', ')}`);
const reported = all.length - silent.length;
const suiteCount = reported === all.length ? `${all.length}` : `${reported} of ${all.length}`;
console.log(
  [
    `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped in ${suiteCount} suites`,
    ...notes,
  ].join('; '),
);
if (silent.length > 0 || broken.length > 0 || totals.failed > 0) process.exit(1);
