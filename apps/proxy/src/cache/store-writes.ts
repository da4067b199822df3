// The store as the file results use it: entries on their way into a store that writes after the
// answer (Redis, the Cache API) are read from here meanwhile, so the next request neither asks
// the upstream again nor sees an older entry (whose summary would move the event ids on for
// nothing).
import type { Defer } from '../file-call.ts';
import type { TraceSpan } from '../observe/trace-span.ts';
import type { CacheStore } from '../stores/store.ts';
import type { CacheEntry } from './entry.ts';

export type StoreWrites = ReturnType<typeof createStoreWrites>;

export function createStoreWrites(store: CacheStore) {
  const writing = new Map<string, CacheEntry>();
  return {
    read: (key: string) => writing.get(key) ?? store.get(key),
    write(key: string, entry: CacheEntry, defer: Defer, trace?: TraceSpan): void {
      const span = trace?.child('store set');
      const set = store.set(key, entry);
      // A store that writes at once (memory) has nothing on its way: no promise to keep.
      if (!(set instanceof Promise)) {
        writing.delete(key);
        span?.end();
        return;
      }
      writing.set(key, entry);
      defer(
        set.finally(() => {
          span?.end();
          if (writing.get(key) === entry) writing.delete(key);
        }),
      );
    },
    forget(key: string, defer: Defer): void {
      writing.delete(key);
      const deleted = store.delete(key);
      if (deleted instanceof Promise) defer(deleted);
    },
  };
}
