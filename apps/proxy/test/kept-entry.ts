// A small cache entry for the store tests that only need one to be there: fresh as long as kept.
import type { CacheEntry } from '../src/cache/entry.ts';

/** A terminal result's entry, stored at 0, fresh and kept until `keepUntil`. */
export const keptEntry = (keepUntil: number): CacheEntry => ({
  body: new TextEncoder().encode('{"id":"a"}'),
  etag: '"e"',
  terminal: true,
  storedAt: 0,
  freshUntil: keepUntil,
  keepUntil,
});
