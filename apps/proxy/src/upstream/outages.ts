// Upstream outages per (credential, file): after a failure the upstream is asked again for that
// key at most once per interval (1 s, doubling to 30 s, reset by a success), while the cache's
// stale result keeps answering without waiting on it (nginx's `proxy_cache_use_stale updating`
// with `proxy_cache_background_update` is the model). Bounded: the least recently failed keys
// are forgotten.
import { LRUCache } from 'lru-cache';

const FIRST_INTERVAL_MS = 1000;
const MAX_INTERVAL_MS = 30_000;
const MAX_KEYS = 10_000;

export function createOutages(now: () => number) {
  const outages = new LRUCache<string, { failures: number; retryAt: number }>({ max: MAX_KEYS });
  return {
    /** Whether the upstream failed for `key` since its last success. */
    has: (key: string) => outages.has(key),
    /** Whether the upstream may be asked for `key` now. */
    mayAsk(key: string): boolean {
      const outage = outages.get(key);
      return outage === undefined || now() >= outage.retryAt;
    },
    failed(key: string): void {
      const failures = (outages.get(key)?.failures ?? 0) + 1;
      const interval = Math.min(FIRST_INTERVAL_MS * 2 ** (failures - 1), MAX_INTERVAL_MS);
      outages.set(key, { failures, retryAt: now() + interval });
    },
    recovered(key: string): void {
      outages.delete(key);
    },
  };
}
