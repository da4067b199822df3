// The default store: an in-process LRU bounded by an estimate of the bytes it holds.
import { LRUCache } from 'lru-cache';
import type { CacheEntry, CacheStore } from './store.ts';

// Per-entry bookkeeping beyond the body and key: the entry object, its numbers, the etag, the
// LRU's own node. Measured, not guessed: see the memory benchmark.
const ENTRY_OVERHEAD_BYTES = 256;

export function createMemoryStore(options: { maxBytes: number; now?: () => number }): CacheStore {
  const now = options.now ?? Date.now;
  const lru = new LRUCache<string, CacheEntry>({
    maxSize: options.maxBytes,
    sizeCalculation: (entry, key) => entry.body.byteLength + key.length + ENTRY_OVERHEAD_BYTES,
  });
  return {
    kind: 'memory',
    available: true,
    get(key) {
      const entry = lru.get(key);
      if (entry && entry.keepUntil <= now()) {
        lru.delete(key);
        return undefined;
      }
      return entry;
    },
    set(key, entry) {
      lru.set(key, entry);
    },
    async close() {
      lru.clear();
    },
  };
}
