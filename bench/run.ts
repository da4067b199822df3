// `pnpm bench`: starts everything on 127.0.0.1, measures side by side in one run, prints a table,
// writes bench/results/latest.json, and stops everything it started. Not part of `pnpm test`.
// `pnpm bench <section>…` runs only the sections named; each section is a module of sections/.
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { fmt } from './format.ts';
import { fleet } from './sections/fleet.ts';
import { floodSection } from './sections/flood.ts';
import { hits, observedHits } from './sections/hits.ts';
import { idleStreams } from './sections/idle-streams.ts';
import { limitCases } from './sections/limit-cases.ts';
import { memory } from './sections/memory.ts';
import { micro } from './sections/micro.ts';
import { missOverhead } from './sections/miss-overhead.ts';
import { coalescing } from './sections/misses.ts';
import { storm } from './sections/storm.ts';
import { runtimes } from './servers.ts';
import { stopAll } from './started.ts';

/** In the order they run; each returns the figures it adds to latest.json's `results`. */
const sections: Record<string, () => Promise<Record<string, unknown>>> = {
  hits,
  observedHits,
  missOverhead,
  coalescing,
  storm,
  fleet,
  idleStreams,
  memory,
  flood: floodSection,
  limitCases,
  micro,
};

async function main() {
  const results: Record<string, unknown> = {};
  // `pollingStorm` was the storm's name before it ran push beside polling.
  const only = process.argv.slice(2).map((name) => (name === 'pollingStorm' ? 'storm' : name));
  console.log(
    `mdss-kit bench — ${cpus().length} × ${cpus()[0]?.model}, ${fmt(totalmem() / 2 ** 30)} GiB, Node ${process.version}; runtimes: ${runtimes.join(', ')}`,
  );
  for (const [name, section] of Object.entries(sections)) {
    if (only.length === 0 || only.includes(name)) Object.assign(results, await section());
  }
  // latest.json is one whole run, side by side; a single section's figures stay on the screen.
  if (only.length > 0) {
    console.log('\npartial run: bench/results/latest.json left as it was');
    return;
  }
  const machine = {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    memoryGiB: totalmem() / 2 ** 30,
    node: process.version,
  };
  await writeFile(
    new URL('results/latest.json', import.meta.url),
    `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`,
  );
  console.log('\nwrote bench/results/latest.json');
}

try {
  await main();
} finally {
  await stopAll();
}
