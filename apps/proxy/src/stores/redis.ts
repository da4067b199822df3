// A Redis store (a single server or a Cluster), for several proxy instances behind a load
// balancer; it also makes them one fleet (`fleet/redis.ts`). Redis going away never fails a
// request (`redis-connection.ts`): the request goes upstream.

import { createRedisFleet } from '../fleet/redis.ts';
import type { BreakerOptions } from './breaker.ts';
import { connectRedis, type StoreLog } from './redis-connection.ts';
import { createValueCodec, redisKey } from './redis-value.ts';
import { type CacheStore, UNREACHED } from './store.ts';

export type { StoreLog };

/** A key of another type under our prefix holds no entry of ours: a miss, not an outage. */
function wrongTypeAsMiss(error: unknown): null {
  if (error instanceof Error && error.message.startsWith('WRONGTYPE')) return null;
  throw error;
}

export interface RedisStoreOptions {
  /** One redis:// URL, or with `cluster` the seed nodes' URLs, comma-separated. */
  url: string;
  cluster?: boolean;
  /** A command (or the first connection) slower than this counts as failed. */
  timeoutMs: number;
  log: StoreLog;
  now?: () => number;
  /**
   * The largest body kept, in bytes (the proxy passes UPSTREAM_MAX_BYTES); a larger one is not
   * written, so it cannot push other entries out under Redis's `maxmemory`. Default: no limit.
   */
  maxEntryBytes?: number;
  /**
   * CACHE_KEY_SECRET, which also binds each value to its key (`redis-value.ts`); undefined: a
   * random one, and no other instance can read what this one writes.
   */
  secret?: string | undefined;
  /** When to stop asking a failing Redis, and for how long (`breaker.ts` has the defaults). */
  breaker?: BreakerOptions;
}

export function createRedisStore(options: RedisStoreOptions): CacheStore {
  const now = options.now ?? Date.now;
  const maxEntryBytes = options.maxEntryBytes ?? Number.POSITIVE_INFINITY;
  const connection = connectRedis(options);
  const codec = createValueCodec(options.secret);
  return {
    kind: 'redis',
    get available() {
      return connection.available;
    },
    fleet: createRedisFleet(connection, codec, options.timeoutMs),
    async get(key) {
      const fullKey = redisKey(key);
      const raw = await connection.guarded('get', (redis) =>
        redis.getBuffer(fullKey).catch(wrongTypeAsMiss),
      );
      if (raw === undefined) return UNREACHED;
      const entry = raw ? codec.decode(fullKey, raw) : undefined;
      // Redis's own expiry runs on its clock; the entry's keepUntil is checked on ours as well.
      return entry && entry.keepUntil > now() ? entry : undefined;
    },
    async set(key, entry) {
      const ttl = Math.ceil(entry.keepUntil - now());
      if (ttl <= 0 || entry.body.byteLength > maxEntryBytes) return;
      const fullKey = redisKey(key);
      await connection.guarded('set', (redis) =>
        redis.set(fullKey, codec.encode(fullKey, entry), 'PX', ttl),
      );
    },
    async delete(key) {
      await connection.guarded('delete', (redis) => redis.del(redisKey(key)));
    },
    async close() {
      connection.close();
    },
  };
}
