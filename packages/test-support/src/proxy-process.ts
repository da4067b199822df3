// The proxy as a real process on a real runtime (Node as `pnpm start` runs it, through tsx; Bun;
// Deno), for tests that need real HTTP, real start-up and real shutdown.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** apps/proxy, whose runtime entry files the process runs, from this package's place in the repo. */
export const proxyDir = fileURLToPath(new URL('../../../apps/proxy/', import.meta.url));

/**
 * The binary of the `deno` npm package. Its install script (which pnpm skips) would copy it from
 * the platform package; `runInstall` does the same on demand and says where it is.
 */
export function denoBinary(from: string = proxyDir): string {
  const install = createRequire(join(from, 'package.json'))('deno/install_api.cjs') as {
    runInstall(): string;
  };
  return install.runInstall();
}

/**
 * The V8 flags the proxy's `pnpm start` in `dir` gives Node (the proxy's README, Performance):
 * the ones production runs with. A start script of an older checkout that runs `tsx <file>`
 * gives none.
 */
export function nodeStartFlags(dir: string = proxyDir): string[] {
  const { scripts } = createRequire(join(dir, 'package.json'))('./package.json') as {
    scripts: { start: string };
  };
  const [binary, ...args] = scripts.start.split(' ');
  if (binary !== 'node' && binary !== 'tsx') {
    throw new Error(`${dir}: \`pnpm start\` does not run node: ${scripts.start}`);
  }
  return args.filter(
    (arg, i) => arg.startsWith('--') && arg !== '--import' && args[i - 1] !== '--import',
  );
}

/**
 * The command that runs the proxy on each process runtime, from `dir` (apps/proxy, or the same
 * folder of another checkout). The binaries are run directly, not through node_modules/.bin: those
 * shims start the binary as a child of their own, and stopping the shim would leave the server
 * running.
 */
export const runtimeCommands = {
  node: (dir: string = proxyDir) => [
    process.execPath,
    ...nodeStartFlags(dir),
    '--import',
    'tsx',
    'src/runtimes/node.ts',
  ],
  bun: () => ['node_modules/bun/bin/bun.exe', 'run', 'src/runtimes/bun.ts'],
  deno: (dir: string = proxyDir) => [
    denoBinary(dir),
    'run',
    '--allow-net',
    '--allow-env',
    '--allow-read',
    '--allow-sys',
    'src/runtimes/deno.ts',
  ],
} as const;

/** A runtime of `runtimeCommands`, or a command run in a folder of its own (a built bundle). */
export type ProcessRuntime = keyof typeof runtimeCommands | { command: string[]; cwd: string };

export interface ProxyProcess {
  url: string;
  /** Where the operations endpoints are served apart (OPS_PORT), if they are. */
  opsUrl: string | undefined;
  pid: number;
  /** Every JSON line the process printed so far. */
  lines: Record<string, unknown>[];
  stop(): Promise<number | null>;
}

export function runProxy(
  env: Record<string, string>,
  runtime: ProcessRuntime = 'node',
): {
  child: ChildProcess;
  stderr: Promise<string>;
} {
  const [command = '', ...args] =
    typeof runtime === 'string' ? runtimeCommands[runtime]() : runtime.command;
  const child = spawn(command, args, {
    cwd: typeof runtime === 'string' ? proxyDir : runtime.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DENO_NO_UPDATE_CHECK: '1',
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return { child, stderr: once(child, 'exit').then(() => stderr) };
}

/** Starts the proxy and resolves once it prints that it listens. */
export async function startProxy(
  env: Record<string, string>,
  runtime: ProcessRuntime = 'node',
): Promise<ProxyProcess> {
  const { child, stderr } = runProxy(env, runtime);
  const lines: Record<string, unknown>[] = [];
  const listening = new Promise<Record<string, unknown>>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
      const line = JSON.parse(text) as Record<string, unknown>;
      lines.push(line);
      if (line.msg === 'mdss-proxy listening') resolve(line);
    });
    child.once('exit', async (code) =>
      reject(new Error(`proxy exited with ${code}: ${await stderr}`)),
    );
  });
  const listened = await listening;
  let stopping = false;
  // A proxy that ends while a test still uses it says why in the test's output.
  child.once('exit', async (code, signal) => {
    if (!stopping) console.error(`proxy ${child.pid} ended (${code ?? signal}): ${await stderr}`);
  });
  return {
    url: listened.url as string,
    opsUrl: listened.opsUrl as string | undefined,
    pid: child.pid ?? 0,
    lines,
    async stop() {
      stopping = true;
      // Killed by a test (a signal), or exited: nothing left to stop.
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      return code as number | null;
    },
  };
}
