// The store contract's cases where the Web Cache API is the runtime's own: a fetch handler that
// runs the case named in `?case=` and answers 204, or 500 with the failure. `cache-api.test.ts`
// serves it as a Worker on workerd (through Miniflare) and with `deno serve`, and asks each for
// every case. (Miniflare's caches, reached from Node, take only Miniflare's own Response class,
// which the store, building the runtime's Response, does not give them.)
import { cacheUrl, createCacheApiStore, FIGURES_HEADER } from './cache-api.ts';
import type { EntryFigures } from './entry-figures.ts';
import {
  type MadeStore,
  runStoreCase,
  type StoreSubject,
  storeCases,
} from './store-contract-cases.ts';

interface MadeCacheApiStore extends MadeStore {
  /** The very cache behind the store, to put there what the store did not write. */
  cache: Cache;
}

let caseCaches = 0;

/** A response cached under `key` as the store's would be, with `figures` as its figures header. */
const putWithFigures =
  (figures: string | undefined) =>
  async ({ cache }: MadeCacheApiStore, key: string) => {
    const headers: Record<string, string> = { 'cache-control': 'max-age=600' };
    if (figures !== undefined) headers[FIGURES_HEADER] = figures;
    await cache.put(cacheUrl(key), new Response('{"id":"a"}', { headers }));
  };

// A fixed date: workerd's clock reads 0 outside a request.
const farFuture = Date.UTC(2100, 0, 1);
const figures: EntryFigures = {
  etag: '"e"',
  terminal: true,
  storedAt: 0,
  freshUntil: farFuture,
  keepUntil: farFuture,
};

export const cacheApiSubject: StoreSubject<MadeCacheApiStore> = {
  async make({ now, maxEntryBytes }) {
    const cache = await caches.open(`store-contract-${caseCaches++}`);
    return { store: createCacheApiStore(cache, { now, maxEntryBytes }), cache };
  },
  // The store has had one format of figures so far: there is no older one to put.
  putGarbage: [
    putWithFigures(undefined),
    putWithFigures('not JSON'),
    putWithFigures(JSON.stringify({ ...figures, etag: 1 })),
    putWithFigures(JSON.stringify({ ...figures, terminal: undefined })),
    putWithFigures(JSON.stringify({ ...figures, keepUntil: 'later' })),
  ],
};

export default {
  async fetch(request: Request): Promise<Response> {
    const name = new URL(request.url).searchParams.get('case');
    const storeCase = storeCases.find((c) => c.name === name);
    if (!storeCase) return new Response(`no case named ${name}`, { status: 404 });
    try {
      await runStoreCase(storeCase, cacheApiSubject);
      return new Response(null, { status: 204 });
    } catch (error) {
      return new Response(error instanceof Error ? (error.stack ?? error.message) : String(error), {
        status: 500,
      });
    }
  },
};
