// The store a runtime with TCP (Node, Bun, Deno) builds from CACHE_STORE.
import type { Config } from '../config.ts';
import { createMemoryStore } from './memory.ts';
import { createRedisStore, type StoreLog } from './redis.ts';
import type { CacheStore } from './store.ts';

export function storeFromConfig(config: Config, log: StoreLog): CacheStore {
  if (config.cacheStore === 'redis' && config.redisUrl) {
    return createRedisStore({ url: config.redisUrl, timeoutMs: config.storeTimeoutMs, log });
  }
  return createMemoryStore({ maxBytes: config.cacheMaxBytes });
}
