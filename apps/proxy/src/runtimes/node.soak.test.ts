import { readFile } from 'node:fs/promises';
import { type ProxyProcess, startProxy } from '@mdss-kit/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      UPSTREAM_NEW_IDS_PER_SECOND: '0',
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
    // RSS swings with garbage collection (by some 30 MiB with metrics and tracing on); what a
    // leak raises is the floor it falls back to. The floor of the last 15 s against the floor of
    // the 15 s before, both after the warm-up.
    const floor = (from: number, to: number) =>
      Math.min(...samples.filter((s) => s.at > from && s.at <= to).map((s) => s.rss));
    const middle = floor(WARM_UP_MS, WARM_UP_MS + MEASURED_MS / 2);
    const late = floor(WARM_UP_MS + MEASURED_MS / 2, WARM_UP_MS + MEASURED_MS);
    console.log(
      `soak: ${n} requests; RSS floor ${(middle / 2 ** 20).toFixed(1)} MiB after the warm-up, ` +
        `${(late / 2 ** 20).toFixed(1)} MiB in the last 15 s`,
    );
    // Allowance for GC timing, not for growth: a leak of a few hundred bytes a request would
    // raise the floor by 20 MiB or more over the 15 s between the two.
    expect(late).toBeLessThan(middle * 1.05 + 4 * 2 ** 20);
  });
});
