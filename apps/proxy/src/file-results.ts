// The heart of the proxy: a file result for (token, id), from the cache when it is fresh, else
// from one upstream request shared by every concurrent caller with the same token and id, stored
// and served stale by the rules of cache-policy.ts.
import { isTerminal } from '@mdss-kit/contract';
import type { CacheOutcome } from './cache-outcome.ts';
import {
  type CachePolicy,
  freshHit,
  lifetimes,
  seconds,
  servesStaleOnError,
} from './cache-policy.ts';
import { etagOf } from './etag.ts';
import type { CacheEntry, CacheStore } from './stores/store.ts';
import type { FetchFile, UpstreamHeaders, UpstreamOutcome } from './upstream.ts';

export type UpstreamFailure = Exclude<UpstreamOutcome, { kind: 'result' }>;

export type Resolution = { outcome: CacheOutcome; upstreamMs: number | undefined } & (
  | { kind: 'entry'; entry: CacheEntry; stale: boolean }
  | { kind: 'failure'; failure: UpstreamFailure }
);

interface Flight {
  outcome: UpstreamOutcome;
  entry: CacheEntry | undefined;
  stored: boolean;
  /** Stored although the upstream's directives said otherwise (the operator's choice). */
  overrode: boolean;
  upstreamMs: number;
}

export interface FileResultsOptions extends CachePolicy {
  store: CacheStore;
  fetchFile: FetchFile;
  now: () => number;
}

/**
 * Hands work that runs past the response (a store write) to whoever keeps it alive: Workers'
 * `waitUntil`, or the app's own set of pending work that `drain()` awaits before a stop.
 */
export type Defer = (work: Promise<unknown>) => void;

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
  if (outcome.kind !== 'result') {
    return { outcome, entry: undefined, stored: false, overrode: false, upstreamMs };
  }

  const terminal = isTerminal(outcome.result);
  const { overrode, ...figures } = lifetimes(
    terminal,
    token,
    fetchedAt,
    outcome.directives,
    options,
  );
  const entry: CacheEntry = {
    body: outcome.bytes,
    etag: etagOf(outcome.bytes),
    terminal,
    storedAt: fetchedAt,
    ...figures,
  };
  const stored = entry.freshUntil > fetchedAt;
  if (stored) defer(Promise.resolve(options.store.set(key, entry)));
  return { outcome, entry, stored, overrode, upstreamMs };
}

/** What a caller gets of `flight`: `held` is what the store had, `collapsed` that it joined. */
function settle(flight: Flight, held: CacheEntry | undefined, collapsed: boolean, now: number) {
  const { outcome, entry, stored, overrode, upstreamMs } = flight;
  const forwarded = held ? 'stale' : 'uri-miss';
  if (entry) {
    const storedFor =
      stored && !collapsed
        ? { ttl: seconds(entry.freshUntil - now), overUpstreamDirectives: overrode }
        : undefined;
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
  if (held && servesStaleOnError(failure, held, now)) {
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
