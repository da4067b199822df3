// Runs the named scripts of the package it is started in, one after another, each whatever the
// ones before it did, and fails if any failed: a failing Node suite never keeps the browser suite
// of the same package from running (and reporting). Usage, in a package's `test` script:
// `node ../../scripts/run-each.mjs test:node test:browser`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const { scripts = {} } = JSON.parse(readFileSync('package.json', 'utf8'));
const failed = [];
for (const name of process.argv.slice(2)) {
  const command = scripts[name];
  if (!command) {
    console.error(`run-each: no script ${name} in ${process.cwd()}/package.json`);
    failed.push(name);
    continue;
  }
  // Started by `pnpm run`, so the package's node_modules/.bin is on PATH already.
  console.log(`\n> ${name}: ${command}\n`);
  const { status, error } = spawnSync(command, { shell: true, stdio: 'inherit' });
  if (error || status !== 0) failed.push(name);
}
if (failed.length > 0) {
  console.error(`run-each: failed: ${failed.join(', ')}`);
  process.exit(1);
}
