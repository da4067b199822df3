// The processes a benchmark measures, each started on 127.0.0.1 and pinned to the server core,
// and stopped by whoever started them: the upstream alone, the proxy on each runtime and the
// floors under it, the bare forwarder and the least cache (nginx, the equivalent caching proxy,
// is in nginx.ts).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort, nodeStartFlags, proxyDir, runtimeCommands } from '@mdss-kit/test-support';
import { build } from 'esbuild';
import type { CompleteRequest, DoneAt } from './upstream.ts';

const execFileAsync = promisify(execFile);

export const SERVER_CORE = '0';
export const LOAD_CORE = '1';

export interface Running {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function accepting(port: number, child: ChildProcess, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    const socket = connect(port, '127.0.0.1');
    const ok = await once(socket, 'connect').then(
      () => true,
      () => false,
    );
    socket.destroy();
    if (ok) return;
    // 30 s: four proxies starting at once on a core other processes share can take that long.
    if (attempt > 600) {
      // Not left running: nobody would stop a server that never said it was up.
      child.kill('SIGTERM');
      throw new Error(`${name} did not listen on ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs `command` pinned to the server core until it accepts connections on `port`. */
export async function startPinned(
  name: string,
  command: string[],
  port: number,
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Running> {
  const child = spawn('taskset', ['-c', SERVER_CORE, ...command], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await accepting(port, child, name);
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The bench upstream (bench/upstream.ts) in its own process: on the load core by default, so the
 * server core is the measured server's alone; on the server core when it is what is measured.
 */
export async function startUpstream(
  options: { delayMs?: number; state?: 'done' | 'storm'; core?: string; bodyBytes?: number } = {},
) {
  const port = await freePort();
  const child = spawn(
    'taskset',
    [
      '-c',
      options.core ?? LOAD_CORE,
      process.execPath,
      '--import',
      'tsx',
      'upstream.ts',
      String(port),
    ],
    {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      env: {
        ...process.env,
        DELAY_MS: String(options.delayMs ?? 0),
        STATE: options.state ?? 'done',
        BODY_BYTES: String(options.bodyBytes ?? 0),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  await accepting(port, child, 'upstream');
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    pid: child.pid ?? 0,
    /** Upstream requests served so far. */
    async calls(): Promise<number> {
      return Number(await (await fetch(`${url}/calls`)).text());
    },
    /** The most file requests under way at once since the last call of this. */
    async peakInflight(): Promise<number> {
      return Number(await (await fetch(`${url}/peak`)).text());
    },
    /** A storm's schedule: each file turned done at its moment, and notified if it says where. */
    async complete(request: CompleteRequest): Promise<void> {
      await fetch(`${url}/complete`, { method: 'POST', body: JSON.stringify(request) });
    },
    /** When (Date.now()) each file of a storm turned done, and what became of its notifications. */
    async doneAt(): Promise<DoneAt> {
      return (await fetch(`${url}/done-at`)).json() as Promise<DoneAt>;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The deployment build's banner (apps/proxy `build:node`): `require` for CommonJS dependencies. */
const REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

let floorBundles = 0;

/**
 * `file` of bench/ bundled as the proxy's deployment build is (esbuild, one ES module): a floor
 * and the proxy then differ in their code, not in how it is loaded (tsx's transform wraps every
 * named closure in a `__name` call, and keeps each module a module of its own).
 */
async function floorBundle(file: string): Promise<string> {
  const outfile = join(tmpdir(), `mdss-bench-${process.pid}-${++floorBundles}-${file}.mjs`);
  await build({
    entryPoints: [fileURLToPath(new URL(file, import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: REQUIRE_BANNER },
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * A floor under the proxy (a script of bench/ run as `<bundle> <port>`), on the server core,
 * bundled and with the V8 flags as the proxy's deployment runs: what differs is their code.
 */
async function startFloor(name: string, file: string, env: Record<string, string>) {
  const port = await freePort();
  const bundle = await floorBundle(file);
  const command = [process.execPath, ...nodeStartFlags(), bundle, String(port)];
  // Loaded once the floor listens: the file is not needed after that.
  return startPinned(name, command, port, {
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    env,
  }).finally(() => rmSync(bundle, { force: true }));
}

/** The bare forwarder (bare-forwarder.ts); `reads`: each answer read whole and parsed first. */
export const startBareForwarder = (mdssUrl: string, reads = false): Promise<Running> =>
  startFloor('bare forwarder', 'bare-forwarder.ts', {
    MDSS_URL: mdssUrl,
    READS: reads ? '1' : '0',
  });

/** The least a cache of this API must do (least-cache.ts), in front of `mdssUrl`. */
export const startLeastCache = (mdssUrl: string): Promise<Running> =>
  startFloor('least cache', 'least-cache.ts', { MDSS_URL: mdssUrl });

/**
 * BENCH_BASELINE: the root of a second checkout (a git worktree of an earlier commit, installed),
 * whose proxy is measured beside this one's in the same run, so a change reports before and after.
 */
export const baselineProxyDir = process.env.BENCH_BASELINE
  ? resolve(process.env.BENCH_BASELINE, 'apps/proxy')
  : undefined;

export type Runtime = keyof typeof runtimeCommands;

/** Whether this checkout has the runtime's binary (installed with the proxy's devDependencies). */
export function hasRuntime(runtime: Runtime): boolean {
  return (
    runtime === 'node' || existsSync(resolve(proxyDir, runtimeCommands[runtime](proxyDir)[0] ?? ''))
  );
}

/** The runtimes this checkout can run the proxy on, in the order the tables list them. */
export const runtimes = (['node', 'bun', 'deno'] as Runtime[]).filter(hasRuntime);

const deploymentBuilds = new Map<string, Promise<string>>();

/** `dir`'s deployment build for Node, made by its own `build:node`, once per run. */
function deploymentBuild(dir: string): Promise<string> {
  let built = deploymentBuilds.get(dir);
  if (!built) {
    built = execFileAsync('pnpm', ['run', '--silent', 'build:node'], { cwd: dir }).then(() =>
      resolve(dir, 'dist/node/proxy.mjs'),
    );
    deploymentBuilds.set(dir, built);
  }
  return built;
}

/**
 * The proxy on `runtime`, from `dir` (apps/proxy, or BENCH_BASELINE's): from source as `pnpm
 * start` runs it, or on Node with `deployment`, its deployment build (one bundle, run with
 * `pnpm start`'s V8 flags, as the proxy's README deploys it). `nodeFlags` go to the binary before
 * its script: for flags NODE_OPTIONS does not take, such as --cpu-prof.
 */
export async function startProxy(
  runtime: Runtime,
  mdssUrl: string,
  env: Record<string, string> = {},
  {
    dir = proxyDir,
    nodeFlags = [],
    deployment = false,
  }: { dir?: string; nodeFlags?: string[]; deployment?: boolean } = {},
) {
  const port = await freePort();
  const [binary = '', ...args] =
    deployment && runtime === 'node'
      ? [process.execPath, ...nodeStartFlags(dir), await deploymentBuild(dir)]
      : runtimeCommands[runtime](dir);
  return startPinned(`proxy on ${runtime}`, [binary, ...nodeFlags, ...args], port, {
    cwd: dir,
    env: {
      MDSS_URL: mdssUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      DENO_NO_UPDATE_CHECK: '1',
      ...env,
    },
  });
}

/** The secret the fleet's proxies share (CACHE_KEY_SECRET): their seals and cache keys agree. */
const FLEET_SECRET = 'the bench fleet shares this secret';

/**
 * Four Node proxies in front of `mdssUrl` as one fleet, on the Redis store `env` names (with
 * whatever else it sets): one start each, for the caller to track.
 */
export function startFleet(mdssUrl: string, env: Record<string, string>): Promise<Running>[] {
  return Array.from({ length: 4 }, () =>
    startProxy('node', mdssUrl, { CACHE_STORE: 'redis', CACHE_KEY_SECRET: FLEET_SECRET, ...env }),
  );
}
