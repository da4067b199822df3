// The builds a deployment runs: none carries MSW or the mock MDSS (demo mode belongs to the
// workspace), and Node's build is one file that plain `node` runs alone in an empty folder.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  nodeStartFlags,
  type RedisServer,
  runProxy,
  startProxy,
  startRedis,
} from '@mdss-kit/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractBody, ID, TOKEN_A } from '../../test/harness.ts';
import { startUpstream, type UpstreamServer } from '../../test/upstream-server.ts';

const appDir = fileURLToPath(new URL('../..', import.meta.url));
const builds = {
  node: 'dist/node/proxy.mjs',
  bun: 'dist/bun/proxy.js',
  deno: 'dist/deno/proxy.js',
  workers: 'dist/workers/workers.js',
} as const;

/** The V8 flags `pnpm start` gives Node: a deployment's as well. */
const startFlags = nodeStartFlags(appDir);

// Strings only these packages hold: MSW's log prefix, and the mock's scenario header.
const MSW_MARK = '[MSW]';
const MOCK_MARK = 'x-mdss-mock-scenario';

beforeAll(async () => {
  for (const runtime of Object.keys(builds)) {
    await promisify(execFile)('npm', ['run', '--silent', `build:${runtime}`], {
      cwd: appDir,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    });
  }
}, 120_000);

describe('deployment builds', () => {
  it.each(Object.entries(builds))(
    '%s: the build (%s) carries neither MSW nor the mock MDSS',
    async (_runtime, file) => {
      const code = await readFile(join(appDir, file), 'utf8');
      expect(code.length).toBeGreaterThan(10_000);
      expect(code).not.toContain(MSW_MARK);
      expect(code).not.toContain(MOCK_MARK);
    },
  );

  it('finds both marks in the same bundle built without leaving the mock out', async () => {
    const { stdout } = await promisify(execFile)(
      'node_modules/.bin/esbuild',
      ['src/runtimes/deno.ts', '--bundle', '--format=esm', '--platform=node'],
      { cwd: appDir, maxBuffer: 64 * 1024 * 1024 },
    );
    expect(stdout).toContain(MSW_MARK);
    expect(stdout).toContain(MOCK_MARK);
  });
});

describe('workers: the optional FILE_COORDINATOR block of wrangler.toml', () => {
  it('deploys (dry run) with the Durable Object bound once the block is uncommented', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'mdss-proxy-coordinator-toml-'));
    try {
      const toml = (await readFile(join(appDir, 'wrangler.toml'), 'utf8'))
        .replace(/^main = "(.*)"$/m, (_, main) => `main = "${join(appDir, main)}"`)
        .replace(
          /^# (\[\[durable_objects.*|name = "FILE.*|class_name.*|\[\[migrations.*|tag.*|new_sqlite.*)$/gm,
          '$1',
        );
      expect(toml).toMatch(/^\[\[durable_objects\.bindings\]\]$/m);
      await writeFile(join(folder, 'wrangler.toml'), toml);
      const { stdout } = await promisify(execFile)(
        join(appDir, 'node_modules/.bin/wrangler'),
        ['deploy', '--dry-run', '--outdir', join(folder, 'dist')],
        { cwd: folder, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
      );
      expect(stdout).toMatch(/env\.FILE_COORDINATOR \(FileCoordinator\)\s+Durable Object/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('node: the one-file build, copied alone into an empty folder', () => {
  let folder: string;
  let upstream: UpstreamServer;
  let redis: RedisServer;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'mdss-proxy-node-build-'));
    await copyFile(join(appDir, builds.node), join(folder, 'proxy.mjs'));
    upstream = await startUpstream();
    redis = await startRedis();
  });
  afterAll(async () => {
    await upstream?.close();
    await redis?.stop();
    await rm(folder, { recursive: true, force: true });
  });
  const alone = () => ({ command: [process.execPath, ...startFlags, 'proxy.mjs'], cwd: folder });

  it("runs with `pnpm start`'s V8 flags, as the README's deploy command does", () => {
    expect(startFlags).toContain('--single-threaded-gc');
    const deploy = /(?<=^|\s)node ((?:--\S+ )*)\/srv\/mdss-proxy\/proxy\.mjs$/m.exec(
      readFileSync(join(appDir, 'README.md'), 'utf8'),
    );
    expect(deploy?.[1]?.trim().split(' ')).toEqual(startFlags);
  });

  it('serves a miss, then a hit from Redis, on plain node', async () => {
    const proxy = await startProxy(
      { MDSS_URL: upstream.url, CACHE_STORE: 'redis', REDIS_URL: redis.url },
      alone(),
    );
    try {
      const headers = { authorization: `Bearer ${TOKEN_A}` };
      const miss = await fetch(`${proxy.url}/api/file/${ID}`, { headers });
      expect((await contractBody(miss, `/api/file/${ID}`)).id).toBe(ID);
      await expect
        .poll(async () => (await fetch(`${proxy.url}/api/file/${ID}`, { headers })).headers)
        .toSatisfy((h: Headers) => /^mdss-proxy; hit/.test(h.get('cache-status') ?? ''));
      expect(upstream.calls).toHaveLength(1);
      expect(proxy.lines[0]).toMatchObject({ msg: 'mdss-proxy listening', store: 'redis' });
    } finally {
      await proxy.stop();
    }
  });

  it('without MDSS_URL, stops at once and says to set it (no demo mode in a deployment)', async () => {
    const { child, stderr } = runProxy({}, alone());
    expect(await stderr).toContain('this build has no demo mode');
    expect(await stderr).toContain('set MDSS_URL');
    expect(child.exitCode).toBe(1);
  });
});
