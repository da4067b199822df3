// The proxy as a real process (`tsx src/runtimes/node.ts`, what `pnpm start` runs), for tests
// that need real HTTP, real start-up and real shutdown.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const appDir = fileURLToPath(new URL('..', import.meta.url));

export interface ProxyProcess {
  url: string;
  pid: number;
  /** Every JSON line the process printed so far. */
  lines: Record<string, unknown>[];
  stop(): Promise<number | null>;
}

export function runProxy(env: Record<string, string>): {
  child: ChildProcess;
  stderr: Promise<string>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/runtimes/node.ts'], {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return { child, stderr: once(child, 'exit').then(() => stderr) };
}

/** Starts the proxy and resolves once it prints that it listens. */
export async function startProxy(env: Record<string, string>): Promise<ProxyProcess> {
  const { child, stderr } = runProxy(env);
  const lines: Record<string, unknown>[] = [];
  const listening = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
      const line = JSON.parse(text) as Record<string, unknown>;
      lines.push(line);
      if (line.msg === 'mdss-proxy listening') resolve(line.url as string);
    });
    child.once('exit', async (code) =>
      reject(new Error(`proxy exited with ${code}: ${await stderr}`)),
    );
  });
  const url = await listening;
  return {
    url,
    pid: child.pid ?? 0,
    lines,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      return code as number | null;
    },
  };
}
