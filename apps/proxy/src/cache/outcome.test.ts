import { describe, expect, it } from 'vitest';
import { type CacheOutcome, cacheStatus } from './outcome.ts';

describe('cacheStatus (RFC 9211)', () => {
  const miss = {
    kind: 'miss',
    forwarded: 'uri-miss',
    upstreamStatus: 200,
    collapsed: false,
    stored: undefined,
  } as const;
  it.each<[CacheOutcome, string]>([
    [{ kind: 'hit', ttl: 42 }, 'mdss-proxy; hit; ttl=42'],
    [
      { ...miss, stored: { ttl: 300, overUpstreamDirectives: false } },
      'mdss-proxy; fwd=uri-miss; fwd-status=200; stored; ttl=300',
    ],
    [
      { ...miss, stored: { ttl: 300, overUpstreamDirectives: true } },
      'mdss-proxy; fwd=uri-miss; fwd-status=200; stored; ttl=300; detail=upstream-directives-ignored',
    ],
    [
      { ...miss, forwarded: 'stale', collapsed: true },
      'mdss-proxy; fwd=stale; fwd-status=200; collapsed',
    ],
    [{ ...miss, upstreamStatus: 404 }, 'mdss-proxy; fwd=uri-miss; fwd-status=404'],
    [{ ...miss, upstreamStatus: undefined }, 'mdss-proxy; fwd=uri-miss'],
    [
      { kind: 'stale', forwarded: true, upstreamStatus: 500 },
      'mdss-proxy; fwd=stale; fwd-status=500; detail=stale-if-error',
    ],
    [
      { kind: 'stale', forwarded: true, upstreamStatus: undefined },
      'mdss-proxy; fwd=stale; detail=stale-if-error',
    ],
    [
      { kind: 'stale', forwarded: false, ttl: -12 },
      'mdss-proxy; hit; ttl=-12; detail=stale-if-error',
    ],
    [
      { kind: 'miss', limited: 'rate-limited', collapsed: false },
      'mdss-proxy; detail=rate-limited',
    ],
    [
      { kind: 'miss', limited: 'upstream-busy', collapsed: true },
      'mdss-proxy; collapsed; detail=upstream-busy',
    ],
  ])('%j is %s', (outcome, header) => {
    expect(cacheStatus(outcome)).toBe(header);
  });
});
