// The proxy in front of an upstream that fails: the upstream's errors as they really come
// (statuses, HTML pages, resets, stalls, oversized bodies), and results that stand in for them.
import type { ServerResponse } from 'node:http';
import { nginxPage as nginxPageText } from '@mdss-kit/mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, ID, startHarness, TOKEN_A, TOKEN_B } from '../../test/harness.ts';
import { type Answer, delayed, files, json } from '../../test/upstream-server.ts';

/** Answers 200 with `body` as it is, whatever it is. */
const raw =
  (body: string | Buffer) =>
  (_call: unknown, res: ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  };

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('a bad upstream', () => {
  it.each([400, 401, 403, 404])(
    'passes %i through with its body, and caches nothing',
    async (status) => {
      h.upstream.answer(json(status, { [ID]: 'Not Found', err: 'nope' }));
      const first = await h.get(`/api/file/${ID}`);
      expect(first.status).toBe(status);
      expect(first.body).toEqual({ [ID]: 'Not Found', err: 'nope' });
      expect(first.headers.get('cache-control')).toBe('no-store');
      expect(first.headers.get('cache-status')).toBe(
        `mdss-proxy; fwd=uri-miss; fwd-status=${status}`,
      );
      await h.get(`/api/file/${ID}`);
      expect(h.upstream.calls).toHaveLength(2);
    },
  );

  it('passes 429 through with its Retry-After', async () => {
    h.upstream.answer(json(429, { err: 'slow down' }, { 'retry-after': '7' }));
    const { status, headers } = await h.get(`/api/file/${ID}`);
    expect(status).toBe(429);
    expect(headers.get('retry-after')).toBe('7');
  });

  it('keeps the Retry-After of a 429 whose body is not JSON, on the problem it becomes', async () => {
    h.upstream.answer((_call, res) => {
      res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '7' }).end('slow down');
    });
    const { status, headers, body } = await h.get(`/api/file/${ID}`);
    expect(status).toBe(429);
    expect(body).toMatchObject({ type: 'urn:mdss-kit:problem:upstream-rate-limited' });
    expect(headers.get('retry-after')).toBe('7');
    expect(headers.get('cache-control')).toBe('no-store');
  });

  it('turns an upstream error body that is not JSON into a problem with the same status', async () => {
    h.upstream.answer((_call, res) => {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>gone</h1>');
    });
    const { status, body } = await h.get(`/api/file/${ID}`);
    expect(status).toBe(404);
    expect(body.upstreamStatus).toBe(404);
  });

  it.each([500, 502, 504])(
    'answers 502 naming an upstream %i, and caches nothing',
    async (upstreamStatus) => {
      h.upstream.answer(json(upstreamStatus, { err: 'down' }));
      const { status, body } = await h.get(`/api/file/${ID}`);
      expect(status).toBe(502);
      expect(body).toMatchObject({ type: 'urn:mdss-kit:problem:upstream-error', upstreamStatus });
      expect(body.detail).toContain(String(upstreamStatus));
      await h.get(`/api/file/${ID}`);
      expect(h.upstream.calls).toHaveLength(2);
    },
  );

  it('answers 504 when the upstream is slower than UPSTREAM_TIMEOUT_MS, and aborts the upstream request', async () => {
    const slow = await startHarness({ config: { upstreamTimeoutMs: 50 } });
    try {
      slow.upstream.answer(delayed(2000, files()));
      const { status, body } = await slow.get(`/api/file/${ID}`);
      expect(status).toBe(504);
      expect(body.type).toBe('urn:mdss-kit:problem:upstream-timeout');
      await expect.poll(() => slow.upstream.calls[0]?.aborted).toBe(true);
    } finally {
      await slow.close();
    }
  });

  it('answers 504 when the body stalls after the headers', async () => {
    const slow = await startHarness({ config: { upstreamTimeoutMs: 50 } });
    try {
      slow.upstream.answer((_call, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":"');
      });
      expect((await slow.get(`/api/file/${ID}`)).status).toBe(504);
    } finally {
      await slow.close();
    }
  });

  it('answers 502 when the upstream resets the connection mid-body, and keeps nothing', async () => {
    h.upstream.answer((_call, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"id":"5e91');
      setTimeout(() => res.destroy(), 5);
    });
    const { status, body } = await h.get(`/api/file/${ID}`);
    expect(status).toBe(502);
    expect(body.type).toBe('urn:mdss-kit:problem:upstream-unreachable');
    h.upstream.answer(files());
    expect((await h.get(`/api/file/${ID}`)).headers.get('cache-status')).toMatch(/fwd=uri-miss/);
  });

  it('answers 502 when the upstream refuses the connection', async () => {
    await h.upstream.close();
    const { status, body } = await h.get(`/api/file/${ID}`);
    expect(status).toBe(502);
    expect(body.type).toBe('urn:mdss-kit:problem:upstream-unreachable');
  });

  it.each([
    ['not JSON', raw('<html>')],
    ['truncated JSON', raw('{"id": "x"')],
    ['not UTF-8', raw(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))],
    ['a JSON array', json(200, [{ id: ID }])],
    ['a JSON string', json(200, 'hello')],
    ['an object without an id', json(200, { processingState: 2 })],
    ['an object with a numeric id', json(200, { id: 42 })],
    ['an object with an empty id', json(200, { id: '' })],
    ["another file's result", json(200, { id: 'ffffffffffffffffffffffff', processingState: 2 })],
  ])('answers 502 for a 200 body that is %s, and caches nothing', async (_name, answer) => {
    h.upstream.answer(answer);
    const { status, body } = await h.get(`/api/file/${ID}`);
    expect(status).toBe(502);
    expect(body.type).toBe('urn:mdss-kit:problem:upstream-invalid-response');
    await h.get(`/api/file/${ID}`);
    expect(h.upstream.calls).toHaveLength(2);
  });

  it('serves a result whose id differs from the one asked for only in case', async () => {
    h.upstream.answer(json(200, { id: ID.toUpperCase(), processingState: 2 }));
    const { status, body } = await h.get(`/api/file/${ID}`);
    expect(status).toBe(200);
    expect(body.id).toBe(ID.toUpperCase());
  });

  it('answers 502 for a body over UPSTREAM_MAX_BYTES, declared or streamed', async () => {
    const big = { id: ID, padding: 'x'.repeat(70 * 1024) };
    h.upstream.answer(json(200, big));
    expect((await h.get(`/api/file/${ID}`)).body.detail).toContain('larger than 65536 bytes');
    h.upstream.answer((_call, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(JSON.stringify(big).slice(0, 40_000));
      res.end(JSON.stringify(big).slice(40_000));
    });
    const streamed = await h.get(`/api/file/${ID}`);
    expect(streamed.status).toBe(502);
    expect(streamed.body.detail).toContain('larger than 65536 bytes');
  });
});

/** NGINX's own error page, as MDSS's web server sends it (domain notes §8.9). */
const nginxPage =
  (status: number, reason: string, headers: Record<string, string> = {}) =>
  (_call: unknown, res: ServerResponse): void => {
    res
      .writeHead(status, { 'content-type': 'text/html', ...headers })
      .end(nginxPageText(status, reason));
  };

describe('error answers as MDSS really sends them (domain notes §8.9)', () => {
  /** A page MDSS may send, and the problem (status, kind) it becomes. */
  const page = (
    name: string,
    answer: Answer,
    [status, kind, upstreamStatus]: [number, string, number],
  ) => ({ name, answer, status, kind, upstreamStatus });
  it.each([
    page('NGINX’s HTML 502', nginxPage(502, 'Bad Gateway'), [502, 'upstream-error', 502]),
    page('NGINX’s HTML 504', nginxPage(504, 'Gateway Time-out'), [502, 'upstream-error', 504]),
    page('Core’s {"err"} 500', json(500, { err: 'Internal error' }), [502, 'upstream-error', 500]),
    page('Core’s {"err"} 405', json(405, { err: 'Method not allowed' }), [
      502,
      'upstream-error',
      405,
    ]),
    page('an empty 401 from the .NET back end', (_call, res) => void res.writeHead(401).end(), [
      401,
      'upstream-rejected',
      401,
    ]),
    page('an HTML 403', nginxPage(403, 'Forbidden'), [403, 'upstream-rejected', 403]),
  ])(
    '$name: answers $status with the problem, as JSON, never the page',
    async ({ answer, status, kind, upstreamStatus }) => {
      h.upstream.answer(answer);
      for (const path of [`/api/file/${ID}`, `/api/file/${ID}/summary`]) {
        const response = await h.get(path);
        expect(response.status).toBe(status);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        expect(response.body).toMatchObject({
          type: `urn:mdss-kit:problem:${kind}`,
          upstreamStatus,
        });
        expect(JSON.stringify(response.body)).not.toMatch(/<html|nginx/i);
        expect(response.headers.get('cache-control')).toBe('no-store');
      }
    },
  );

  it.each([
    ['JSON', json(503, { err: 'Server is too busy' }, { 'retry-after': '5' })],
    ['an HTML page', nginxPage(503, 'Service Temporarily Unavailable', { 'retry-after': '5' })],
  ])(
    'keeps a busy upstream’s 503 (body: %s) and its Retry-After, as upstream-unavailable',
    async (_name, answer) => {
      h.upstream.answer(answer);
      for (const path of [`/api/file/${ID}`, `/api/file/${ID}/summary`]) {
        const response = await h.get(path);
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('5');
        expect(response.body).toMatchObject({
          type: 'urn:mdss-kit:problem:upstream-unavailable',
          upstreamStatus: 503,
        });
      }
      expect(h.upstream.calls).toHaveLength(2);
    },
  );

  it('keeps a 503 without Retry-After a 503, and invents no Retry-After', async () => {
    h.upstream.answer(json(503, {}));
    const response = await h.get(`/api/file/${ID}`);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBeNull();
  });

  it.each([
    ['Core’s not-found body keyed by the id', 404, { [ID]: 'Not Found' }],
    ['MDSS’s PascalCase envelope', 400, { ResponseKey: 'BAD_REQUEST', ResponseMessage: 'Invalid' }],
    ['a 403 envelope', 403, { responseKey: 'FORBIDDEN', responseMessage: 'Access denied' }],
  ])('passes %s (%i) through as it came', async (_name, status, body) => {
    h.upstream.answer(json(status, body));
    const response = await h.get(`/api/file/${ID}`);
    expect(response.status).toBe(status);
    expect(response.body).toEqual(body);
  });

  it('passes a JSON 429 through with its Retry-After, and turns an HTML one into upstream-rate-limited with it', async () => {
    h.upstream.answer(json(429, { err: 'Too many requests' }, { 'retry-after': '3' }));
    const passed = await h.get(`/api/file/${ID}`);
    expect([passed.status, passed.headers.get('retry-after')]).toEqual([429, '3']);
    expect(passed.body).toEqual({ err: 'Too many requests' });
    h.upstream.answer(nginxPage(429, 'Too Many Requests', { 'retry-after': '3' }));
    const problem = await h.get(`/api/file/${ID}`);
    expect([problem.status, problem.headers.get('retry-after')]).toEqual([429, '3']);
    expect(problem.body.type).toBe('urn:mdss-kit:problem:upstream-rate-limited');
  });
});

describe('stale if error', () => {
  it.each([
    [
      'a 500',
      () => h.upstream.answer(json(500, {})),
      'fwd=stale; fwd-status=500; detail=stale-if-error',
    ],
    ['a refused connection', () => h.upstream.close(), 'fwd=stale; detail=stale-if-error'],
  ])(
    'serves an expired finished result, marked stale, when the upstream answers %s',
    async (_name, fail, status) => {
      const fresh = await h.get(`/api/file/${ID}`);
      h.clock.advance(301_000);
      await fail();
      const stale = await h.get(`/api/file/${ID}`);
      expect(stale.status).toBe(200);
      expect(stale.body).toEqual(fresh.body);
      expect(stale.headers.get('cache-status')).toBe(`mdss-proxy; ${status}`);
      expect(stale.headers.get('cache-control')).toBe('private, max-age=0');
    },
  );

  it('serves no stale result to another token', async () => {
    await h.get(`/api/file/${ID}`, { token: TOKEN_A });
    h.clock.advance(301_000);
    h.upstream.answer(json(500, {}));
    expect((await h.get(`/api/file/${ID}`, { token: TOKEN_B })).status).toBe(502);
  });

  it('serves no stale result in progress, and none past the stale window', async () => {
    h.upstream.answer(files(0));
    await h.get(`/api/file/${ID}`);
    h.clock.advance(2000);
    h.upstream.answer(json(500, {}));
    expect((await h.get(`/api/file/${ID}`)).status).toBe(502);

    h.upstream.answer(files(2));
    await h.get('/api/file/done');
    h.clock.advance((300 + 3600) * 1000);
    h.upstream.answer(json(500, {}));
    expect((await h.get('/api/file/done')).status).toBe(502);
  });

  it('passes an upstream 401 through instead of serving stale', async () => {
    await h.get(`/api/file/${ID}`);
    h.clock.advance(301_000);
    h.upstream.answer(json(401, { err: 'token revoked' }));
    expect((await h.get(`/api/file/${ID}`)).status).toBe(401);
  });
});
