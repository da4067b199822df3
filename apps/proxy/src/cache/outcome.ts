// What the cache did for one request, as data: the access log (and, later, metrics) read it, and
// the RFC 9211 `Cache-Status` header is formatted from it here and nowhere else.

const CACHE_NAME = 'mdss-proxy';

/** Why a miss did not reach the upstream: this proxy's own limits (upstream/limits.ts). */
type Limited = 'rate-limited' | 'upstream-busy';

export type CacheOutcome =
  /** A fresh entry, answered without the upstream; `ttl` is its remaining freshness in seconds. */
  | { kind: 'hit'; ttl: number }
  /** Not answered from the cache: forwarded to the upstream, or held back by a limit. */
  | {
      kind: 'miss';
      /** RFC 9211 `fwd`: nothing was held, or what was held was no longer fresh. */
      forwarded: 'uri-miss' | 'stale';
      /** Undefined when the upstream gave no reply (timeout, unreachable). */
      upstreamStatus: number | undefined;
      /** Joined a request already on its way upstream (RFC 9211 `collapsed`). */
      collapsed: boolean;
      /**
       * Stored with `ttl` seconds of freshness (RFC 9211 `stored`), over what the upstream's
       * caching directives allowed when the operator chose to ignore them.
       */
      stored: { ttl: number; overUpstreamDirectives: boolean } | undefined;
    }
  | { kind: 'miss'; limited: Limited; collapsed: boolean }
  /**
   * A finished result served past its freshness in place of a failure (RFC 5861 §4): after
   * asking the upstream (`forwarded`), or without asking it, during an outage or under a limit;
   * `ttl` is then how stale it is, negative (RFC 9211 §2.5).
   */
  | { kind: 'stale'; forwarded: true; upstreamStatus: number | undefined }
  | { kind: 'stale'; forwarded: false; ttl: number };

/** The access log's and metrics' label: what the cache did, or `none` where it had no part. */
export type CacheLabel = CacheOutcome['kind'] | 'none';

const STALE_IF_ERROR = 'detail=stale-if-error';

/** The `Cache-Status` header (RFC 9211 §2) of `outcome`. */
export function cacheStatus(outcome: CacheOutcome): string {
  if (outcome.kind === 'hit') return `${CACHE_NAME}; hit; ttl=${outcome.ttl}`;
  if (outcome.kind === 'stale' && !outcome.forwarded) {
    return `${CACHE_NAME}; hit; ttl=${outcome.ttl}; ${STALE_IF_ERROR}`;
  }
  if ('limited' in outcome) {
    return `${CACHE_NAME}; ${outcome.collapsed ? 'collapsed; ' : ''}detail=${outcome.limited}`;
  }
  let status = `${CACHE_NAME}; fwd=${outcome.kind === 'stale' ? 'stale' : outcome.forwarded}`;
  if (outcome.upstreamStatus !== undefined) status += `; fwd-status=${outcome.upstreamStatus}`;
  if (outcome.kind === 'stale') return `${status}; ${STALE_IF_ERROR}`;
  if (outcome.collapsed) status += '; collapsed';
  else if (outcome.stored) {
    status += `; stored; ttl=${outcome.stored.ttl}`;
    if (outcome.stored.overUpstreamDirectives) status += '; detail=upstream-directives-ignored';
  }
  return status;
}
