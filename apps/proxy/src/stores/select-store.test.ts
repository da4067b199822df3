import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.ts';
import { createMemoryStore } from './memory.ts';
import { createRedisStore } from './redis.ts';
import { selectStore } from './select-store.ts';

const select = (env: Record<string, string>, host: Parameters<typeof selectStore>[1]) =>
  selectStore(parseConfig(env), host, () => {});

describe('selectStore, for every runtime', () => {
  it('gives the memory store, which can peek, by default', () => {
    const store = select({}, { name: 'node' });
    expect(store.kind).toBe('memory');
    expect(store.peek).toBeTypeOf('function');
  });

  it("refuses 'cache-api' where the runtime has no Web Cache API, naming the variable", () => {
    expect(() => select({ CACHE_STORE: 'cache-api' }, { name: 'node' })).toThrow(
      "CACHE_STORE 'cache-api' is not available on node",
    );
  });

  it("refuses 'redis' where the runtime has no TCP (Workers), naming the variable", () => {
    expect(() =>
      select({ CACHE_STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:1' }, { name: 'Workers' }),
    ).toThrow("CACHE_STORE 'redis' needs TCP, which Workers does not offer: use 'cache-api'");
  });

  it('gives a Redis store, without peek, where the runtime brings the client', async () => {
    const store = select(
      { CACHE_STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:1', CACHE_STORE_TIMEOUT_MS: '20' },
      { name: 'node', createRedisStore },
    );
    try {
      expect(store.kind).toBe('redis');
      expect(store.peek).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('gives the Redis store CACHE_KEY_SECRET, which binds its values to their keys', () => {
    const made: Parameters<typeof createRedisStore>[0][] = [];
    const store = select(
      { CACHE_STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:1', CACHE_KEY_SECRET: 'k'.repeat(16) },
      {
        name: 'node',
        createRedisStore: (options) => {
          made.push(options);
          return createMemoryStore({ maxBytes: 1 });
        },
      },
    );
    expect(store.kind).toBe('memory');
    expect(made[0]?.secret).toBe('k'.repeat(16));
  });
});
