// A store on the Web Cache API, for Workers and Deno: keyed like every store (HMAC of the token
// plus the id, never the token), one cached response per entry whose body is the upstream's and
// whose headers carry the entry's figures. Cache failures read as misses, never as errors.
import type { CacheEntry, CacheStore } from './store.ts';

// The Cache API keys on request URLs; this host is never contacted.
const KEY_ORIGIN = 'https://mdss-proxy.cache/';
const META = 'x-mdss-proxy-entry';

type Meta = Omit<CacheEntry, 'body'>;

export function createCacheApiStore(
  cache: Promise<Cache> | Cache,
  now: () => number = Date.now,
): CacheStore {
  let available = true;
  const url = (key: string) => KEY_ORIGIN + encodeURIComponent(key);
  async function guarded<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await work();
      available = true;
      return result;
    } catch {
      available = false;
      return undefined;
    }
  }
  return {
    kind: 'cache-api',
    get available() {
      return available;
    },
    get: (key) =>
      guarded(async () => {
        const response = await (await cache).match(url(key));
        if (!response) return undefined;
        const meta = JSON.parse(response.headers.get(META) ?? 'null') as Meta | null;
        // The Cache API's own expiry is not to be relied on (Deno keeps entries until deleted).
        if (!meta || meta.keepUntil <= now()) return undefined;
        return { ...meta, body: new Uint8Array(await response.arrayBuffer()) };
      }),
    set: async (key, entry) => {
      const seconds = Math.ceil((entry.keepUntil - now()) / 1000);
      if (seconds <= 0) return;
      const { body, ...meta } = entry;
      await guarded(async () =>
        (await cache).put(
          url(key),
          new Response(body, {
            headers: {
              'content-type': 'application/json',
              // Public on purpose: only this cache sees it, and `private` responses may be refused.
              'cache-control': `max-age=${seconds}`,
              [META]: JSON.stringify(meta),
            },
          }),
        ),
      );
    },
    async close() {},
  };
}
