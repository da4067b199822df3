// The cache policy of the proxy, in one place: how long a result stays fresh and how long it is
// kept, what counts as a hit, and when a held result is served in place of an upstream failure.
// Decision 002 (docs/decisions/) says why.

import { jwtExpiry } from '../http/credentials.ts';
import { NO_DIRECTIVES, type UpstreamDirectives } from './directives.ts';
import type { CacheEntry } from './entry.ts';
import type { CacheOutcome } from './outcome.ts';

/** Results still in progress are kept this long: it absorbs polling storms, hides no progress. */
export const IN_PROGRESS_LIFETIME_MS = 1000;

export interface CachePolicy {
  /** How long a finished result is fresh (CACHE_TTL_SECONDS). */
  cacheTtlSeconds: number;
  /** How long past that a finished result may stand in for a failure (CACHE_STALE_IF_ERROR_SECONDS). */
  staleIfErrorSeconds: number;
  /** The operator's "ignore origin cache headers" (CACHE_IGNORE_UPSTREAM_DIRECTIVES). */
  ignoreUpstreamDirectives: boolean;
}

export const seconds = (ms: number) => Math.max(0, Math.floor(ms / 1000));

/** A result as it was fetched: finished or not, for which token, when, under which directives. */
export interface Fetched {
  terminal: boolean;
  token: string;
  fetchedAt: number;
  directives: UpstreamDirectives;
}

/**
 * Until when a result fetched at `fetchedAt` with `token` is fresh, and until when it is kept.
 * Our lifetimes follow the body (finished or not); the upstream's directives may only shorten
 * them, never lengthen them, unless the operator chose to ignore those directives (`overrode`
 * then says that they said something we did not follow).
 */
export function lifetimes(
  { terminal, token, fetchedAt, directives: upstream }: Fetched,
  policy: CachePolicy,
) {
  // Never beyond the JWT's own expiry: past it the token no longer proves anything.
  const tokenExpiry = jwtExpiry(token) ?? Number.POSITIVE_INFINITY;
  const heeded = policy.ignoreUpstreamDirectives ? NO_DIRECTIVES : upstream;
  const overrode = policy.ignoreUpstreamDirectives && upstream.limiting;
  if (!heeded.storable) return { freshUntil: fetchedAt, keepUntil: fetchedAt, overrode };
  const lifetime = Math.min(
    terminal ? policy.cacheTtlSeconds * 1000 : IN_PROGRESS_LIFETIME_MS,
    heeded.freshMs ?? Number.POSITIVE_INFINITY,
  );
  const freshUntil = Math.min(fetchedAt + lifetime, tokenExpiry);
  const keepUntil =
    terminal && heeded.staleAllowed
      ? Math.min(freshUntil + policy.staleIfErrorSeconds * 1000, tokenExpiry)
      : freshUntil;
  return { freshUntil, keepUntil, overrode };
}

/** `held` as a cache hit, when it is still fresh at `now`. */
export function freshHit(held: CacheEntry | undefined, now: number) {
  if (!held || now >= held.freshUntil) return undefined;
  return {
    entry: held,
    outcome: { kind: 'hit', ttl: seconds(held.freshUntil - now) } satisfies CacheOutcome,
  };
}

/**
 * Stale if error (RFC 5861 §4): `held` as the answer in place of a failure of the upstream, or of
 * a limit that held the request back, when it may be one at `now`: a finished result this
 * credential fetched earlier, within its stale window (which the upstream's directives may
 * have closed, see `lifetimes`).
 */
export function staleStandIn(held: CacheEntry | undefined, now: number) {
  if (!held?.terminal || now >= held.keepUntil) return undefined;
  return {
    entry: held,
    outcome: {
      kind: 'stale',
      forwarded: false,
      ttl: Math.floor((held.freshUntil - now) / 1000),
    } satisfies CacheOutcome,
  };
}

/**
 * The upstream's own no for this token and file (a revoked token, no such file): it evicts a
 * held entry (decision 002: a revoked credential must not keep reading) and ends a watch.
 */
export const isRefusal = (outcome: { kind: string; status?: number }) =>
  outcome.kind === 'client-error' && [401, 403, 404].includes(outcome.status ?? 0);
