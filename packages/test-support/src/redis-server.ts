// A real redis-server (Debian's, installed by .ci/run) on 127.0.0.1 for the Redis store tests,
// started on a free port and stopped by the test that started it; it can be stopped and started
// again on the same port to play an outage, or frozen (SIGSTOP) to play one that hangs.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { freePort } from './free-port.ts';

async function accepting(port: number): Promise<boolean> {
  const socket = connect(port, '127.0.0.1');
  try {
    await once(socket, 'connect');
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** SIGSTOP: connections stay open and nothing answers, as a hung or swapping Redis. */
  freeze(): void;
  /** SIGCONT: it answers again, the commands that waited first. */
  thaw(): void;
}

export async function startRedis(): Promise<RedisServer> {
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error(
      'redis-server is not installed: run `apt-get install -y redis-server` (.ci/run does)',
    );
  }
  const port = await freePort();
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn(
        'redis-server',
        [
          ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
          // DEBUG SLEEP makes a slow store for the timeout test.
          ...['--enable-debug-command', 'local'],
        ],
        { stdio: 'ignore' },
      );
      // A deadline only a hang reaches: a busy machine may start it slowly.
      const deadline = Date.now() + 30_000;
      while (!(await accepting(port))) {
        if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    freeze() {
      child?.kill('SIGSTOP');
    },
    thaw() {
      child?.kill('SIGCONT');
    },
    async stop() {
      if (!child || child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
  await server.start();
  return server;
}
