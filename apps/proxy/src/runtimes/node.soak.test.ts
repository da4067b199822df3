import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProxyProcess, startProxy } from '../../test/proxy-process.ts';
import { files, json, startUpstream, type UpstreamServer } from '../../test/upstream-server.ts';

const WARM_UP_MS = 15_000;
const MEASURED_MS = 30_000;

async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
}

describe('a bounded soak of the proxy process (mixed load, about 45 s)', () => {
  let upstream: UpstreamServer;
  let proxy: ProxyProcess;
  beforeAll(async () => {
    upstream = await startUpstream();
    upstream.answer((call, res) =>
      (call.path.includes('/err-')
        ? json(500, { err: 'down' })
        : files(call.path.endsWith('7') ? 0 : 2))(call, res),
    );
    // A small memory budget, so the LRU is full and evicting well before the warm-up ends; no
    // per-credential budget, so the cold misses keep reaching the upstream (and the store).
    proxy = await startProxy({
      MDSS_URL: upstream.url,
      CACHE_MAX_BYTES: String(512 * 1024),
      UPSTREAM_BUDGET_PER_SECOND: '0',
    });
  });
  afterAll(async () => {
    await proxy?.stop();
    await upstream?.close();
  });

  it('does not grow its RSS after warm-up', { timeout: 120_000 }, async () => {
    const started = Date.now();
    const samples: { at: number; rss: number }[] = [];
    const sampler = setInterval(async () => {
      samples.push({ at: Date.now() - started, rss: await rssBytes(proxy.pid) });
    }, 1000);
    const statuses = new Map<number, number>();
    let n = 0;
    const pathFor = (i: number) => {
      const kind = i % 20;
      if (kind < 12) return `/api/file/hot-${i % 25}`; // hits
      if (kind < 16) return `/api/file/cold-${i}`; // misses, evictions
      if (kind < 18) return `/api/file/hot-${i % 25}/summary`;
      if (kind < 19) return `/api/file/err-${i % 5}`; // upstream 500 -> 502
      return '/api/file/%2e%2e'; // bad input -> 400
    };
    const worker = async () => {
      while (Date.now() - started < WARM_UP_MS + MEASURED_MS) {
        const i = n++;
        const response = await fetch(proxy.url + pathFor(i), {
          headers: { authorization: `Bearer soak-${i % 4}` },
        });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    clearInterval(sampler);

    expect([...statuses.keys()].sort()).toEqual([200, 400, 502]);
    const warm = samples.filter((s) => s.at <= WARM_UP_MS).map((s) => s.rss);
    const late = samples.filter((s) => s.at > WARM_UP_MS + MEASURED_MS / 2).map((s) => s.rss);
    const warmPeak = Math.max(...warm);
    const latePeak = Math.max(...late);
    console.log(
      `soak: ${n} requests; RSS warm-up peak ${(warmPeak / 2 ** 20).toFixed(1)} MiB, ` +
        `last 15 s peak ${(latePeak / 2 ** 20).toFixed(1)} MiB`,
    );
    // Allowance for GC timing (heap pages come and go), not for growth: a leak of even a few
    // hundred bytes a request would add tens of MiB over this many requests.
    expect(latePeak).toBeLessThan(warmPeak * 1.1 + 4 * 2 ** 20);
  });
});
