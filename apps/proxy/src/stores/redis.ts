// A Redis store, for several proxy instances behind a load balancer. Redis going away must never
// fail a request: commands fail fast while it is down (no offline queue), slow ones time out, and
// either way the request goes upstream; one line is logged per outage, one when it recovers.
// A Redis that hangs (frozen, swapping) would cost every request the whole timeout: after a few
// consecutive failures a circuit breaker (`breaker.ts`) stops asking it for a cool-down.
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { BreakerOpenError, type BreakerOptions, createBreaker } from './breaker.ts';
import { createValueCodec, redisKey } from './redis-value.ts';
import type { CacheStore } from './store.ts';

/** Where the store reports an outage and its end, one event line each. */
export type StoreLog = (line: {
  level: 'info' | 'warn';
  msg: string;
  [field: string]: unknown;
}) => void;

/** A key of another type under our prefix holds no entry of ours: a miss, not an outage. */
function wrongTypeAsMiss(error: unknown): null {
  if (error instanceof Error && error.message.startsWith('WRONGTYPE')) return null;
  throw error;
}

/** What went wrong, for the outage's log line: an abandoned wait says why (its timeout). */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.name === 'AbortError' && error.cause instanceof Error
    ? error.cause.message
    : error.message;
}

export interface RedisStoreOptions {
  url: string;
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
  const redis = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.timeoutMs,
    connectTimeout: Math.max(options.timeoutMs, 1000),
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
  const codec = createValueCodec(options.secret);
  const breaker = createBreaker(options.breaker);
  let available = true;
  // ioredis reports each failed reconnect as an 'error' event; the outage is logged once below.
  redis.on('error', () => {});
  // Without an offline queue a command fails at once while Redis is away, which is what an
  // outage wants; only the very first connection is worth waiting for, within the same budget.
  let everReady = false;
  redis.once('ready', () => {
    everReady = true;
  });

  async function guarded<T>(operation: string, work: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await breaker.call(async () => {
        if (!everReady) {
          await once(redis, 'ready', { signal: AbortSignal.timeout(options.timeoutMs) });
        }
        return work();
      });
      if (!available) {
        available = true;
        options.log({ level: 'info', msg: 'cache store recovered', store: 'redis' });
      }
      return result;
    } catch (error) {
      // Refused by the open breaker: the outage that opened it is already logged.
      if (error instanceof BreakerOpenError) return undefined;
      if (available) {
        available = false;
        options.log({
          level: 'warn',
          msg: 'cache store unavailable; requests go to the upstream',
          store: 'redis',
          operation,
          error: reason(error),
        });
      }
      return undefined;
    }
  }

  return {
    kind: 'redis',
    get available() {
      return available && !breaker.open;
    },
    async get(key) {
      const fullKey = redisKey(key);
      const raw = await guarded('get', () => redis.getBuffer(fullKey).catch(wrongTypeAsMiss));
      const entry = raw ? codec.decode(fullKey, raw) : undefined;
      // Redis's own expiry runs on its clock; the entry's keepUntil is checked on ours as well.
      return entry && entry.keepUntil > now() ? entry : undefined;
    },
    async set(key, entry) {
      const ttl = Math.ceil(entry.keepUntil - now());
      if (ttl <= 0 || entry.body.byteLength > maxEntryBytes) return;
      const fullKey = redisKey(key);
      await guarded('set', () => redis.set(fullKey, codec.encode(fullKey, entry), 'PX', ttl));
    },
    async delete(key) {
      await guarded('delete', () => redis.del(redisKey(key)));
    },
    async close() {
      redis.disconnect();
    },
  };
}
