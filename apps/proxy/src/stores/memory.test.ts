import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory.ts';
import type { CacheEntry } from './store.ts';

const entry = (bodyBytes: number, keepUntil = 1_000): CacheEntry => ({
  body: new Uint8Array(bodyBytes),
  etag: '"e"',
  terminal: true,
  storedAt: 0,
  freshUntil: keepUntil,
  keepUntil,
});

describe('the memory store', () => {
  it('hands an entry back until its keepUntil, and forgets it then', () => {
    let now = 0;
    const store = createMemoryStore({ maxBytes: 1 << 20, now: () => now });
    const kept = entry(10, 500);
    store.set('k', kept);
    expect(store.get('k')).toBe(kept);
    now = 500;
    expect(store.get('k')).toBeUndefined();
    now = 0;
    expect(store.get('k')).toBeUndefined();
  });

  it('evicts the least recently used entries once the bodies pass CACHE_MAX_BYTES', () => {
    // Three entries of 3 KB fit in 10 KB with their bookkeeping; a fourth does not.
    const store = createMemoryStore({ maxBytes: 10 * 1024, now: () => 0 });
    for (const key of ['a', 'b', 'c']) store.set(key, entry(2048));
    expect(store.get('a')).toBeDefined(); // now the most recently used
    store.set('d', entry(2048));
    expect(['a', 'b', 'c', 'd'].filter((key) => store.get(key) === undefined)).toEqual(['b']);
  });

  it('keeps no entry larger than the whole budget, and evicts nothing for it', () => {
    const store = createMemoryStore({ maxBytes: 4096, now: () => 0 });
    store.set('small', entry(100));
    store.set('huge', entry(8192));
    expect(store.get('huge')).toBeUndefined();
    expect(store.get('small')).toBeDefined();
  });
});
