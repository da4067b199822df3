// Sums the Vitest JSON reports that each package's `test` task writes (and turbo restores on a
// cache hit) into the one closing line CI reads: `N passed, N failed, N skipped`.
import { readdir, readFile } from 'node:fs/promises';

const totals = { passed: 0, failed: 0, skipped: 0 };
const missing = [];
// The workspace's packages one level down, and the mock's examples (a package inside a package).
const dirs = ['packages/mock/examples'];
for (const group of ['packages', 'apps']) {
  for (const name of await readdir(group).catch(() => [])) dirs.push(`${group}/${name}`);
}
for (const dir of dirs) {
  const manifest = JSON.parse(await readFile(`${dir}/package.json`, 'utf8'));
  if (!manifest.scripts?.test) continue;
  // One report per Vitest run of the package (the web app has a second, in the browser).
  const files = (await readdir(dir)).filter((file) => /^\.vitest-report.*\.json$/.test(file));
  if (files.length === 0) missing.push(manifest.name);
  for (const file of files) {
    const report = JSON.parse(await readFile(`${dir}/${file}`, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
  }
}
if (missing.length > 0) console.log(`no test report from: ${missing.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
