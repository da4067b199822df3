// What a cache store holds (entries, `cache/entry.ts`) and how the proxy talks to it.
import type { CacheEntry } from '../cache/entry.ts';
import type { Fleet } from '../fleet/fleet.ts';

/**
 * What `get` answers when it could not ask its backend (down, slower than its timeout, or left
 * alone by the breaker): nothing is known of the key, which is not the same as a miss. A request
 * that goes upstream because of it is the store's doing, not its caller's.
 */
export const UNREACHED = Symbol('the store was not reached');

/** An entry, a miss (undefined), or `UNREACHED`. */
export type Lookup = CacheEntry | undefined | typeof UNREACHED;

export interface CacheStore {
  readonly kind: 'memory' | 'redis' | 'cache-api';
  /** Whether the store answered its last operation (reported by /healthz). */
  readonly available: boolean;
  /** Never throws: a store that fails answers `UNREACHED`, and the request goes upstream. */
  get(key: string): Lookup | Promise<Lookup>;
  /**
   * Answers synchronously from what the store holds, or undefined; only stores that can answer
   * without I/O offer it (memory). The direct path (`direct-path.ts`) uses it to answer
   * a fresh hit before the router; it means what `get` means, expiry included.
   */
  peek?(key: string): CacheEntry | undefined;
  /**
   * Keeps `entry` until `entry.keepUntil`; a body over the store's budget is refused, and nothing
   * else is evicted for it. Never throws.
   */
  set(key: string, entry: CacheEntry): void | Promise<void>;
  /** Forgets the entry (a revoked credential, a file gone). Never throws. */
  delete(key: string): void | Promise<void>;
  /**
   * Offered by a store the instances of a deployment share (Redis): through it they ask the
   * upstream once for all of them and poll a watched file once (`fleet/fleet.ts`).
   */
  readonly fleet?: Fleet;
  close(): Promise<void>;
}
