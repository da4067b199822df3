// The default store: an in-process LRU bounded by an estimate of the bytes it holds.
import { LRUCache } from 'lru-cache';
import type { CacheEntry } from '../cache/entry.ts';
import type { CacheStore } from './store.ts';

// Per-entry bookkeeping beyond the body's bytes and the key's characters: the entry object, the
// etag, the byte array's objects and the LRU's slots. `pnpm bench memory` measures the heap it
// takes per entry (`heapBytesPerEntry`); this bound stays above that, and the rest covers the
// bytes' allocation outside the heap.
const ENTRY_OVERHEAD_BYTES = 1024;

export function createMemoryStore(options: { maxBytes: number; now?: () => number }): CacheStore {
  const now = options.now ?? Date.now;
  // An entry larger than the whole budget is refused by the LRU itself, evicting nothing.
  const lru = new LRUCache<string, CacheEntry>({
    maxSize: options.maxBytes,
    sizeCalculation: (entry, key) => entry.body.byteLength + key.length + ENTRY_OVERHEAD_BYTES,
  });
  function peek(key: string): CacheEntry | undefined {
    const entry = lru.get(key);
    if (entry && entry.keepUntil <= now()) {
      lru.delete(key);
      return undefined;
    }
    return entry;
  }
  return {
    kind: 'memory',
    available: true,
    get: peek,
    peek,
    set(key, entry) {
      lru.set(key, entry);
    },
    delete(key) {
      lru.delete(key);
    },
    async close() {
      lru.clear();
    },
  };
}
