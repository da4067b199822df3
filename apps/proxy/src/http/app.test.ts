// The proxy's file endpoints against a well-behaved upstream: what is forwarded, cached and
// coalesced, the summary, bad input, and the operations endpoints.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  contractBody,
  type Harness,
  ID,
  startHarness,
  TOKEN_A,
  TOKEN_B,
} from '../../test/harness.ts';
import { delayed, files, json, resultFor } from '../../test/upstream-server.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** A JWT (unsigned: the proxy only reads `exp`) that expires `inSeconds` after the test clock. */
function jwtExpiringIn(inSeconds: number) {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(h.clock.now() / 1000) + inSeconds;
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: 'ana', exp })}.c2lnbmF0dXJl`;
}

describe('GET /api/file/:id', () => {
  it('forwards a miss, returns the upstream body unchanged, and serves the next request from the cache', async () => {
    const first = await h.get(`/api/file/${ID}`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual(resultFor(ID, `Bearer ${TOKEN_A}`));
    expect(first.headers.get('cache-status')).toBe(
      'mdss-proxy; fwd=uri-miss; fwd-status=200; stored; ttl=300',
    );
    expect(first.headers.get('cache-control')).toBe('private, max-age=300');

    h.clock.advance(10_000);
    const second = await h.get(`/api/file/${ID}`);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('cache-status')).toBe('mdss-proxy; hit; ttl=290');
    expect(second.headers.get('cache-control')).toBe('private, max-age=290');
    expect(second.headers.get('age')).toBe('10');
    expect(h.upstream.calls).toHaveLength(1);
  });

  it('sends the upstream only GET /api/file/<id> with the caller’s Authorization, Accept and request id', async () => {
    await h.get(`/api/file/${ID}`, {
      headers: {
        accept: 'application/json',
        cookie: 'session=secret',
        'x-forwarded-for': '10.0.0.1',
        connection: 'keep-alive, x-custom',
        'x-custom': 'hop',
        'x-request-id': 'req-123',
        'proxy-authorization': 'Basic abc',
      },
    });
    const [call] = h.upstream.calls;
    expect(call?.method).toBe('GET');
    expect(call?.path).toBe(`/api/file/${ID}`);
    expect(call?.headers.authorization).toBe(`Bearer ${TOKEN_A}`);
    expect(call?.headers.accept).toBe('application/json');
    expect(call?.headers['x-request-id']).toBe('req-123');
    for (const header of ['cookie', 'x-forwarded-for', 'x-custom', 'proxy-authorization']) {
      expect(call?.headers[header], header).toBeUndefined();
    }
  });

  it('answers with no hop-by-hop headers and echoes the request id', async () => {
    h.upstream.answer(
      json(200, resultFor(ID, 'x'), {
        connection: 'close',
        'keep-alive': 'timeout=5',
        'x-upstream-secret': '1',
      }),
    );
    const { headers } = await h.get(`/api/file/${ID}`, {
      headers: { 'x-request-id': 'abc.DEF_1:2-3' },
    });
    expect(headers.get('x-request-id')).toBe('abc.DEF_1:2-3');
    for (const name of ['connection', 'keep-alive', 'transfer-encoding', 'x-upstream-secret']) {
      expect(headers.get(name), name).toBeNull();
    }
    expect(headers.get('vary')).toBe('Authorization');
  });

  it('replaces an insane request id with a fresh one, and forwards that', async () => {
    const { headers } = await h.get(`/api/file/${ID}`, {
      headers: { 'x-request-id': 'bad id\twith "quotes"' },
    });
    const id = headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.upstream.calls[0]?.headers['x-request-id']).toBe(id);
  });

  it('keeps two tokens apart: each gets only the result its own token fetched', async () => {
    const a = await h.get(`/api/file/${ID}`, { token: TOKEN_A });
    const b = await h.get(`/api/file/${ID}`, { token: TOKEN_B });
    expect(a.body.servedTo).toBe(`Bearer ${TOKEN_A}`);
    expect(b.body.servedTo).toBe(`Bearer ${TOKEN_B}`);
    expect(b.headers.get('cache-status')).toMatch(/fwd=uri-miss/);
    const again = await h.get(`/api/file/${ID}`, { token: TOKEN_B });
    expect(again.body.servedTo).toBe(`Bearer ${TOKEN_B}`);
    expect(h.upstream.calls).toHaveLength(2);
  });

  it('caches a result in progress for one second only', async () => {
    h.upstream.answer(files(0));
    const first = await h.get(`/api/file/${ID}`);
    expect(first.headers.get('cache-status')).toBe(
      'mdss-proxy; fwd=uri-miss; fwd-status=200; stored; ttl=1',
    );
    h.clock.advance(999);
    expect((await h.get(`/api/file/${ID}`)).headers.get('cache-status')).toMatch(
      /^mdss-proxy; hit/,
    );
    expect(h.upstream.calls).toHaveLength(1);
    h.clock.advance(1);
    await h.get(`/api/file/${ID}`);
    expect(h.upstream.calls).toHaveLength(2);
  });

  it('caches a finished result for CACHE_TTL_SECONDS, then asks again', async () => {
    await h.get(`/api/file/${ID}`);
    h.clock.advance(299_999);
    await h.get(`/api/file/${ID}`);
    expect(h.upstream.calls).toHaveLength(1);
    h.clock.advance(1);
    const refreshed = await h.get(`/api/file/${ID}`);
    expect(refreshed.headers.get('cache-status')).toMatch(
      /^mdss-proxy; fwd=stale; fwd-status=200; stored/,
    );
    expect(h.upstream.calls).toHaveLength(2);
  });

  it('never caches beyond the JWT’s exp', async () => {
    const token = jwtExpiringIn(30);
    const first = await h.get(`/api/file/${ID}`, { token });
    expect(first.headers.get('cache-control')).toBe('private, max-age=30');
    h.clock.advance(30_000);
    await h.get(`/api/file/${ID}`, { token });
    expect(h.upstream.calls).toHaveLength(2);
  });

  it('does not cache at all with an expired JWT', async () => {
    const token = jwtExpiringIn(-5);
    const first = await h.get(`/api/file/${ID}`, { token });
    expect(first.headers.get('cache-status')).toBe('mdss-proxy; fwd=uri-miss; fwd-status=200');
    await h.get(`/api/file/${ID}`, { token });
    expect(h.upstream.calls).toHaveLength(2);
  });

  it('coalesces 50 concurrent requests for one token and id into one upstream call', async () => {
    // Slow enough that all 50 arrive while the first is still out, even on a loaded machine.
    h.upstream.answer(delayed(300, files()));
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        h.app.request(`/api/file/${ID}`, { headers: { authorization: `Bearer ${TOKEN_A}` } }),
      ),
    );
    expect(h.upstream.calls).toHaveLength(1);
    const statuses = responses.map((r) => r.headers.get('cache-status'));
    expect(statuses.filter((s) => s?.endsWith('; collapsed'))).toHaveLength(49);
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect((await contractBody(response, `/api/file/${ID}`)).id).toBe(ID);
    }
  });

  it('does not coalesce requests of different tokens', async () => {
    h.upstream.answer(delayed(30, files()));
    const [a, b] = await Promise.all([
      h.get(`/api/file/${ID}`, { token: TOKEN_A }),
      h.get(`/api/file/${ID}`, { token: TOKEN_B }),
    ]);
    expect(h.upstream.calls).toHaveLength(2);
    expect(a.body.servedTo).toBe(`Bearer ${TOKEN_A}`);
    expect(b.body.servedTo).toBe(`Bearer ${TOKEN_B}`);
  });

  it('answers 304 to a matching If-None-Match, on a hit and on a miss', async () => {
    const first = await h.get(`/api/file/${ID}`);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);
    const hit = await h.get(`/api/file/${ID}`, {
      headers: { 'if-none-match': `W/"other", ${etag}` },
    });
    expect(hit.status).toBe(304);
    expect(hit.headers.get('etag')).toBe(etag);
    expect(hit.headers.get('cache-control')).toMatch(/^private, max-age=/);

    const otherId = await h.get('/api/file/other', { headers: { 'if-none-match': '*' } });
    expect(otherId.status).toBe(304);
    const changed = await h.get(`/api/file/${ID}`, { headers: { 'if-none-match': '"stale"' } });
    expect(changed.status).toBe(200);
  });
});

describe('GET /api/file/:id/summary', () => {
  it('summarizes the cached result without another upstream call', async () => {
    await h.get(`/api/file/${ID}`);
    const summary = await h.get(`/api/file/${ID}/summary`);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      id: ID,
      state: 'available',
      done: true,
      decision: 'allowed',
    });
    expect(summary.headers.get('cache-status')).toMatch(/^mdss-proxy; hit/);
    expect(h.upstream.calls).toHaveLength(1);
  });

  it('fills the shared cache entry on a miss, for the raw endpoint too', async () => {
    await h.get(`/api/file/${ID}/summary`);
    const raw = await h.get(`/api/file/${ID}`);
    expect(raw.headers.get('cache-status')).toMatch(/^mdss-proxy; hit/);
    expect(h.upstream.calls).toHaveLength(1);
  });

  it('has its own ETag, and answers 304 to it', async () => {
    const raw = await h.get(`/api/file/${ID}`);
    const summary = await h.get(`/api/file/${ID}/summary`);
    const etag = summary.headers.get('etag') ?? '';
    expect(etag).not.toBe(raw.headers.get('etag'));
    expect(
      (await h.get(`/api/file/${ID}/summary`, { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
  });
});

describe('bad input is answered without calling the upstream', () => {
  it.each([
    ['no Authorization header', null, {}],
    ['a Basic credential', null, { authorization: 'Basic dXNlcjpwYXNz' }],
    ['a bare "Bearer"', null, { authorization: 'Bearer' }],
    ['a token with spaces', null, { authorization: 'Bearer two words' }],
    ['a token with a comma', null, { authorization: 'Bearer a,b' }],
  ] as const)('401 for %s', async (_name, token, headers) => {
    const {
      status,
      headers: responseHeaders,
      body,
    } = await h.get(`/api/file/${ID}`, { token, headers });
    expect(status).toBe(401);
    expect(responseHeaders.get('content-type')).toBe('application/problem+json');
    expect(body.type).toBe('urn:mdss-kit:problem:unauthorized');
    expect(h.upstream.calls).toHaveLength(0);
  });

  it.each([
    ['%2e%2e (an encoded ..)', '/api/file/%2e%2e'],
    ['..', '/api/file/..'],
    ['an encoded /', '/api/file/a%2Fb'],
    ['an encoded \\', '/api/file/a%5Cb'],
    ['an encoded ?', '/api/file/a%3Fb'],
    ['an encoded #', '/api/file/a%23b'],
    ['a NUL byte', '/api/file/a%00b'],
    ['a newline', '/api/file/a%0Ab'],
    ['a double-encoded ..', '/api/file/%252e%252e'],
    ['an id over 128 characters', `/api/file/${'a'.repeat(129)}`],
    ['a summary of ..', '/api/file/../summary'],
    ['a path with two segments', '/api/file/a/b'],
    ['an empty id', '/api/file/'],
  ])('400 for %s', async (_name, path) => {
    const { status, body } = await h.get(path);
    expect(status).toBe(400);
    expect(body.type).toMatch(/^urn:mdss-kit:problem:invalid-(id|path)$/);
    expect(h.upstream.calls).toHaveLength(0);
  });

  it('405 with Allow for other methods', async () => {
    const response = await h.app.request(`/api/file/${ID}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${TOKEN_A}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(h.upstream.calls).toHaveLength(0);
  });

  it('404 problem for paths outside the API', async () => {
    const { status, body } = await h.get('/nope');
    expect(status).toBe(404);
    expect(body.type).toBe('urn:mdss-kit:problem:not-found');
  });
});

describe('operations', () => {
  it('GET /healthz answers without touching the upstream', async () => {
    const { status, body } = await h.get('/healthz', { token: null });
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', store: { kind: 'memory', available: true } });
    expect(h.upstream.calls).toHaveLength(0);
  });

  it('logs one JSON line per request, with route, status, cache and request id, and never a token', async () => {
    const secretToken = 'very-secret-token-value';
    await h.get(`/api/file/${ID}`, { token: secretToken, headers: { 'x-request-id': 'r1' } });
    await h.get(`/api/file/${ID}`, { token: secretToken, headers: { 'x-request-id': 'r2' } });
    await h.get('/api/file/..', { token: secretToken });
    expect(h.logs).toHaveLength(3);
    expect(h.logs[0]).toMatchObject({
      level: 'info',
      method: 'GET',
      route: '/api/file/:id',
      status: 200,
      cache: 'miss',
      requestId: 'r1',
    });
    expect(typeof h.logs[0]?.upstreamMs).toBe('number');
    expect(h.logs[1]).toMatchObject({ status: 200, cache: 'hit', requestId: 'r2' });
    expect(h.logs[2]).toMatchObject({ status: 400 });
    expect(JSON.stringify(h.logs)).not.toContain(secretToken);
  });
});
