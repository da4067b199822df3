// A real Prometheus (Debian's /usr/bin/prometheus) on 127.0.0.1 scraping the given targets every
// half second, for tests that check the proxy's metrics the way a deployment reads them.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@mdss-kit/test-support';

export interface PrometheusServer {
  url: string;
  /** The instant value of a PromQL expression with one series, or undefined when it has none. */
  query(promql: string): Promise<number | undefined>;
  /** Waits until `promql` has a value that satisfies `wanted` (scrapes are periodic), or throws. */
  until(promql: string, wanted: (value: number) => boolean, timeoutMs?: number): Promise<number>;
  /** Every series whose name matches `pattern`, with all its labels. */
  series(pattern: string): Promise<Record<string, string>[]>;
  close(): Promise<void>;
}

/** A server that answers GET /metrics, and the bearer token Prometheus sends it, if any. */
export type Target = string | { url: string; bearer: string };

/** `targets`: job name → the server it scrapes. */
export async function startPrometheus(targets: Record<string, Target>): Promise<PrometheusServer> {
  const dir = await mkdtemp(join(tmpdir(), 'mdss-prometheus-'));
  const port = await freePort();
  const jobs = Object.entries(targets).map(([job, target]) => {
    const { url, bearer } =
      typeof target === 'string' ? { url: target, bearer: undefined } : target;
    const authorization = bearer
      ? `    authorization:\n      type: Bearer\n      credentials: '${bearer}'\n`
      : '';
    return `  - job_name: ${job}\n${authorization}    static_configs:\n      - targets: ['${new URL(url).host}']\n`;
  });
  const config = join(dir, 'prometheus.yml');
  await writeFile(
    config,
    `global:\n  scrape_interval: 500ms\n  scrape_timeout: 400ms\nscrape_configs:\n${jobs.join('')}`,
  );
  const child: ChildProcess = spawn(
    '/usr/bin/prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const url = `http://127.0.0.1:${port}`;

  async function api(path: string): Promise<unknown> {
    const response = await fetch(`${url}/api/v1/${path}`);
    const body = (await response.json()) as { status: string; data: unknown; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus: ${body.error}`);
    return body.data;
  }
  async function query(promql: string): Promise<number | undefined> {
    const data = (await api(`query?query=${encodeURIComponent(promql)}`)) as {
      result: { value: [number, string] }[];
    };
    if (data.result.length > 1) throw new Error(`${promql} has ${data.result.length} series`);
    const [first] = data.result;
    return first === undefined ? undefined : Number(first.value[1]);
  }

  const ready = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited: ${stderr}`);
    const answered = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (answered) break;
    if (Date.now() > ready) throw new Error(`prometheus did not get ready: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    query,
    async until(promql, wanted, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let last: number | undefined;
      for (;;) {
        last = await query(promql);
        if (last !== undefined && wanted(last)) return last;
        if (Date.now() > deadline) throw new Error(`${promql} is ${last} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async series(pattern) {
      const match = encodeURIComponent(`{__name__=~"${pattern}"}`);
      return (await api(`series?match[]=${match}`)) as Record<string, string>[];
    },
    async close() {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
