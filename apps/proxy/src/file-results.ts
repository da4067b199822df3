// The heart of the proxy: a file result for (token, id), from the cache when it is fresh, else
// from one upstream request shared by every concurrent caller with the same token and id, stored
// by the rules below, and served stale when the upstream fails and a finished result is held.
import { isTerminal } from '@mdss-kit/contract';
import { cacheKey, type KeyDeriver } from './cache-key.ts';
import { jwtExpiry } from './credentials.ts';
import { etagOf } from './etag.ts';
import type { CacheEntry, CacheStore } from './stores/store.ts';
import type { FetchFile, UpstreamOutcome } from './upstream.ts';

/** Results still in progress are kept this long: it absorbs polling storms, hides no progress. */
const IN_PROGRESS_LIFETIME_MS = 1000;

export type UpstreamFailure = Exclude<UpstreamOutcome, { kind: 'result' }>;

export type Resolution =
  | {
      kind: 'entry';
      entry: CacheEntry;
      /** RFC 9211 parameters after the cache name. */
      cacheStatus: string;
      stale: boolean;
      upstreamMs: number | undefined;
    }
  | { kind: 'failure'; failure: UpstreamFailure; cacheStatus: string; upstreamMs: number };

interface Flight {
  outcome: UpstreamOutcome;
  entry: CacheEntry | undefined;
  stored: boolean;
  upstreamMs: number;
}

export interface FileResultsOptions {
  store: CacheStore;
  fetchFile: FetchFile;
  deriveKey: KeyDeriver;
  cacheTtlSeconds: number;
  staleIfErrorSeconds: number;
  now: () => number;
}

/** Runs work after the response is sent (Workers' `waitUntil`; elsewhere, simply unawaited). */
export type Defer = (work: Promise<unknown>) => void;

const seconds = (ms: number) => Math.max(0, Math.floor(ms / 1000));

/** `held` as a cache hit, when it is still fresh at `now`. */
export function freshHit(held: CacheEntry | undefined, now: number) {
  if (!held || now >= held.freshUntil) return undefined;
  return { entry: held, cacheStatus: `hit; ttl=${seconds(held.freshUntil - now)}` };
}

export function createFileResults(options: FileResultsOptions) {
  const { store, now } = options;
  const inflight = new Map<string, Promise<Flight>>();

  async function fly(
    key: string,
    token: string,
    id: string,
    headers: { authorization: string; accept: string; requestId: string },
    defer: Defer,
  ): Promise<Flight> {
    const started = now();
    const outcome = await options.fetchFile(id, headers);
    const fetchedAt = now();
    const upstreamMs = fetchedAt - started;
    if (outcome.kind !== 'result') return { outcome, entry: undefined, stored: false, upstreamMs };

    const terminal = isTerminal(outcome.result);
    // Never beyond the JWT's own expiry: past it the token no longer proves anything.
    const tokenExpiry = jwtExpiry(token) ?? Number.POSITIVE_INFINITY;
    const lifetime = terminal ? options.cacheTtlSeconds * 1000 : IN_PROGRESS_LIFETIME_MS;
    const freshUntil = Math.min(fetchedAt + lifetime, tokenExpiry);
    const keepUntil = terminal
      ? Math.min(freshUntil + options.staleIfErrorSeconds * 1000, tokenExpiry)
      : freshUntil;
    const entry: CacheEntry = {
      body: outcome.bytes,
      etag: etagOf(outcome.bytes),
      terminal,
      storedAt: fetchedAt,
      freshUntil,
      keepUntil,
    };
    const stored = freshUntil > fetchedAt;
    if (stored) defer(Promise.resolve(store.set(key, entry)));
    return { outcome, entry, stored, upstreamMs };
  }

  return async function resolve(
    token: string,
    id: string,
    headers: { authorization: string; accept: string; requestId: string },
    defer: Defer,
  ): Promise<Resolution> {
    const derived = options.deriveKey(token);
    const key = cacheKey(typeof derived === 'string' ? derived : await derived, id);
    const lookup = store.get(key);
    const held = lookup instanceof Promise ? await lookup : lookup;
    const hit = freshHit(held, now());
    if (hit) return { kind: 'entry', ...hit, stale: false, upstreamMs: undefined };

    let flight = inflight.get(key);
    const collapsed = flight !== undefined;
    if (!flight) {
      flight = fly(key, token, id, headers, defer).finally(() => inflight.delete(key));
      inflight.set(key, flight);
    }
    const { outcome, entry, stored, upstreamMs } = await flight;
    const forwarded = held ? 'fwd=stale' : 'fwd=uri-miss';

    if (entry) {
      let status = `${forwarded}; fwd-status=200`;
      if (collapsed) status += '; collapsed';
      else if (stored) status += `; stored; ttl=${seconds(entry.freshUntil - now())}`;
      return { kind: 'entry', entry, cacheStatus: status, stale: false, upstreamMs };
    }

    const failure = outcome as UpstreamFailure;
    const upstreamStatus = 'status' in failure ? `; fwd-status=${failure.status}` : '';
    const upstreamFailed = failure.kind !== 'client-error';
    // Stale if error (RFC 5861 §4): a finished result this token fetched earlier beats an error.
    if (upstreamFailed && held?.terminal && now() < held.keepUntil) {
      return {
        kind: 'entry',
        entry: held,
        cacheStatus: `fwd=stale${upstreamStatus}; detail=stale-if-error`,
        stale: true,
        upstreamMs,
      };
    }
    const status = `${forwarded}${upstreamStatus}${collapsed ? '; collapsed' : ''}`;
    return { kind: 'failure', failure, cacheStatus: status, upstreamMs };
  };
}

export type ResolveFile = ReturnType<typeof createFileResults>;
