// A store on the Web Cache API, for Workers and Deno: keyed like every store (HMAC of the token
// plus the id, never the token), one cached response per entry whose body is the upstream's and
// whose headers carry the entry's figures. Cache failures read as misses, never as errors.
import { readEntryFigures, writeEntryFigures } from './entry-figures.ts';
import { type CacheStore, UNREACHED } from './store.ts';

// The Cache API keys on request URLs; this host is never contacted.
const KEY_ORIGIN = 'https://mdss-proxy.cache/';
/** The response header that carries the entry's figures (`entry-figures.ts`). */
export const FIGURES_HEADER = 'x-mdss-proxy-entry';

export const cacheUrl = (key: string) => KEY_ORIGIN + encodeURIComponent(key);

export interface CacheApiStoreOptions {
  now?: () => number;
  /** The largest body kept, in bytes (the proxy passes UPSTREAM_MAX_BYTES). Default: no limit. */
  maxEntryBytes?: number;
}

export function createCacheApiStore(
  cache: Promise<Cache> | Cache,
  options: CacheApiStoreOptions = {},
): CacheStore {
  const now = options.now ?? Date.now;
  const maxEntryBytes = options.maxEntryBytes ?? Number.POSITIVE_INFINITY;
  let available = true;
  async function guarded<T>(work: () => Promise<T>): Promise<T | typeof UNREACHED> {
    try {
      const result = await work();
      available = true;
      return result;
    } catch {
      available = false;
      return UNREACHED;
    }
  }
  return {
    kind: 'cache-api',
    get available() {
      return available;
    },
    get: (key) =>
      guarded(async () => {
        const response = await (await cache).match(cacheUrl(key));
        const figures = readEntryFigures(response?.headers.get(FIGURES_HEADER) ?? '');
        // The Cache API's own expiry is not to be relied on (Deno keeps entries until deleted).
        if (!response || !figures || figures.keepUntil <= now()) {
          await response?.body?.cancel();
          return undefined;
        }
        return { ...figures, body: new Uint8Array(await response.arrayBuffer()) };
      }),
    set: async (key, entry) => {
      const seconds = Math.ceil((entry.keepUntil - now()) / 1000);
      if (seconds <= 0 || entry.body.byteLength > maxEntryBytes) return;
      await guarded(async () =>
        (await cache).put(
          cacheUrl(key),
          new Response(entry.body, {
            headers: {
              'content-type': 'application/json',
              // Public on purpose: only this cache sees it, and `private` responses may be refused.
              'cache-control': `max-age=${seconds}`,
              [FIGURES_HEADER]: writeEntryFigures(entry),
            },
          }),
        ),
      );
    },
    delete: async (key) => {
      await guarded(async () => (await cache).delete(cacheUrl(key)));
    },
    async close() {},
  };
}
