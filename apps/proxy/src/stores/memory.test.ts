import { describe, expect, it } from 'vitest';
import type { CacheEntry } from '../cache/entry.ts';
import { createMemoryStore } from './memory.ts';
import { storeContract } from './store-contract.ts';

describe('the memory store contract', () => {
  // Its budget is the whole cache's; the contract's largest body fits it with room to spare.
  storeContract('memory', {
    make: ({ now, maxEntryBytes }) => ({
      store: createMemoryStore({ maxBytes: maxEntryBytes, now }),
    }),
  });
});

const entry = (bodyBytes: number): CacheEntry => ({
  body: new Uint8Array(bodyBytes),
  etag: '"e"',
  terminal: true,
  storedAt: 0,
  freshUntil: 1_000,
  keepUntil: 1_000,
});

describe('the memory store', () => {
  it('memory: evicts the least recently used entries once the bodies pass CACHE_MAX_BYTES', () => {
    // Three entries of 3 KB fit in 10 KB with their bookkeeping; a fourth does not.
    const store = createMemoryStore({ maxBytes: 10 * 1024, now: () => 0 });
    for (const key of ['a', 'b', 'c']) store.set(key, entry(2048));
    expect(store.get('a')).toBeDefined(); // now the most recently used
    store.set('d', entry(2048));
    expect(['a', 'b', 'c', 'd'].filter((key) => store.get(key) === undefined)).toEqual(['b']);
  });

  it('memory: answers peek synchronously, from what it holds', () => {
    const store = createMemoryStore({ maxBytes: 10 * 1024, now: () => 0 });
    const kept = entry(10);
    store.set('k', kept);
    expect(store.peek?.('k')).toBe(kept);
    expect(store.peek?.('absent')).toBeUndefined();
  });
});
