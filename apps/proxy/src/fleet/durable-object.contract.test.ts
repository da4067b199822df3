// The fleet contract (`fleet-contract-cases.ts`) on the FileCoordinator Durable Object, on real
// workerd through Miniflare: each case runs inside a Worker bound to the object's namespace.
import { fileURLToPath } from 'node:url';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe } from 'vitest';
import { startContractWorker } from '../../test/contract-worker.ts';
import { fleetContract } from './fleet-contract.ts';

const workerPath = fileURLToPath(new URL('./fleet-contract-worker.ts', import.meta.url));

describe('the fleet contract on the Durable Object, on workerd', () => {
  let workerd: Miniflare | undefined;
  beforeAll(async () => {
    workerd = await startContractWorker(workerPath, {
      durableObjects: { FILE_COORDINATOR: 'FileCoordinator' },
    });
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
