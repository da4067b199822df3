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
    // One report per Vitest run of the package (the web app has a second, in the browser).
    const files = (await readdir(`${group}/${name}`)).filter((file) =>
      /^\.vitest-report.*\.json$/.test(file),
    );
    if (files.length === 0) missing.push(manifest.name);
    for (const file of files) {
      const report = JSON.parse(await readFile(`${group}/${name}/${file}`, 'utf8'));
      totals.passed += report.numPassedTests;
      totals.failed += report.numFailedTests;
      totals.skipped += report.numPendingTests + report.numTodoTests;
    }
  }
}
if (missing.length > 0) console.log(`no test report from: ${missing.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
