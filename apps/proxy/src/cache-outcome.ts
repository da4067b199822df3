// What the cache did for one request, as data: the access log (and, later, metrics) read it, and
// the RFC 9211 `Cache-Status` header is formatted from it here and nowhere else.

export const CACHE_NAME = 'mdss-proxy';

export type CacheOutcome =
  /** A fresh entry, answered without the upstream; `ttl` is its remaining freshness in seconds. */
  | { kind: 'hit'; ttl: number }
  /** Forwarded to the upstream, because nothing was held or what was held was no longer fresh. */
  | {
      kind: 'miss';
      forwarded: 'uri-miss' | 'stale';
      /** Undefined when the upstream gave no answer (timeout, unreachable). */
      upstreamStatus: number | undefined;
      /** Joined a request already on its way upstream (RFC 9211 `collapsed`). */
      collapsed: boolean;
      /**
       * Stored with `ttl` seconds of freshness (RFC 9211 `stored`), over what the upstream's
       * caching directives allowed when the operator chose to ignore them.
       */
      stored: { ttl: number; overUpstreamDirectives: boolean } | undefined;
    }
  /** A finished result served past its freshness because the upstream failed (RFC 5861 §4). */
  | { kind: 'stale'; upstreamStatus: number | undefined };

/** The access log's and metrics' label: what the cache did, or `none` where it had no part. */
export type CacheLabel = CacheOutcome['kind'] | 'none';

/** The `Cache-Status` header (RFC 9211 §2) of `outcome`. */
export function cacheStatus(outcome: CacheOutcome): string {
  if (outcome.kind === 'hit') return `${CACHE_NAME}; hit; ttl=${outcome.ttl}`;
  let status = `${CACHE_NAME}; fwd=${outcome.kind === 'stale' ? 'stale' : outcome.forwarded}`;
  if (outcome.upstreamStatus !== undefined) status += `; fwd-status=${outcome.upstreamStatus}`;
  if (outcome.kind === 'stale') return `${status}; detail=stale-if-error`;
  if (outcome.collapsed) status += '; collapsed';
  else if (outcome.stored) {
    status += `; stored; ttl=${outcome.stored.ttl}`;
    if (outcome.stored.overUpstreamDirectives) status += '; detail=upstream-directives-ignored';
  }
  return status;
}
