// A fleet of proxies on one Redis and on a Redis Cluster, beside one proxy alone: a burst of
// misses for one (token, id) spread over them (the storm section runs the storms on a fleet).
import { startRedis, startRedisCluster } from '@mdss-kit/test-support';
import { coalesce } from '../burst.ts';
import { fmt } from '../format.ts';
import { type Running, startFleet, startProxy, startUpstream } from '../servers.ts';
import { stop, track, trackAll } from '../started.ts';

const UPSTREAM_MS = 100;

type Burst = Awaited<ReturnType<typeof coalesce>>;

function print(rows: Record<string, Burst>) {
  console.log(
    `
Fleet: 400 concurrent misses for one (token, id) spread over the proxies (upstream answers in ${UPSTREAM_MS} ms); one run, side by side`,
  );
  console.log(
    '| setup | upstream calls | slowest waiter over the upstream ms | same burst, all hits ms |\n|---|---:|---:|---:|',
  );
  for (const [name, b] of Object.entries(rows)) {
    console.log(
      `| ${name} | ${b.upstreamCalls} | ${fmt(b.slowestMs - UPSTREAM_MS, 1)} | ${fmt(b.hitBurstMs, 1)} |`,
    );
  }
}

/**
 * A fleet (issue 17): four Node proxies on one Redis, and on a Redis Cluster of three masters,
 * beside one proxy alone, in the same run: a burst of 400 misses for one (token, id) spread over
 * the proxies.
 */
export async function fleet() {
  const redis = await track(startRedis());
  const cluster = await track(startRedisCluster());
  const setups: [string, Record<string, string> | undefined][] = [
    ['1 proxy (memory store)', undefined],
    ['4 proxies, one Redis', { REDIS_URL: redis.url }],
    ['4 proxies, Redis Cluster (3 masters)', { REDIS_URL: cluster.url, REDIS_CLUSTER: 'true' }],
  ];
  const out: Record<string, Burst> = {};
  for (const [name, env] of setups) {
    const upstream = await track(startUpstream({ delayMs: UPSTREAM_MS }));
    const proxies: Running[] = env
      ? await trackAll(startFleet(upstream.url, env))
      : [await track(startProxy('node', upstream.url))];
    out[name] = await coalesce(
      proxies.map((p) => p.url),
      name,
      upstream,
      400,
    );
    for (const server of [...proxies, upstream]) await stop(server);
  }
  await stop(cluster);
  await stop(redis);
  print(out);
  return { fleet: { upstreamMs: UPSTREAM_MS, ...out } };
}
