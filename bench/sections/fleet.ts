// A fleet of proxies on one Redis and on a Redis Cluster, beside one proxy alone: a burst of
// misses and the storms spread over them.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startRedis, startRedisCluster } from '@mdss-kit/test-support';
import { coalesce } from '../burst.ts';
import { fmt } from '../format.ts';
import { type Running, startProxy, startUpstream } from '../servers.ts';
import { stop, track } from '../started.ts';
import { stormOf } from '../storm.ts';

const UPSTREAM_MS = 100;

type Row = {
  burstOf400: Awaited<ReturnType<typeof coalesce>>;
  pollingStorm: Awaited<ReturnType<typeof stormOf>>;
  pushStorm: Awaited<ReturnType<typeof stormOf>>;
};

/** Starts four Node proxies on a Redis store (`env` says which) in front of the upstream. */
const fourProxies =
  (env: Record<string, string>) =>
  (upstreamUrl: string): Promise<Running[]> =>
    Promise.all(
      Array.from({ length: 4 }, () =>
        track(
          startProxy('node', upstreamUrl, {
            CACHE_STORE: 'redis',
            CACHE_KEY_SECRET: 'the bench fleet shares this secret',
            ...env,
          }),
        ),
      ),
    );

function print(rows: Record<string, Row>) {
  console.log(
    `
Fleet: 400 concurrent misses for one (token, id) spread over the proxies (upstream answers in ${UPSTREAM_MS} ms), and the storms of the storm section spread over them; one run, side by side`,
  );
  console.log(
    '| setup | burst: upstream calls | slowest waiter over the upstream ms | same burst, all hits ms | polling storm: upstream requests | push storm: upstream requests | push: last client saw done, after the first done answer (ms) | failed |\n|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const [name, row] of Object.entries(rows)) {
    const { burstOf400: b, pollingStorm: p, pushStorm: q } = row;
    console.log(
      `| ${name} | ${b.upstreamCalls} | ${fmt(b.slowestMs - UPSTREAM_MS, 1)} | ${fmt(b.hitBurstMs, 1)} | ${fmt(p.upstreamRequests)} | ${fmt(q.upstreamRequests)} | ${fmt(q.lastSawAfterFirstDoneMs)} | ${p.failed + q.failed} |`,
    );
  }
}

/**
 * A fleet (issue 17): four Node proxies on one Redis, and on a Redis Cluster of three masters,
 * beside one proxy alone, in the same run: a burst of 400 misses for one (token, id) spread over
 * the proxies, and the polling and push storms spread over them.
 */
export async function fleet() {
  const redis = await track(startRedis());
  const cluster = await track(startRedisCluster());
  const setups = [
    ['1 proxy (memory store)', undefined],
    ['4 proxies, one Redis', fourProxies({ REDIS_URL: redis.url })],
    [
      '4 proxies, Redis Cluster (3 masters)',
      fourProxies({ REDIS_URL: cluster.url, REDIS_CLUSTER: 'true' }),
    ],
  ] as const;
  // Each storm starts from an empty Redis: the one before left its results cached there.
  const ports = [new URL(redis.url).port, ...cluster.ports.map(String)];
  const flush = () =>
    Promise.all(ports.map((port) => promisify(execFile)('redis-cli', ['-p', port, 'flushall'])));
  const out: Record<string, Row> = {};
  for (const [name, start] of setups) {
    const upstream = await track(startUpstream({ delayMs: UPSTREAM_MS }));
    const proxies = start
      ? await start(upstream.url)
      : [await track(startProxy('node', upstream.url))];
    const burstOf400 = await coalesce(
      proxies.map((p) => p.url),
      name,
      upstream,
      400,
    );
    for (const server of [...proxies, upstream]) await stop(server);
    await flush();
    const polling = await stormOf('polling', start);
    await flush();
    const push = await stormOf('push', start);
    out[name] = { burstOf400, pollingStorm: polling, pushStorm: push };
  }
  await stop(cluster);
  await stop(redis);
  print(out);
  return { fleet: { upstreamMs: UPSTREAM_MS, ...out } };
}
