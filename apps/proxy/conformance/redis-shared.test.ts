// One Redis behind proxies on Node, Bun and Deno, as several instances behind a load balancer
// would share it: what one instance stored, the others serve as hits, byte for byte, still per
// token. It proves the store runs on each runtime and that the value format and the key
// derivation agree across them.

import { type ProcessRuntime, type RedisServer, startRedis } from '@mdss-kit/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../test/event-stream.ts';
import { files, json, startUpstream, type UpstreamServer } from '../test/upstream-server.ts';
import { processRuntime, type RunningProxy } from './runtimes.ts';

const runtimes: ProcessRuntime[] = ['node', 'bun', 'deno'];

describe('one Redis shared by proxies on node, bun and deno', () => {
  let redis: RedisServer;
  let upstream: UpstreamServer;
  const proxies = new Map<ProcessRuntime, RunningProxy>();
  beforeAll(async () => {
    redis = await startRedis();
    upstream = await startUpstream();
    // `still-` files stay in progress, `gone-` files are unknown, the rest are done.
    upstream.answer((call, res) => {
      if (call.path.startsWith('/api/file/gone-'))
        return json(404, { err: 'Not Found' })(call, res);
      return files(call.path.startsWith('/api/file/still-') ? 0 : 2)(call, res);
    });
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

  const events = (runtime: ProcessRuntime, id: string, lastEventId?: string) =>
    fetch(`${proxies.get(runtime)?.url}/api/file/${id}/events`, {
      headers: {
        authorization: 'Bearer token-a',
        ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
      },
    });

  it.each(runtimes)(
    "%s: a stream's event id means the same on the others: the current summary's sends nothing, a final one 204",
    async (runtime) => {
      const others = runtimes.filter((r) => r !== runtime);
      const first = readEvents(await events(runtime, `still-${runtime}`));
      const [current] = await first.until(1);
      await first.cancel();
      const resumed = await Promise.all(
        others.map(async (other) =>
          readEvents(await events(other, `still-${runtime}`, current?.id)),
        ),
      );
      // Two polls' time on each: the summary did not change, so nothing is sent.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      for (const stream of resumed) {
        await stream.cancel();
        expect(stream.events).toEqual([]);
      }
      const done = readEvents(await events(runtime, `over-${runtime}`));
      await done.ended;
      const final = done.events.at(-1);
      expect(final?.event).toBe('done');
      for (const other of others) {
        expect((await events(other, `over-${runtime}`, final?.id)).status).toBe(204);
        // A final problem's id needs no look-up at all.
        expect((await events(other, `gone-${runtime}`, 'problem-404')).status).toBe(204);
      }
      expect(upstream.calls.filter((c) => c.path === `/api/file/gone-${runtime}`)).toHaveLength(0);
    },
  );
});
