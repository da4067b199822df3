// A real Redis Cluster of three masters on 127.0.0.1 (Debian's redis-server and redis-cli), for
// the fleet's tests: started on free ports, its slots split by `redis-cli --cluster create`, and
// stopped by the test that started it. A master can be stopped and started again (same port, same
// node id from its nodes.conf) to play a failure. Without replicas the stopped master's slots are
// down; `cluster-require-full-coverage no` keeps the other two answering theirs.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';

const run = promisify(execFile);

export interface RedisCluster {
  /** The seed nodes as REDIS_URL takes them with REDIS_CLUSTER: every master, comma-separated. */
  url: string;
  ports: number[];
  stopMaster(index: number): Promise<void>;
  startMaster(index: number): Promise<void>;
  stop(): Promise<void>;
}

async function clusterOk(port: number): Promise<boolean> {
  const info = await run('redis-cli', ['-p', String(port), 'cluster', 'info']).catch(() => ({
    stdout: '',
  }));
  return info.stdout.includes('cluster_state:ok');
}

/** Waits for `check`, within a deadline only a hang reaches on a busy machine. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`redis cluster: ${what} did not happen within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'mdss-redis-cluster-'));
  const ports = [await freePort(), await freePort(), await freePort()];
  const children: (ChildProcess | undefined)[] = [];

  async function startMaster(index: number) {
    const port = ports[index] as number;
    children[index] = spawn(
      'redis-server',
      [
        ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        ...['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`],
        ...['--cluster-node-timeout', '1000', '--cluster-require-full-coverage', 'no'],
        ...['--dir', dir],
      ],
      { stdio: 'ignore' },
    );
    await until(
      () =>
        run('redis-cli', ['-p', String(port), 'ping']).then(
          (ping) => ping.stdout.trim() === 'PONG',
          () => false,
        ),
      `redis-server on ${port} answering`,
    );
  }

  async function stopMaster(index: number) {
    const child = children[index];
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  await Promise.all(ports.map((_, index) => startMaster(index)));
  await run('redis-cli', [
    '--cluster',
    'create',
    ...ports.map((port) => `127.0.0.1:${port}`),
    '--cluster-replicas',
    '0',
    '--cluster-yes',
  ]);
  await until(
    async () => (await Promise.all(ports.map(clusterOk))).every(Boolean),
    'cluster_state:ok on every master',
  );
  return {
    url: ports.map((port) => `redis://127.0.0.1:${port}`).join(','),
    ports,
    stopMaster,
    async startMaster(index) {
      await startMaster(index);
      await until(() => clusterOk(ports[index] as number), 'the master rejoining');
    },
    async stop() {
      await Promise.all(ports.map((_, index) => stopMaster(index)));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
