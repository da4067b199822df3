// The Redis fleet behind whole proxies (`createApp`), in this process, on one real Redis and one
// real upstream: what one instance does, the others see only through Redis. The port's own
// guarantees are the fleet contract's (`redis.contract.test.ts`) and `redis.test.ts`'s.

import { type RedisServer, startRedis } from '@mdss-kit/test-support';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../../test/event-stream.ts';
import { contractBody, TOKEN_A, TOKEN_B } from '../../test/harness.ts';
import {
  delayed,
  files,
  json,
  resultFor,
  scanningFor,
  startUpstream,
  type UpstreamServer,
} from '../../test/upstream-server.ts';
import { cacheKey, createKeyDeriver } from '../cache/key.ts';
import { parseConfig } from '../config.ts';
import { createApp } from '../http/app.ts';
import { createMetrics } from '../observe/metrics.ts';
import { createRedisStore } from '../stores/redis.ts';
import { connectRedis } from '../stores/redis-connection.ts';
import { createValueCodec, redisKey } from '../stores/redis-value.ts';
import { createRedisFleet } from './redis.ts';
import { HINTS } from './redis-hints.ts';

const SECRET = 'a secret shared by the fleet';

let redis: RedisServer;
let upstream: UpstreamServer;
const closing: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  [redis, upstream] = await Promise.all([startRedis(), startUpstream()]);
});
afterEach(async () => {
  await Promise.all(closing.splice(0).map((close) => close()));
  upstream.calls.length = 0;
  upstream.answer(files());
});
afterAll(async () => {
  await Promise.all([redis?.stop(), upstream?.close()]);
});

/**
 * An instance of the fleet. Its Redis commands time out after `storeTimeoutMs`: by default long
 * enough that a pause of this busy 2-core machine does not count as Redis failing.
 */
function instance(
  config: {
    cacheTtlSeconds?: number;
    storeTimeoutMs?: number;
    upstreamTimeoutMs?: number;
    notifySecret?: string;
  } = {},
) {
  const { storeTimeoutMs = 2000, ...rest } = config;
  const metrics = createMetrics({ processMetrics: false });
  const store = createRedisStore({
    url: redis.url,
    timeoutMs: storeTimeoutMs,
    log: () => {},
    secret: SECRET,
  });
  const app = createApp({
    config: {
      ...parseConfig({}),
      mdssUrl: upstream.url,
      cacheKeySecret: SECRET,
      upstreamTimeoutMs: 2000,
      ...rest,
    },
    store,
    log: () => {},
    observers: [metrics],
  });
  closing.push(async () => {
    await app.drain();
    await store.close();
  });
  return Object.assign(app, { store, metrics: () => metrics.registry.metrics() });
}

async function get(app: ReturnType<typeof instance>, path: string, token = TOKEN_A) {
  const response = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: response.status,
    cacheStatus: response.headers.get('cache-status') ?? '',
    body: await contractBody(response, path),
  };
}

/**
 * How long the upstream takes over the calls that others join: long enough that every request of
 * a burst has reached a flight (a Redis round trip or two) before its answer, on a busy machine.
 */
const HELD_MS = 1000;

/** The instance a request `i` goes to, round robin, as a load balancer sends them. */
const nth = <T>(list: T[], i: number): T => list[i % list.length] as T;

/** Until every instance answers a first request from Redis: connected, as in a warm fleet. */
async function warm(apps: ReturnType<typeof instance>[]) {
  await Promise.all(apps.map((app, i) => get(app, `/api/file/warm${i}`)));
  upstream.calls.length = 0;
}

describe('a fleet on one Redis: one upstream request per (credential, file)', () => {
  it('redis fleet: 400 concurrent misses spread over 4 instances make 1 upstream call', async () => {
    const apps = [instance(), instance(), instance(), instance()];
    await warm(apps);
    upstream.answer(delayed(HELD_MS, files()));
    const answers = await Promise.all(
      Array.from({ length: 400 }, (_, i) => get(nth(apps, i), '/api/file/fleet-400')),
    );
    expect(upstream.calls).toHaveLength(1);
    for (const { status, body } of answers) {
      expect(status).toBe(200);
      expect(body).toEqual(resultFor('fleet-400', `Bearer ${TOKEN_A}`));
    }
    // One answer asked the upstream; the others joined a flight, here or on another instance.
    const collapsed = answers.filter((a) => a.cacheStatus.includes('collapsed'));
    expect(collapsed).toHaveLength(399);
  });

  it('redis fleet: two credentials asking for one file get two calls, each its own answer', async () => {
    const apps = [instance(), instance()];
    await warm(apps);
    upstream.answer(delayed(HELD_MS, files()));
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const token = i % 3 === 0 ? TOKEN_B : TOKEN_A;
        return get(nth(apps, i), '/api/file/fleet-two-tokens', token).then((a) => ({
          ...a,
          token,
        }));
      }),
    );
    expect(upstream.calls).toHaveLength(2);
    for (const { status, body, token } of answers) {
      expect(status).toBe(200);
      expect(body.servedTo).toBe(`Bearer ${token}`);
    }
  });

  it("redis fleet: shares the upstream's 404 with every waiter, from one call", async () => {
    const apps = [instance(), instance(), instance()];
    await warm(apps);
    upstream.answer(delayed(HELD_MS, json(404, { gone: 'Not Found', err: 'nope' })));
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => get(nth(apps, i), '/api/file/gone')),
    );
    expect(upstream.calls).toHaveLength(1);
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(404));
  });

  it('redis fleet: an outage another instance met serves stale here at once, without waiting', async () => {
    const apps = [instance({ cacheTtlSeconds: 1 }), instance({ cacheTtlSeconds: 1 })];
    await warm(apps);
    await get(nth(apps, 0), '/api/file/fleet-outage');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    upstream.calls.length = 0;
    // Stale now; the upstream fails. Both instances' callers join one failed flight: stale.
    upstream.answer(delayed(HELD_MS, json(503, { err: 'down' })));
    const during = await Promise.all(
      [0, 1, 2, 3].map((i) => get(nth(apps, i), '/api/file/fleet-outage')),
    );
    expect(during.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(upstream.calls).toHaveLength(1);
    // The instance that only waited knows of the outage too: stale without asking (no fwd).
    const next = await get(nth(apps, 1), '/api/file/fleet-outage');
    expect(next.status).toBe(200);
    expect(next.cacheStatus).toMatch(/detail=stale-if-error/);
    expect(next.cacheStatus).not.toMatch(/fwd=/);
  });

  it('redis fleet: with Redis stopped, each instance coalesces its own callers and fails none', async () => {
    const apps = [instance(), instance(), instance(), instance()];
    await warm(apps);
    await redis.stop();
    try {
      upstream.answer(delayed(HELD_MS, files()));
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) => get(nth(apps, i), '/api/file/fleet-redis-down')),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(200).fill(200));
      expect(upstream.calls).toHaveLength(4);
    } finally {
      await redis.start();
    }
  });

  it('redis fleet: with Redis frozen past its timeout, answers every caller without it', async () => {
    const apps = [instance({ storeTimeoutMs: 300 }), instance({ storeTimeoutMs: 300 })];
    await warm(apps);
    redis.freeze();
    try {
      upstream.answer(delayed(50, files()));
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => get(nth(apps, i), '/api/file/fleet-redis-frozen')),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
      expect(upstream.calls.length).toBeGreaterThanOrEqual(1);
      expect(upstream.calls.length).toBeLessThanOrEqual(2);
    } finally {
      redis.thaw();
    }
  });
});

/** The Redis key of a (token, file) of the fleet, with `what` after it (`lease`, `watch`). */
async function keyOf(token: string, id: string, what: string) {
  return `${redisKey(cacheKey(await createKeyDeriver(SECRET)(token), id))}:${what}`;
}

describe('a fleet on one Redis: keys it did not seal', () => {
  it('redis fleet: a GET behind a forged lease (an hour long) is answered, by one upstream call', async () => {
    const apps = [instance(), instance()];
    await warm(apps);
    const raw = new Redis(redis.url);
    await raw.set(await keyOf(TOKEN_A, 'forged-lease', 'lease'), 'intruder', 'PX', 3_600_000);
    raw.disconnect();
    const answers = await Promise.all(apps.map((app) => get(app, '/api/file/forged-lease')));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(upstream.calls).toHaveLength(1);
  });

  it('redis fleet: a stream behind a forged watch claim (an hour long) sees every change, then done', async () => {
    const [app] = [instance()];
    await warm([app]);
    const raw = new Redis(redis.url);
    await raw.set(await keyOf(TOKEN_A, 'forged-watch', 'watch'), 'intruder', 'PX', 3_600_000);
    raw.disconnect();
    upstream.answer(scanningFor(2500));
    const stream = readEvents(
      await app.request('/api/file/forged-watch/events', {
        headers: { authorization: `Bearer ${TOKEN_A}` },
      }),
    );
    await stream.ended;
    expect(stream.events.at(0)?.event).toBe('progress');
    expect(stream.events.at(-1)?.event).toBe('done');
  });

  it('redis fleet: a poller cut off from Redis is replaced within an interval, not its upstream timeout', async () => {
    // An upstream timeout of ten minutes: a lead that outlived it would stall the stream below.
    const [cutOff, other] = [
      instance({ upstreamTimeoutMs: 600_000 }),
      instance({ upstreamTimeoutMs: 600_000 }),
    ];
    await warm([cutOff, other]);
    upstream.answer(scanningFor(4000));
    const open = (app: ReturnType<typeof instance>) =>
      app.request('/api/file/cut-off/events', { headers: { authorization: `Bearer ${TOKEN_A}` } });
    const first = readEvents(await open(cutOff));
    await first.until(1);
    const watchKey = await keyOf(TOKEN_A, 'cut-off', 'watch');
    const raw = new Redis(redis.url);
    closing.push(() => raw.disconnect());
    // The first instance polls for the fleet, then loses Redis: it still polls, heard by nobody.
    await expect.poll(() => raw.get(watchKey)).not.toBeNull();
    const leader = String(await raw.get(watchKey)).split(' ')[0];
    await cutOff.store.close();
    const second = readEvents(await open(other));
    await second.ended;
    expect(second.events.at(-1)?.event).toBe('done');
    // The other instance polls now.
    expect(String(await raw.get(watchKey)).split(' ')[0]).not.toBe(leader);
    await first.cancel();
  });
});

describe('a fleet on one Redis: one poller per watched file', () => {
  it('redis fleet: streams on two instances cost one poll per interval, and all see progress then done', async () => {
    const apps = [instance(), instance()];
    await warm(apps);
    upstream.answer(scanningFor(3500));
    const open = (app: ReturnType<typeof instance>) =>
      app.request('/api/file/fleet-stream/events', {
        headers: { authorization: `Bearer ${TOKEN_A}` },
      });
    const streams = (
      await Promise.all([open(nth(apps, 0)), open(nth(apps, 1)), open(nth(apps, 1))])
    ).map(readEvents);
    await Promise.all(streams.map((s) => s.ended));
    for (const stream of streams) {
      expect(stream.events.at(0)?.event).toBe('progress');
      expect(stream.events.at(-1)?.event).toBe('done');
    }
    // The same ids everywhere: a client may reconnect to any instance with Last-Event-ID.
    const [first, second] = streams.map((s) => s.events.map((e) => e.id));
    expect(second).toEqual(first);
    // One instance polled, once a second for 3.5 s: about 5 calls (fewer if this machine is
    // slow: a poll in progress, then one done at the least), not twice that.
    expect(upstream.calls.length).toBeGreaterThanOrEqual(2);
    expect(upstream.calls.length).toBeLessThanOrEqual(6);
    // A reconnect to the other instance after the final event: nothing more to say.
    const last = first?.at(-1) ?? '';
    const again = await nth(apps, 1).request('/api/file/fleet-stream/events', {
      headers: { authorization: `Bearer ${TOKEN_A}`, 'last-event-id': last },
    });
    expect(again.status).toBe(204);
  });
});

describe('a fleet on one Redis: MDSS notifies one instance', () => {
  const NOTIFY_SECRET = 'notify-secret-of-some-length';
  it("redis fleet: a notification to one instance ends another's stream, by one poll there, counted there as the fleet's", async () => {
    const [a, b] = [
      instance({ notifySecret: NOTIFY_SECRET }),
      instance({ notifySecret: NOTIFY_SECRET }),
    ];
    await warm([a, b]);
    // A seat that holds the file's lead for ten minutes and never polls: B's watch, once it has
    // something to show, leaves polling to it, so only a hint makes B poll again.
    const connection = connectRedis({ url: redis.url, timeoutMs: 2000, log: () => {} });
    closing.push(() => connection.close());
    const squatter = createRedisFleet(connection, createValueCodec(SECRET), 2000);
    const key = cacheKey(await createKeyDeriver(SECRET)(TOKEN_A), 'hinted');
    expect(await squatter.lead(key, 'squatter', 600_000)).toBe(true);
    upstream.answer(files(0));
    const stream = readEvents(
      await b.request('/api/file/hinted/events', {
        headers: { authorization: `Bearer ${TOKEN_A}` },
      }),
    );
    await stream.until(1);
    // Both instances hear the fleet's hints before MDSS speaks.
    const raw = new Redis(redis.url);
    closing.push(() => raw.disconnect());
    await expect
      .poll(async () => (await raw.call('PUBSUB', 'SHARDNUMSUB', HINTS)) as unknown[])
      .toEqual([HINTS, 2]);
    const polled = upstream.calls.length;
    upstream.answer(files(2));
    const notified = await a.request('/hooks/mdss', {
      method: 'POST',
      headers: { authorization: `Bearer ${NOTIFY_SECRET}` },
      body: JSON.stringify({ WebhookNotificationType: 'FileScanned', FileId: 'HINTED' }),
    });
    expect(notified.status).toBe(204);
    await stream.ended;
    expect(stream.events.map((e) => e.event)).toEqual(['progress', 'done']);
    expect(upstream.calls.length).toBe(polled + 1);
    // A received it (and had no watch of the file); B applied it to its watch, relayed by A.
    const [onA, onB] = await Promise.all([a.metrics(), b.metrics()]);
    expect(onA).toContain('mdss_proxy_notifications_total 1');
    expect(onA).toContain('mdss_proxy_notifications_applied_total{source="hook"} 0');
    expect(onA).toContain('mdss_proxy_notifications_applied_total{source="fleet"} 0');
    expect(onB).toContain('mdss_proxy_notifications_total 0');
    expect(onB).toContain('mdss_proxy_notifications_applied_total{source="hook"} 0');
    expect(onB).toContain('mdss_proxy_notifications_applied_total{source="fleet"} 1');
  });
});
