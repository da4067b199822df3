// The Redis store: its contract, two instances sharing results per token, and outages of every
// kind (down, slow, frozen, a first connection never ready, a restart under load) that fail no
// request.
import { Buffer } from 'node:buffer';
import { once } from 'node:events';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { type RedisServer, startRedis } from '@mdss-kit/test-support';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, TOKEN_B } from '../../test/harness.ts';
import { keptEntry } from '../../test/kept-entry.ts';
import { json } from '../../test/upstream-server.ts';
import { createRedisStore } from './redis.ts';
import { redisKey } from './redis-value.ts';
import { UNREACHED } from './store.ts';
import { type MadeStore, storeContract } from './store-contract.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const valueKey = redisKey;
const SECRET = 'a secret shared by the instances';

describe('the Redis store contract', () => {
  interface MadeRedisStore extends MadeStore {
    /** A plain client, to put behind the store what it did not write. */
    raw: Redis;
  }
  storeContract<MadeRedisStore>('redis', {
    make: ({ now, maxEntryBytes }) => {
      const raw = new Redis(redis.url);
      return {
        // A timeout no cold connection on a busy machine reaches: no case here is about slowness.
        store: createRedisStore({
          url: redis.url,
          timeoutMs: 5000,
          log: () => {},
          now,
          maxEntryBytes,
        }),
        raw,
        close: async () => raw.disconnect(),
      };
    },
    // v2 kept the figures as a line of JSON and the body after it, with no MAC.
    putOlderFormat: async ({ raw }, key) => {
      const figures = {
        etag: '"e"',
        terminal: true,
        storedAt: 0,
        freshUntil: 9e15,
        keepUntil: 9e15,
      };
      await raw.set(valueKey(key), `${JSON.stringify(figures)}\n{"id":"a"}`);
    },
    putGarbage: [
      async ({ raw }, key) => void (await raw.set(valueKey(key), '{"etag":1}\n{}')),
      async ({ raw }, key) => void (await raw.set(valueKey(key), '{"etag":"e","keepUntil":')),
      async ({ raw }, key) => void (await raw.set(valueKey(key), Buffer.from([0xff, 0x0a, 0]))),
      async ({ raw }, key) => void (await raw.rpush(valueKey(key), 'a list, not a string')),
    ],
    cutOff: async () => {
      await redis.stop();
      return () => redis.start();
    },
  });
});

/** Sets `key` until the store holds it: connected and answering, whatever a cold start takes. */
async function holding(store: ReturnType<typeof createRedisStore>, key: string): Promise<void> {
  await expect
    .poll(async () => {
      await store.set(key, keptEntry(Date.now() + 60_000));
      return store.get(key);
    })
    .toMatchObject({ etag: '"e"' });
}

/** What `work` settles to within the current turn of the event loop, or `later`. */
function withinThisTurn<T>(work: T | Promise<T>): Promise<{ settled: T } | 'later'> {
  const nextTurn = new Promise<'later'>((resolve) => setImmediate(() => resolve('later')));
  return Promise.race([Promise.resolve(work).then((settled) => ({ settled })), nextTurn]);
}

describe('the Redis store', () => {
  it('redis: shares results between two proxy instances, still per token', async () => {
    const stores: ReturnType<typeof createRedisStore>[] = [];
    const redisStore = (now: () => number) => {
      const store = createRedisStore({
        url: redis.url,
        timeoutMs: 500,
        log: () => {},
        now,
        secret: SECRET,
      });
      stores.push(store);
      return store;
    };
    const one = await startHarness({ store: redisStore });
    // Same CACHE_KEY_SECRET (the harness's), as instances behind one load balancer must share.
    const two = await startHarness({ store: redisStore });
    try {
      two.upstream.answer(json(500, { err: 'instance two must not call its upstream' }));
      await one.get('/api/file/shared-1');
      await expect
        .poll(async () => (await two.get('/api/file/shared-1')).headers.get('cache-status'))
        .toMatch(/hit/);
      expect(one.upstream.calls).toHaveLength(1);
      expect(two.upstream.calls).toHaveLength(0);
      // Another token finds nothing of token A's: it goes to its own upstream (here failing).
      expect((await two.get('/api/file/shared-1', { token: TOKEN_B })).status).toBe(502);
      expect(two.upstream.calls).toHaveLength(1);
    } finally {
      await one.close();
      await two.close();
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('redis: never fails a request while it is down, logs the outage once, and recovers', async () => {
    // Down is refused at once; a timeout a busy machine could reach would log outages of its own.
    const h = await startHarness({
      store: (now) =>
        createRedisStore({ url: redis.url, timeoutMs: 5000, log: (l) => h.logs.push(l), now }),
    });
    try {
      await h.get('/api/file/before');
      await expect
        .poll(async () => (await h.get('/api/file/before')).headers.get('cache-status'))
        .toMatch(/hit/);

      await redis.stop();
      for (let i = 0; i < 5; i++) {
        const { status, headers } = await h.get(`/api/file/during-${i % 2}`);
        expect(status).toBe(200);
        expect(headers.get('cache-status')).toMatch(/fwd=uri-miss/);
      }
      const outages = h.logs.filter(
        (l) => 'msg' in l && l.msg === 'cache store unavailable; requests go to the upstream',
      );
      expect(outages).toHaveLength(1);
      expect((await h.get('/healthz', { token: null })).body.store).toEqual({
        kind: 'redis',
        available: false,
      });

      await redis.start();
      await expect
        .poll(async () => (await h.get('/api/file/after')).headers.get('cache-status'), {
          timeout: 10_000,
          interval: 100,
        })
        .toMatch(/hit/);
      expect(h.logs.filter((l) => 'msg' in l && l.msg === 'cache store recovered')).toHaveLength(1);
    } finally {
      await h.close();
    }
  });

  it('redis: treats an answer slower than its timeout as a miss', async () => {
    const lines: Record<string, unknown>[] = [];
    const store = createRedisStore({ url: redis.url, timeoutMs: 200, log: (l) => lines.push(l) });
    const admin = new Redis(redis.url);
    try {
      // Connected and answering first (a cold connection on a busy machine may take longer
      // than the timeout), so the only slowness left is the server's.
      await holding(store, 'slow');
      lines.length = 0;
      // Slowness made real, not simulated: from the moment it has said OK, the server holds
      // every client's commands (CLIENT UNPAUSE's too) for 5 s, 25 times the store's timeout.
      await admin.call('CLIENT', 'PAUSE', '5000', 'ALL');
      expect(await store.get('slow')).toBe(UNREACHED);
      expect(lines[0]).toMatchObject({ store: 'redis', operation: 'get' });
      // Answered once the pause is over: the next test finds Redis answering.
      await admin.ping();
    } finally {
      admin.disconnect();
      await store.close();
    }
  });

  it('redis: frozen (SIGSTOP), stops waiting its timeout after three failures, and recovers on SIGCONT', async () => {
    const lines: Record<string, unknown>[] = [];
    // The breaker's clock is the test's: its cool-down ends when the test says, not when a busy
    // machine gets round to it.
    const breaker = { ms: 0 };
    const store = createRedisStore({
      url: redis.url,
      timeoutMs: 300,
      log: (l) => lines.push(l),
      breaker: { now: () => breaker.ms },
    });
    try {
      await holding(store, 'frozen');
      redis.freeze();
      try {
        // Each of the first three waits out the timeout, and opens the breaker.
        for (let i = 0; i < 3; i++) expect(await store.get('frozen')).toBe(UNREACHED);
        expect(store.available).toBe(false);
        // Then a call is answered without asking Redis: before any timer or socket could
        // answer it, within the turn of the event loop it was made in.
        for (let i = 0; i < 20; i++) {
          expect(await withinThisTurn(store.get('frozen'))).toEqual({ settled: UNREACHED });
        }
      } finally {
        redis.thaw();
      }
      // The cool-down over, the next call probes, finds it answering again: hits come back.
      breaker.ms += 60_000;
      await expect
        .poll(() => store.get('frozen'), { timeout: 10_000, interval: 100 })
        .toMatchObject({ etag: '"e"' });
      expect(store.available).toBe(true);
      expect(lines.map((l) => l.msg)).toEqual([
        'cache store unavailable; requests go to the upstream',
        'cache store recovered',
      ]);
    } finally {
      redis.thaw();
      await store.close();
    }
  });

  it("redis: frozen, charges no token's budget for the misses it causes: a polling client is never answered 429", async () => {
    const h = await startHarness({
      // Two upstream calls, and the test's clock never refills them.
      config: { upstreamNewIdsBurst: 2, upstreamNewIdsPerSecond: 1 },
      store: (now) => createRedisStore({ url: redis.url, timeoutMs: 200, log: () => {}, now }),
    });
    const answered = async (path: string) => {
      const answer = await h.get(path);
      // Its store write done: what the next request reads is what Redis holds.
      await h.app.drain();
      return answer;
    };
    try {
      await expect
        .poll(async () => (await answered('/api/file/polled')).headers.get('cache-status'))
        .toMatch(/hit/);
      const before = h.upstream.calls.length;
      redis.freeze();
      try {
        const statuses = new Set<number>();
        for (let i = 0; i < 8; i++) statuses.add((await answered('/api/file/polled')).status);
        expect([...statuses]).toEqual([200]);
        // More misses than the budget had left (at most one): each one went upstream uncharged.
        expect(h.upstream.calls.length - before).toBeGreaterThanOrEqual(2);
      } finally {
        redis.thaw();
      }
      // Once the store answers again, misses are charged again.
      await expect
        .poll(async () => (await answered('/api/file/polled')).headers.get('cache-status'), {
          timeout: 10_000,
          interval: 100,
        })
        .toMatch(/hit/);
      const after = [];
      for (const id of ['other-1', 'other-2', 'other-3']) {
        after.push((await answered(`/api/file/${id}`)).status);
      }
      expect(after).toContain(429);
    } finally {
      redis.thaw();
      await h.close();
    }
  });

  it('redis: gives up on a first connection that never gets ready, within its timeout', async () => {
    // A server that accepts the connection and never answers: ioredis's ready check waits forever.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket)).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as AddressInfo;
    const lines: Record<string, unknown>[] = [];
    const store = createRedisStore({
      url: `redis://127.0.0.1:${port}`,
      timeoutMs: 200,
      log: (l) => lines.push(l),
    });
    try {
      expect(await store.get('k')).toBe(UNREACHED);
      await store.set('k', keptEntry(Date.now() + 60_000));
      expect(store.available).toBe(false);
      expect(lines).toEqual([
        expect.objectContaining({
          store: 'redis',
          operation: 'get',
          error: expect.stringMatching(/timeout/),
        }),
      ]);
    } finally {
      await store.close();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

describe('Redis stopped and restarted in the middle of a load', () => {
  it('redis: fails no request because of it', async () => {
    const h = await startHarness({
      store: (now) =>
        createRedisStore({ url: redis.url, timeoutMs: 200, log: (l) => h.logs.push(l), now }),
    });
    try {
      const statuses: number[] = [];
      let sent = 0;
      const worker = async (w: number) => {
        while (sent < 600) {
          const n = sent++;
          if (n === 150) await redis.stop();
          if (n === 400) await redis.start();
          const path = `/api/file/load-${(n * 7 + w) % 40}${n % 3 === 0 ? '/summary' : ''}`;
          statuses.push((await h.get(path, { token: `token-${w % 4}` })).status);
        }
      };
      await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
      expect(statuses).toHaveLength(600);
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
