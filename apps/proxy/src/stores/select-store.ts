// The store CACHE_STORE names, chosen here for every runtime. Each runtime says what it has (the
// Web Cache API, a Redis client over TCP); a store it cannot have stops it at start, naming the
// variable. Redis comes in as a capability, so a Worker's bundle never carries a Redis client.

import { type Config, ConfigError } from '../config.ts';
import type { Log } from '../http/access-log.ts';
import { createCacheApiStore } from './cache-api.ts';
import { createMemoryStore } from './memory.ts';
import type { createRedisStore } from './redis.ts';
import type { CacheStore } from './store.ts';

export interface StoreHost {
  /** The runtime's name, for the message when a store is not available there. */
  name: string;
  caches?: CacheStorage | undefined;
  /** Where the runtime has TCP: Node, Bun and Deno, not Workers. */
  createRedisStore?: typeof createRedisStore;
}

/** The cache name of the Web Cache API store. */
const CACHE_API_NAME = 'mdss-proxy';

export function selectStore(config: Config, host: StoreHost, log: Log): CacheStore {
  switch (config.cacheStore) {
    case 'memory':
      return createMemoryStore({ maxBytes: config.cacheMaxBytes });
    case 'cache-api':
      if (!host.caches)
        throw new ConfigError('CACHE_STORE', `'cache-api' is not available on ${host.name}`);
      return createCacheApiStore(host.caches.open(CACHE_API_NAME), {
        maxEntryBytes: config.upstreamMaxBytes,
      });
    case 'redis':
      if (!host.createRedisStore)
        throw new ConfigError(
          'CACHE_STORE',
          `'redis' needs TCP, which ${host.name} does not offer: use 'cache-api'`,
        );
      // parseConfig requires REDIS_URL with CACHE_STORE=redis.
      return host.createRedisStore({
        url: config.redisUrl ?? '',
        cluster: config.redisCluster,
        timeoutMs: config.storeTimeoutMs,
        maxEntryBytes: config.upstreamMaxBytes,
        secret: config.cacheKeySecret,
        log,
      });
  }
}
