// The heart of the proxy: a file result for (token, id), from the cache when it is fresh, else
// from one upstream request shared by every concurrent caller with the same token and id, stored
// by the rules below, and served stale when the upstream fails and a finished result is held.
import { isTerminal } from '@mdss-kit/contract';
import type { CacheOutcome } from './cache-outcome.ts';
import { jwtExpiry } from './credentials.ts';
import { etagOf } from './etag.ts';
import type { CacheEntry, CacheStore } from './stores/store.ts';
import type { FetchFile, UpstreamHeaders, UpstreamOutcome } from './upstream.ts';

/** Results still in progress are kept this long: it absorbs polling storms, hides no progress. */
const IN_PROGRESS_LIFETIME_MS = 1000;

export type UpstreamFailure = Exclude<UpstreamOutcome, { kind: 'result' }>;

export type Resolution = { outcome: CacheOutcome; upstreamMs: number | undefined } & (
  | { kind: 'entry'; entry: CacheEntry; stale: boolean }
  | { kind: 'failure'; failure: UpstreamFailure }
);

interface Flight {
  outcome: UpstreamOutcome;
  entry: CacheEntry | undefined;
  stored: boolean;
  upstreamMs: number;
}

export interface FileResultsOptions {
  store: CacheStore;
  fetchFile: FetchFile;
  cacheTtlSeconds: number;
  staleIfErrorSeconds: number;
  now: () => number;
}

/**
 * Hands work that runs past the response (a store write) to whoever keeps it alive: Workers'
 * `waitUntil`, or the app's own set of pending work that `drain()` awaits before a stop.
 */
export type Defer = (work: Promise<unknown>) => void;

const seconds = (ms: number) => Math.max(0, Math.floor(ms / 1000));

/** `held` as a cache hit, when it is still fresh at `now`. */
export function freshHit(held: CacheEntry | undefined, now: number) {
  if (!held || now >= held.freshUntil) return undefined;
  return {
    entry: held,
    outcome: { kind: 'hit', ttl: seconds(held.freshUntil - now) } satisfies CacheOutcome,
  };
}

/** When an upstream result, fetched at `fetchedAt` with `token`, stops being fresh and is dropped. */
function lifetimes(
  terminal: boolean,
  token: string,
  fetchedAt: number,
  options: FileResultsOptions,
) {
  // Never beyond the JWT's own expiry: past it the token no longer proves anything.
  const tokenExpiry = jwtExpiry(token) ?? Number.POSITIVE_INFINITY;
  const lifetime = terminal ? options.cacheTtlSeconds * 1000 : IN_PROGRESS_LIFETIME_MS;
  const freshUntil = Math.min(fetchedAt + lifetime, tokenExpiry);
  const keepUntil = terminal
    ? Math.min(freshUntil + options.staleIfErrorSeconds * 1000, tokenExpiry)
    : freshUntil;
  return { freshUntil, keepUntil };
}

/** One upstream request, and the entry it makes (stored, unless it is already stale). */
async function fly(
  options: FileResultsOptions,
  key: string,
  token: string,
  id: string,
  headers: UpstreamHeaders,
  defer: Defer,
): Promise<Flight> {
  const { now } = options;
  const started = now();
  const outcome = await options.fetchFile(id, headers);
  const fetchedAt = now();
  const upstreamMs = fetchedAt - started;
  if (outcome.kind !== 'result') return { outcome, entry: undefined, stored: false, upstreamMs };

  const terminal = isTerminal(outcome.result);
  const entry: CacheEntry = {
    body: outcome.bytes,
    etag: etagOf(outcome.bytes),
    terminal,
    storedAt: fetchedAt,
    ...lifetimes(terminal, token, fetchedAt, options),
  };
  const stored = entry.freshUntil > fetchedAt;
  if (stored) defer(Promise.resolve(options.store.set(key, entry)));
  return { outcome, entry, stored, upstreamMs };
}

/** What a caller gets of `flight`: `held` is what the store had, `collapsed` that it joined. */
function settle(flight: Flight, held: CacheEntry | undefined, collapsed: boolean, now: number) {
  const { outcome, entry, stored, upstreamMs } = flight;
  const forwarded = held ? 'stale' : 'uri-miss';
  if (entry) {
    const storedFor = stored && !collapsed ? { ttl: seconds(entry.freshUntil - now) } : undefined;
    return {
      kind: 'entry',
      entry,
      stale: false,
      upstreamMs,
      outcome: { kind: 'miss', forwarded, upstreamStatus: 200, collapsed, stored: storedFor },
    } satisfies Resolution;
  }

  const failure = outcome as UpstreamFailure;
  const upstreamStatus = 'status' in failure ? failure.status : undefined;
  // Stale if error (RFC 5861 §4): a finished result this token fetched earlier beats an error.
  if (failure.kind !== 'client-error' && held?.terminal && now < held.keepUntil) {
    return {
      kind: 'entry',
      entry: held,
      stale: true,
      upstreamMs,
      outcome: { kind: 'stale', upstreamStatus },
    } satisfies Resolution;
  }
  return {
    kind: 'failure',
    failure,
    upstreamMs,
    outcome: { kind: 'miss', forwarded, upstreamStatus, collapsed, stored: undefined },
  } satisfies Resolution;
}

export function createFileResults(options: FileResultsOptions) {
  const { store, now } = options;
  const inflight = new Map<string, Promise<Flight>>();

  /** The result for `key` (the token's HMAC and the id, see cache-key.ts). */
  return async function resolve(
    key: string,
    token: string,
    id: string,
    headers: UpstreamHeaders,
    defer: Defer,
  ): Promise<Resolution> {
    const lookup = store.get(key);
    const held = lookup instanceof Promise ? await lookup : lookup;
    const hit = freshHit(held, now());
    if (hit) return { kind: 'entry', ...hit, stale: false, upstreamMs: undefined };

    let flight = inflight.get(key);
    const collapsed = flight !== undefined;
    if (!flight) {
      flight = fly(options, key, token, id, headers, defer).finally(() => inflight.delete(key));
      inflight.set(key, flight);
    }
    return settle(await flight, held, collapsed, now());
  };
}

export type ResolveFile = ReturnType<typeof createFileResults>;
