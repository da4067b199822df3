import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { denoBinary } from '@mdss-kit/test-support';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe } from 'vitest';
import { startContractWorker } from '../../test/contract-worker.ts';
import { cacheApiSubject } from './cache-api-contract-worker.ts';
import { storeContract } from './store-contract.ts';
import type { StoreCase } from './store-contract-cases.ts';

const handlerPath = fileURLToPath(new URL('./cache-api-contract-worker.ts', import.meta.url));

/** Runs a case on the host `ask` reaches: it answers 204, or 500 with the failure. */
const runCaseOn =
  (host: string, ask: (path: string) => Promise<{ status: number; text(): Promise<string> }>) =>
  async ({ name }: StoreCase) => {
    const answer = await ask(`/?case=${encodeURIComponent(name)}`);
    if (answer.status !== 204) throw new Error(`on ${host}: ${await answer.text()}`);
  };

describe('the Web Cache API store contract, on workerd', () => {
  let workerd: Miniflare | undefined;
  beforeAll(async () => {
    workerd = await startContractWorker(handlerPath);
  });
  afterAll(async () => {
    await workerd?.dispose();
  });

  storeContract(
    'cache-api on workerd',
    cacheApiSubject,
    runCaseOn('workerd', async (path) => {
      if (!workerd) throw new Error('workerd did not start');
      return workerd.dispatchFetch(`http://store-contract${path}`);
    }),
  );
});

describe('the Web Cache API store contract, on Deno', () => {
  let deno: ChildProcess | undefined;
  let origin = '';
  // Deno keeps its cache on disk in DENO_DIR: one of this run's own, so no earlier run's entries.
  let denoDir = '';
  beforeAll(async () => {
    denoDir = await mkdtemp(join(tmpdir(), 'mdss-proxy-store-contract-'));
    deno = spawn(denoBinary(), ['serve', '--host', '127.0.0.1', '--port', '0', handlerPath], {
      env: { PATH: process.env.PATH ?? '', DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const started = deno;
    origin = await new Promise<string>((resolve, reject) => {
      started.once('exit', (code) => reject(new Error(`deno serve exited with ${code}`)));
      createInterface({ input: started.stderr as NodeJS.ReadableStream }).on('line', (line) => {
        const url = /Listening on (http:\/\/\S+?)\/?$/.exec(line)?.[1];
        if (url) resolve(url);
      });
    });
  });
  afterAll(async () => {
    if (deno && deno.exitCode === null) {
      const exited = once(deno, 'exit');
      deno.kill('SIGTERM');
      await exited;
    }
    if (denoDir) await rm(denoDir, { recursive: true, force: true });
  });

  storeContract(
    'cache-api on Deno',
    cacheApiSubject,
    runCaseOn('Deno', (path) => fetch(origin + path)),
  );
});
