// Redis values bound to their key (v3): a value copied under another key, altered, or sealed
// with another secret is read as a miss; the key names the store key in its hash tag.
import type { Buffer } from 'node:buffer';
import { type RedisServer, startRedis } from '@mdss-kit/test-support';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keptEntry } from '../../test/kept-entry.ts';
import { createRedisStore } from './redis.ts';
import { redisKey as valueKey } from './redis-value.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const SECRET = 'a secret shared by the instances';

/** The part of `key` Redis Cluster hashes: between the first `{` and the next `}`, if not empty. */
function hashTag(key: string): string {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

describe('Redis values bound to their key (v3)', () => {
  const tokenA = 'a'.repeat(64);
  const tokenB = 'b'.repeat(64);
  let raw: Redis;
  let store: ReturnType<typeof createRedisStore>;
  beforeAll(() => {
    raw = new Redis(redis.url);
    store = createRedisStore({ url: redis.url, timeoutMs: 5000, log: () => {}, secret: SECRET });
  });
  afterAll(async () => {
    raw?.disconnect();
    await store?.close();
  });

  /** Stores an entry under `key` and hands back its value as Redis holds it. */
  async function stored(key: string): Promise<Buffer> {
    await store.set(key, keptEntry(Date.now() + 60_000));
    const value = await raw.getBuffer(valueKey(key));
    if (!value) throw new Error(`nothing under ${valueKey(key)}`);
    return value;
  }

  it("redis: reads a value copied under another credential's key as a miss", async () => {
    const value = await stored(`${tokenA}:copied`);
    await raw.set(valueKey(`${tokenB}:copied`), value, 'PX', 60_000);
    expect(await store.get(`${tokenA}:copied`)).toMatchObject({ etag: '"e"' });
    expect(await store.get(`${tokenB}:copied`)).toBeUndefined();
    expect(store.available).toBe(true);
  });

  it('redis: reads a value with one byte of its body flipped as a miss', async () => {
    const value = await stored(`${tokenA}:flipped`);
    const last = value.byteLength - 1;
    value[last] = (value[last] ?? 0) ^ 0x01;
    await raw.set(valueKey(`${tokenA}:flipped`), value, 'PX', 60_000);
    expect(await store.get(`${tokenA}:flipped`)).toBeUndefined();
    expect(store.available).toBe(true);
  });

  it('redis: reads a value written by a store with another secret as a miss', async () => {
    const other = createRedisStore({
      url: redis.url,
      timeoutMs: 5000,
      log: () => {},
      secret: 'another secret, another fleet',
    });
    const sameSecret = createRedisStore({
      url: redis.url,
      timeoutMs: 5000,
      log: () => {},
      secret: SECRET,
    });
    try {
      await other.set(`${tokenA}:other-secret`, keptEntry(Date.now() + 60_000));
      expect(await other.get(`${tokenA}:other-secret`)).toMatchObject({ etag: '"e"' });
      expect(await store.get(`${tokenA}:other-secret`)).toBeUndefined();
      await store.set(`${tokenA}:same-secret`, keptEntry(Date.now() + 60_000));
      expect(await sameSecret.get(`${tokenA}:same-secret`)).toMatchObject({ etag: '"e"' });
    } finally {
      await other.close();
      await sameSecret.close();
    }
  });

  it('redis: keys a value mdss-proxy:v3:{<store key>}, the whole store key in the hash tag', async () => {
    const ids = ['6564f3a2c1e4b9a1d2e3f405', 'odd}id{with-braces', 'pct}%7D'];
    for (const id of ids) await stored(`${tokenA}:${id}`);
    const keys: string[] = [];
    for await (const batch of raw.scanStream({ match: `mdss-proxy:v3:{${tokenA}:*`, count: 1000 }))
      keys.push(...(batch as string[]));
    const expected = ids.map((id) => valueKey(`${tokenA}:${id}`));
    expect(keys).toEqual(expect.arrayContaining(expected));
    for (const [i, key] of expected.entries()) {
      expect(key).toMatch(/^mdss-proxy:v3:\{[^}]+\}$/);
      // The tag is the store key, `}` and `%` percent-encoded so that it cannot end early.
      expect(decodeURIComponent(hashTag(key))).toBe(`${tokenA}:${ids[i]}`);
      // A later key about the same (credential, file) hashes to the same slot.
      expect(hashTag(`${key}:lease`)).toBe(hashTag(key));
    }
  });
});
