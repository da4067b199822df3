// How the conformance suite starts the proxy on each runtime, over real HTTP on 127.0.0.1: Node,
// Bun and Deno as real processes, Workers on real workerd through Miniflare.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Miniflare } from 'miniflare';
import { type ProcessRuntime, startProxy } from '../test/proxy-process.ts';

export interface RunningProxy {
  url: string;
  stop(): Promise<void>;
}

export type StartProxy = (env: Record<string, string>) => Promise<RunningProxy>;

const appDir = fileURLToPath(new URL('..', import.meta.url));

export const processRuntime =
  (runtime: ProcessRuntime, extra: Record<string, string> = {}): StartProxy =>
  async (env) => {
    const proxy = await startProxy({ ...extra, ...env }, runtime);
    return { url: proxy.url, stop: async () => void (await proxy.stop()) };
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
      async stop() {
        await proxy.stop();
        if (!denoDir) await rm(dir, { recursive: true, force: true });
      },
    };
  };
}

/** The Worker as wrangler bundles it for deployment, on workerd through Miniflare. */
export const workersRuntime: StartProxy = async (env) => {
  const outdir = await mkdtemp(join(tmpdir(), 'mdss-proxy-worker-'));
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
  const code = (await readFile(join(outdir, 'workers.js'), 'utf8')).replace(
    /\n\/\/# sourceMappingURL=.*$/m,
    '',
  );
  const mf = new Miniflare({
    modules: [{ type: 'ESModule', path: 'workers.js', contents: code }],
    compatibilityDate: '2026-04-26',
    // As wrangler.toml says; Miniflare is given the bundle, not the toml.
    compatibilityFlags: ['enable_request_signal'],
    bindings: { CACHE_STORE: 'cache-api', ...env },
    host: '127.0.0.1',
    port: 0,
  });
  const url = (await mf.ready).origin;
  return {
    url,
    async stop() {
      await mf.dispose();
      await rm(outdir, { recursive: true, force: true });
    },
  };
};
