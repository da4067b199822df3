// The fleet contract (`fleet-contract-cases.ts`) on the FileCoordinator Durable Object, on real
// workerd through Miniflare: each case runs inside a Worker bound to the object's namespace.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe } from 'vitest';
import { fleetContract } from './fleet-contract.ts';

const workerPath = fileURLToPath(new URL('./fleet-contract-worker.ts', import.meta.url));

describe('the fleet contract on the Durable Object, on workerd', () => {
  let workerd: Miniflare | undefined;
  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [workerPath],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      external: ['node:*'],
      write: false,
      logLevel: 'warning',
    });
    workerd = new Miniflare({
      modules: [
        { type: 'ESModule', path: 'worker.js', contents: bundle.outputFiles[0]?.text ?? '' },
      ],
      compatibilityDate: '2026-04-26',
      // The cases assert with node:assert.
      compatibilityFlags: ['nodejs_compat'],
      durableObjects: { FILE_COORDINATOR: 'FileCoordinator' },
    });
    await workerd.ready;
  }, 60_000);
  afterAll(async () => {
    await workerd?.dispose();
  });

  fleetContract('durable object on workerd', undefined, async ({ name }) => {
    if (!workerd) throw new Error('workerd did not start');
    const answer = await workerd.dispatchFetch('http://fleet-contract/', {
      headers: { 'contract-case': name },
    });
    if (answer.status !== 204) throw new Error(`on workerd: ${await answer.text()}`);
  });
});
