// Which (credential, file) pairs MDSS answered with a result lately: what tells a client
// re-polling the files it follows from one asking for ids nobody asked before, or again and again
// for one MDSS does not know. Only a miss for an id its credential does not know spends the
// credential's budget (decision 010).
import { LRUCache } from 'lru-cache';

export interface KnownIds {
  /** Whether MDSS answered this cache key (credential's HMAC and id) with a result lately. */
  has(key: string): boolean;
  /** MDSS answered `key` with a result (a 200): known for a while more. */
  learn(key: string): void;
  /** MDSS refused or failed for `key`: its next miss is a new id again. */
  forget(key: string): void;
}

/**
 * A known id stays known this long past its last result: longer than a finished result stays
 * fresh (CACHE_TTL_SECONDS, 300 s by default) and than any poller's pause, so a client that
 * follows a file never spends its budget on it twice.
 */
export const KNOWN_FOR_MS = 10 * 60_000;

/**
 * Pairs remembered: many times what one process can re-poll (it serves ≈1,000 misses/s, so a
 * thousand or so files polled each second, tens of thousands polled less often). Past it the
 * least recently asked is forgotten, and its next miss spends the budget as after a restart,
 * which the default burst covers. ≈250 bytes of heap each, key included: 12 MiB at most.
 */
export const MAX_KNOWN = 50_000;

/** Keyed by the cache key (`cache/key.ts`): a token's HMAC and the id, never a token. */
export function createKnownIds(now: () => number, max = MAX_KNOWN): KnownIds {
  const knownUntil = new LRUCache<string, number>({ max });
  return {
    has(key) {
      const until = knownUntil.get(key);
      return until !== undefined && now() < until;
    },
    learn(key) {
      knownUntil.set(key, now() + KNOWN_FOR_MS);
    },
    forget(key) {
      knownUntil.delete(key);
    },
  };
}
