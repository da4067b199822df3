// Sums the Vitest JSON reports that each package's `test` task writes (and turbo restores on a
// cache hit) into the one closing line CI reads: `N passed, N failed, N skipped`.
import { readdir, readFile } from 'node:fs/promises';

const totals = { passed: 0, failed: 0, skipped: 0 };
const missing = [];
for (const group of ['packages', 'apps']) {
  const names = await readdir(group).catch(() => []);
  for (const name of names) {
    const manifest = JSON.parse(await readFile(`${group}/${name}/package.json`, 'utf8'));
    if (!manifest.scripts?.test) continue;
    const report = await readFile(`${group}/${name}/.vitest-report.json`, 'utf8').catch(() => null);
    if (report === null) {
      missing.push(manifest.name);
      continue;
    }
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(report);
    totals.passed += numPassedTests;
    totals.failed += numFailedTests;
    totals.skipped += numPendingTests + numTodoTests;
  }
}
if (missing.length > 0) console.log(`no test report from: ${missing.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
