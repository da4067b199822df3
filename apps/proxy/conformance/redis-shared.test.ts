// One Redis behind proxies on Node, Bun and Deno, as several instances behind a load balancer
// would share it: what one instance stored, the others serve as hits, byte for byte, still per
// token. It proves the store runs on each runtime and that the value format and the key
// derivation agree across them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessRuntime } from '../test/proxy-process.ts';
import { type RedisServer, startRedis } from '../test/redis-server.ts';
import { files, startUpstream, type UpstreamServer } from '../test/upstream-server.ts';
import { processRuntime, type RunningProxy } from './runtimes.ts';

const runtimes: ProcessRuntime[] = ['node', 'bun', 'deno'];

describe('one Redis shared by proxies on node, bun and deno', () => {
  let redis: RedisServer;
  let upstream: UpstreamServer;
  const proxies = new Map<ProcessRuntime, RunningProxy>();
  beforeAll(async () => {
    redis = await startRedis();
    upstream = await startUpstream();
    upstream.answer(files());
    const env = {
      MDSS_URL: upstream.url,
      CACHE_STORE: 'redis',
      REDIS_URL: redis.url,
      CACHE_KEY_SECRET: 'one secret for every instance....',
    };
    for (const runtime of runtimes) proxies.set(runtime, await processRuntime(runtime)(env));
  }, 120_000);
  afterAll(async () => {
    for (const proxy of proxies.values()) await proxy.stop();
    await upstream?.close();
    await redis?.stop();
  });

  const get = (runtime: ProcessRuntime, id: string, token: string) =>
    fetch(`${proxies.get(runtime)?.url}/api/file/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it.each(runtimes)(
    '%s: a result it stored is a hit on the others, byte for byte, for the same token only',
    async (runtime) => {
      const id = `shared-${runtime}`;
      const first = await get(runtime, id, 'token-a');
      expect(first.headers.get('cache-status')).toMatch(/fwd=uri-miss; fwd-status=200; stored/);
      const bytes = Buffer.from(await first.arrayBuffer());
      for (const other of runtimes.filter((r) => r !== runtime)) {
        // The write to Redis happens after the first response: wait for it to land.
        await expect
          .poll(async () => (await get(other, id, 'token-a')).headers.get('cache-status'))
          .toMatch(/^mdss-proxy; hit/);
        const hit = await get(other, id, 'token-a');
        expect(
          Buffer.from(await hit.arrayBuffer()).equals(bytes),
          `${other} served other bytes`,
        ).toBe(true);
      }
      const otherToken = await get(runtimes.find((r) => r !== runtime) ?? runtime, id, 'token-b');
      expect(otherToken.headers.get('cache-status')).toMatch(/fwd=uri-miss/);
      expect(upstream.calls.filter((call) => call.path === `/api/file/${id}`)).toHaveLength(2);
    },
  );
});
