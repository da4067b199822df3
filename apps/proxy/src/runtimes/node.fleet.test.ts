import {
  type ProxyProcess,
  type RedisCluster,
  type RedisServer,
  startProxy,
  startRedis,
  startRedisCluster,
} from '@mdss-kit/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../../test/event-stream.ts';
import { contractBody, TOKEN_A, TOKEN_B } from '../../test/harness.ts';
import {
  type Answer,
  delayed,
  files,
  scanningFor,
  startUpstream,
  type UpstreamServer,
} from '../../test/upstream-server.ts';

// A fleet as deployed: four proxy processes (Node, as `pnpm start` runs it) behind a round-robin
// "load balancer" (this test), on one Redis or a Redis Cluster, in front of one counting
// upstream; and what each failure costs, played on the real processes.
const SECRET = 'the secret the whole fleet shares';

let upstream: UpstreamServer;
const stopping: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  upstream = await startUpstream();
});
afterEach(async () => {
  await Promise.all(stopping.splice(0).map((stop) => stop()));
  upstream.calls.length = 0;
  upstream.answer(files());
});
afterAll(async () => {
  await upstream?.close();
});

async function fleet(redisUrl: string, env: Record<string, string> = {}) {
  const proxies = await Promise.all(
    Array.from({ length: 4 }, () =>
      startProxy({
        MDSS_URL: upstream.url,
        CACHE_STORE: 'redis',
        REDIS_URL: redisUrl,
        CACHE_KEY_SECRET: SECRET,
        // Far above an answer's time on a busy machine: an upstream call, or a waiter's lease on
        // another instance's call (UPSTREAM_QUEUE_MS + UPSTREAM_TIMEOUT_MS + 1 s), never runs
        // out while the instance that holds it is alive.
        UPSTREAM_TIMEOUT_MS: '5000',
        UPSTREAM_QUEUE_MS: '500',
        // Redis is local and answers in well under a millisecond, but this machine's two cores
        // run four proxies, Redis and the load: a command must not count as failed for a pause.
        CACHE_STORE_TIMEOUT_MS: '2000',
        // While Redis (or a Cluster shard) is away every request of the load goes upstream, as
        // it should; the credential's budget would then answer 429, which is not what is tested.
        UPSTREAM_NEW_IDS_PER_SECOND: '0',
        ...env,
      }),
    ),
  );
  stopping.push(...proxies.map((proxy) => () => proxy.stop()));
  return proxies;
}

async function get(proxy: ProxyProcess, path: string, token = TOKEN_A) {
  const response = await fetch(`${proxy.url}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: await contractBody(response, path) };
}

const nth = <T>(list: T[], i: number): T => list[i % list.length] as T;

/** `count` requests for `path`, all at once, round robin over `proxies`. */
const burst = (proxies: ProxyProcess[], count: number, path: string, token = TOKEN_A) =>
  Promise.all(Array.from({ length: count }, (_, i) => get(nth(proxies, i), path, token)));

/** Every proxy has answered once from Redis: connected, as a fleet that has been up a while. */
async function warm(proxies: ProxyProcess[]) {
  await Promise.all(proxies.map((proxy, i) => get(proxy, `/api/file/warm-${i}`)));
  upstream.calls.length = 0;
}

/** Resolves once `n` more requests of the load have been answered. */
type Answered = (n: number) => Promise<void>;

/**
 * Four clients sending requests one after another, round robin, while `script` plays an outage;
 * every status, in order. The script paces itself on the load as well as on the clock:
 * `answered(n)` resolves once n more requests have been answered, so each phase of the outage
 * holds requests however slowly this machine runs.
 */
async function steadyLoad(
  proxies: ProxyProcess[],
  script: (answered: Answered) => Promise<unknown>,
) {
  let stopped = false;
  const statuses: number[] = [];
  let waiting: { until: number; resolve: () => void }[] = [];
  const answered: Answered = (n) =>
    new Promise((resolve) => waiting.push({ until: statuses.length + n, resolve }));
  const client = async (offset: number) => {
    for (let i = offset; !stopped; i += 4) {
      statuses.push((await get(nth(proxies, i), `/api/file/load-${i % 13}`)).status);
      for (const waiter of waiting) if (statuses.length >= waiter.until) waiter.resolve();
      waiting = waiting.filter((waiter) => statuses.length < waiter.until);
    }
  };
  const clients = Promise.all([0, 1, 2, 3].map(client));
  try {
    // A client that fails ends the test at once rather than leaving the script waiting.
    await Promise.race([script(answered), clients]);
  } finally {
    stopped = true;
  }
  await clients;
  return statuses;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** At least `ms` of the clock and `n` answers of the load, whichever comes later. */
const phase = (answered: Answered, ms: number, n: number) => Promise.all([pause(ms), answered(n)]);

// Four processes, Redis and the load share this machine's two cores with other work: a test
// here may take a while, and only a hang fails it.
const SLOW = { timeout: 180_000 };

describe('four proxy processes on one Redis', SLOW, () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  }, SLOW.timeout);
  afterAll(async () => {
    await redis?.stop();
  });

  it('fleet: 400 concurrent misses for one file over 4 processes make 1 upstream call', async () => {
    const proxies = await fleet(redis.url);
    await warm(proxies);
    upstream.answer(delayed(300, files()));
    const answers = await burst(proxies, 400, '/api/file/fleet-burst');
    // Every one a 200; a failure shows its problem (type, detail) here.
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(upstream.calls).toHaveLength(1);
    // Isolation whatever instance answers: another credential's burst is its own call and answer.
    const others = await burst(proxies, 40, '/api/file/fleet-burst', TOKEN_B);
    expect(new Set(others.map((a) => a.body.servedTo))).toEqual(new Set([`Bearer ${TOKEN_B}`]));
    expect(upstream.calls).toHaveLength(2);
  });

  it('fleet: the lease holder killed (SIGKILL) mid-fetch: every waiter answered, by one call that takes over', async () => {
    const proxies = await fleet(redis.url);
    await warm(proxies);
    const [holder, ...others] = proxies as [ProxyProcess, ...ProxyProcess[]];
    // The first call hangs (the holder dies with it); the one that takes over is answered.
    let first = true;
    const hangFirst: Answer = (call, res) => {
      if (!first) return files()(call, res);
      first = false;
    };
    upstream.answer(hangFirst);
    const held = get(holder, '/api/file/fleet-killed').catch((error: unknown) => error);
    await expect.poll(() => upstream.calls.length).toBe(1);
    const waiting = burst(others, 30, '/api/file/fleet-killed');
    await pause(200);
    process.kill(holder.pid, 'SIGKILL');
    const answers = await waiting;
    // Once the dead holder's lease ran out, one of the others asked in its place, for all.
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
    expect(upstream.calls).toHaveLength(2);
    expect(await held).toBeInstanceOf(Error);
  });

  it('fleet: Redis stopped in the middle of a load fails no request (each process coalesces alone)', async () => {
    const proxies = await fleet(redis.url);
    await warm(proxies);
    const statuses = await steadyLoad(proxies, async (answered) => {
      await phase(answered, 500, 20);
      await redis.stop();
      await phase(answered, 1000, 40);
      await redis.start();
      await phase(answered, 500, 20);
    });
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  });

  it('fleet: a Redis slower than its timeout (frozen) fails no request', async () => {
    const proxies = await fleet(redis.url, { CACHE_STORE_TIMEOUT_MS: '100' });
    await warm(proxies);
    const statuses = await steadyLoad(proxies, async (answered) => {
      await phase(answered, 300, 20);
      redis.freeze();
      await phase(answered, 1500, 40);
      redis.thaw();
      await phase(answered, 300, 20);
    });
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  });
});

describe('four proxy processes on a Redis Cluster of three masters', SLOW, () => {
  let cluster: RedisCluster;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, SLOW.timeout);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('fleet on a Cluster: 400 concurrent misses for one file make 1 upstream call', async () => {
    const proxies = await fleet(cluster.url, { REDIS_CLUSTER: 'true' });
    await warm(proxies);
    upstream.answer(delayed(300, files()));
    const answers = await burst(proxies, 400, '/api/file/cluster-burst');
    // Every one a 200; a failure shows its problem (type, detail) here.
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(upstream.calls).toHaveLength(1);
    // Answered from the Cluster afterwards, by every process.
    await burst(proxies, 8, '/api/file/cluster-burst');
    expect(upstream.calls).toHaveLength(1);
  });

  it('fleet on a Cluster: streams on four processes see the same events, from one poller', async () => {
    const proxies = await fleet(cluster.url, { REDIS_CLUSTER: 'true' });
    await warm(proxies);
    upstream.answer(scanningFor(3500));
    const streams = await Promise.all(
      proxies.map(async (proxy) =>
        readEvents(
          await fetch(`${proxy.url}/api/file/cluster-stream/events`, {
            headers: { authorization: `Bearer ${TOKEN_A}` },
          }),
        ),
      ),
    );
    await Promise.all(streams.map((stream) => stream.ended));
    const ids = streams.map((stream) => stream.events.map((event) => `${event.event} ${event.id}`));
    for (const seen of ids) {
      expect(seen.at(0)).toMatch(/^progress /);
      expect(seen.at(-1)).toMatch(/^done /);
      expect(seen).toEqual(ids[0]);
    }
    // One poller for four processes: about one call a second for 3.5 s (some 5, fewer on a busy
    // machine), where four pollers would make some 20.
    expect(upstream.calls.length).toBeLessThanOrEqual(10);
  });

  it('fleet on a Cluster: a master stopped in the middle of a load fails no request', async () => {
    const proxies = await fleet(cluster.url, { REDIS_CLUSTER: 'true' });
    await warm(proxies);
    const statuses = await steadyLoad(proxies, async (answered) => {
      await phase(answered, 500, 20);
      await cluster.stopMaster(1);
      await phase(answered, 1500, 40);
      await cluster.startMaster(1);
      await phase(answered, 300, 20);
    });
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  });
});
