// How the conformance suite starts the proxy on each runtime, over real HTTP on 127.0.0.1: Node,
// Bun and Deno as real processes, Workers on real workerd through Miniflare.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type ProcessRuntime, startProxy } from '@mdss-kit/test-support';
import { Miniflare } from 'miniflare';

export interface RunningProxy {
  url: string;
  /** Where the operations endpoints are served apart (OPS_PORT), if they are. */
  opsUrl?: string | undefined;
  /** The process, for a runtime that runs as one. */
  pid?: number;
  stop(): Promise<void>;
}

export type StartProxy = (env: Record<string, string>) => Promise<RunningProxy>;

const appDir = fileURLToPath(new URL('..', import.meta.url));

export const processRuntime =
  (runtime: ProcessRuntime, extra: Record<string, string> = {}): StartProxy =>
  async (env) => {
    const proxy = await startProxy({ ...extra, ...env }, runtime);
    return {
      url: proxy.url,
      opsUrl: proxy.opsUrl,
      pid: proxy.pid,
      stop: async () => void (await proxy.stop()),
    };
  };

/**
 * Deno with its Web Cache API store, in a DENO_DIR of its own: Deno keeps that cache on disk
 * across restarts, so a shared one would carry results from one test run into the next.
 */
export function denoRuntime(denoDir?: string): StartProxy {
  return async (env) => {
    const dir = denoDir ?? (await mkdtemp(join(tmpdir(), 'mdss-proxy-deno-')));
    const proxy = await processRuntime('deno', { CACHE_STORE: 'cache-api', DENO_DIR: dir })(env);
    return {
      url: proxy.url,
      opsUrl: proxy.opsUrl,
      ...(proxy.pid === undefined ? {} : { pid: proxy.pid }),
      async stop() {
        await proxy.stop();
        if (!denoDir) await rm(dir, { recursive: true, force: true });
      },
    };
  };
}

/** The Worker as wrangler bundles it for deployment. */
async function bundleWorker(): Promise<string> {
  const outdir = await mkdtemp(join(tmpdir(), 'mdss-proxy-worker-'));
  try {
    await promisify(execFile)(
      'node_modules/.bin/wrangler',
      ['deploy', '--dry-run', '--outdir', outdir],
      {
        cwd: appDir,
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      },
    );
    // Given as one module, source map comment removed: workerd refuses a module path that climbs
    // out of its directory, which the map's sources do.
    return (await readFile(join(outdir, 'workers.js'), 'utf8')).replace(
      /\n\/\/# sourceMappingURL=.*$/m,
      '',
    );
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

export interface WorkerFleet {
  /** One origin per isolate, each on its own port of 127.0.0.1. */
  urls: string[];
  stop(): Promise<void>;
}

export interface FleetOptions {
  isolates: number;
  /**
   * Binds FILE_COORDINATOR to the FileCoordinator class of the Worker itself (`'own'`), or of
   * another script given as module code (a coordinator that fails, for tests); none: unbound.
   */
  coordinator?: 'own' | { code: string } | undefined;
}

/**
 * The Worker on workerd through Miniflare: `isolates` copies of the bundle (each its own isolate
 * with its own port), all bound to one Durable Object namespace when `coordinator` says so.
 */
export async function startWorkerFleet(
  env: Record<string, string>,
  { isolates, coordinator }: FleetOptions,
): Promise<WorkerFleet> {
  const code = await bundleWorker();
  const names = Array.from({ length: isolates }, (_, i) => `proxy-${i}`);
  const scriptName = coordinator === 'own' ? names[0] : 'coordinator';
  const common = {
    compatibilityDate: '2026-04-26',
    // As wrangler.toml says; Miniflare is given the bundle, not the toml.
    compatibilityFlags: ['enable_request_signal'],
  };
  const mf = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    workers: [
      ...names.map((name) => ({
        ...common,
        name,
        modules: [{ type: 'ESModule' as const, path: 'workers.js', contents: code }],
        bindings: { CACHE_STORE: 'cache-api', ...env },
        ...(coordinator
          ? { durableObjects: { FILE_COORDINATOR: { className: 'FileCoordinator', scriptName } } }
          : {}),
        unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
      })),
      ...(typeof coordinator === 'object'
        ? [
            {
              ...common,
              name: 'coordinator',
              modules: [
                { type: 'ESModule' as const, path: 'coordinator.js', contents: coordinator.code },
              ],
            },
          ]
        : []),
    ],
  });
  await mf.ready;
  const urls = await Promise.all(
    names.map(async (name) => (await mf.unsafeGetDirectURL(name)).origin),
  );
  return { urls, stop: () => mf.dispose() };
}

const singleWorker =
  (coordinator: FleetOptions['coordinator']): StartProxy =>
  async (env) => {
    const fleet = await startWorkerFleet(env, { isolates: 1, coordinator });
    return { url: fleet.urls[0] ?? '', stop: fleet.stop };
  };

/** The Worker as wrangler bundles it for deployment, on workerd through Miniflare. */
export const workersRuntime: StartProxy = singleWorker(undefined);

/** The same, with the FILE_COORDINATOR binding: a fleet of one isolate. */
export const coordinatedWorkersRuntime: StartProxy = singleWorker('own');
