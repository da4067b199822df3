// The upstream's caching directives (RFC 9111 §3, §5.2.2), honoured by default, and the
// operator's CACHE_IGNORE_UPSTREAM_DIRECTIVES (decision 002).
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, ID, startHarness } from '../../test/harness.ts';
import { json, resultFor } from '../../test/upstream-server.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** The upstream answers a finished result with `headers`; what does the proxy do twice? */
async function twice(headers: Record<string, string>, ignore = false) {
  h = await startHarness({ config: { ignoreUpstreamDirectives: ignore } });
  h.upstream.answer((call, res) =>
    json(200, resultFor(ID, call.headers.authorization), headers)(call, res),
  );
  const first = await h.get(`/api/file/${ID}`);
  h.clock.advance(5_000);
  const second = await h.get(`/api/file/${ID}`);
  return { first, second, calls: h.upstream.calls.length };
}

describe('upstream caching directives, honoured by default', () => {
  it.each([
    ['Cache-Control: no-store', { 'cache-control': 'no-store' }],
    ['Cache-Control: private', { 'cache-control': 'private' }],
    ['Cache-Control: max-age=0', { 'cache-control': 'max-age=0' }],
    ['Cache-Control: no-cache', { 'cache-control': 'no-cache' }],
    ['Pragma: no-cache', { pragma: 'no-cache' }],
    ['Vary: *', { vary: '*' }],
    ['an Expires already past', { expires: '0' }],
  ])('%s: not served from the cache', async (_name, headers) => {
    const { first, second, calls } = await twice(headers);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-status')).toBe('mdss-proxy; fwd=uri-miss; fwd-status=200');
    expect(second.headers.get('cache-status')).not.toMatch(/hit/);
    expect(calls).toBe(2);
  });

  it('Cache-Control: max-age=2 bounds our 300 s freshness to 2 s', async () => {
    const { first, second, calls } = await twice({ 'cache-control': 'max-age=2' });
    expect(first.headers.get('cache-status')).toBe(
      'mdss-proxy; fwd=uri-miss; fwd-status=200; stored; ttl=2',
    );
    expect(first.headers.get('cache-control')).toBe('private, max-age=2');
    expect(second.headers.get('cache-status')).toMatch(/^mdss-proxy; fwd=stale; fwd-status=200/);
    expect(calls).toBe(2);
  });

  it('an upstream max-age longer than ours never lengthens our lifetime', async () => {
    const { first } = await twice({ 'cache-control': 'max-age=86400' });
    expect(first.headers.get('cache-status')).toMatch(/; stored; ttl=300$/);
  });

  it('s-maxage, unlike max-age, forbids serving the expired result when the upstream fails', async () => {
    for (const [cacheControl, staleServed] of [
      ['max-age=2', true],
      ['s-maxage=2', false],
    ] as const) {
      h = await startHarness();
      h.upstream.answer((call, res) =>
        json(200, resultFor(ID, call.headers.authorization), { 'cache-control': cacheControl })(
          call,
          res,
        ),
      );
      await h.get(`/api/file/${ID}`);
      h.upstream.answer(json(500, { err: 'down' }));
      h.clock.advance(5_000);
      const during = await h.get(`/api/file/${ID}`);
      expect(during.status, cacheControl).toBe(staleServed ? 200 : 502);
      await h.close();
    }
  });
});

describe('CACHE_IGNORE_UPSTREAM_DIRECTIVES=true', () => {
  it('caches for our lifetimes over no-store, says so in Cache-Status, and once at start', async () => {
    const { first, second, calls } = await twice({ 'cache-control': 'no-store' }, true);
    expect(first.headers.get('cache-status')).toBe(
      'mdss-proxy; fwd=uri-miss; fwd-status=200; stored; ttl=300; detail=upstream-directives-ignored',
    );
    expect(second.headers.get('cache-status')).toMatch(/^mdss-proxy; hit/);
    expect(calls).toBe(1);
    const announced = h.logs.filter((line) => line.level === 'warn');
    expect(announced).toEqual([
      expect.objectContaining({ msg: expect.stringContaining('CACHE_IGNORE_UPSTREAM_DIRECTIVES') }),
    ]);
  });

  it('adds no detail when the upstream said nothing to ignore', async () => {
    const { first } = await twice({}, true);
    expect(first.headers.get('cache-status')).toMatch(/; stored; ttl=300$/);
  });
});
