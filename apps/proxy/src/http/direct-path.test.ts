import { proxyContract } from '@mdss-kit/contract/validate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  contractBody,
  type Harness,
  type HarnessOptions,
  startHarness,
} from '../../test/harness.ts';
import { json } from '../../test/upstream-server.ts';
import { withFetchDirectPath } from './direct-path.ts';

let h: Harness;
let direct: (request: Request) => Response | Promise<Response>;
let viaApp: number;
/** A harness, and `direct`: its direct path in front of its app, which counts what reaches it. */
async function startDirect(options: HarnessOptions = {}) {
  h = await startHarness(options);
  viaApp = 0;
  const app = (request: Request) => {
    viaApp++;
    return h.app.fetch(request);
  };
  const { directPath } = h.app;
  if (!directPath) throw new Error('a process (no ExecutionContext) must have the direct path');
  direct = withFetchDirectPath(app, directPath);
}
afterEach(async () => {
  await h.close();
});

const request = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  new Request(`http://proxy.test${path}`, {
    method,
    headers: { authorization: 'Bearer token-a', ...headers },
  });
const get = (path: string, headers: Record<string, string> = {}) => direct(request(path, headers));
/** The same request, answered by the router alone. */
const viaRouter = (path: string, headers: Record<string, string> = {}) =>
  h.app.fetch(request(path, headers));

const HEADERS = [
  'cache-status',
  'cache-control',
  'etag',
  'vary',
  'age',
  'content-type',
  'content-length',
  'retry-after',
  'x-request-id',
];

/** What the direct path and the router answered the same request: status, headers, body. */
async function sameAnswer(path: string, first: Response, second: Response) {
  expect(second.status).toBe(first.status);
  for (const name of HEADERS) expect(second.headers.get(name), name).toBe(first.headers.get(name));
  expect(await contractBody(second, path)).toEqual(await contractBody(first, path));
}

describe('the direct path', () => {
  beforeEach(() => startDirect());

  it('answers a fresh hit itself, with the same body and headers the router gives', async () => {
    const miss = await get('/api/file/a', { 'x-request-id': 'r-1' });
    expect(miss.status).toBe(200);
    const fromRouter = await viaRouter('/api/file/a', { 'x-request-id': 'r-1' });
    const hit = await get('/api/file/a', { 'x-request-id': 'r-1' });
    expect(viaApp).toBe(0);
    expect(hit.headers.get('cache-status')).toMatch(/^mdss-proxy; hit/);
    await sameAnswer('/api/file/a', fromRouter, hit);
    expect(h.logs.at(-1)).toMatchObject({
      route: '/api/file/:id',
      status: 200,
      cache: 'hit',
      requestId: 'r-1',
    });
  });

  it('answers a miss itself, with the same body and headers the router gives', async () => {
    // One body for every token: two credentials miss the same id, one on each path.
    h.upstream.answer(json(200, { id: 'm', processingState: 2, progress: { scan: 100 } }));
    const fromRouter = await h.app.fetch(
      request('/api/file/m', { authorization: 'Bearer token-b', 'x-request-id': 'r-2' }),
    );
    const miss = await get('/api/file/m', { 'x-request-id': 'r-2' });
    expect(viaApp).toBe(0);
    expect(h.upstream.calls).toHaveLength(2);
    expect(miss.headers.get('cache-status')).toMatch(/^mdss-proxy; fwd=uri-miss/);
    await sameAnswer('/api/file/m', fromRouter, miss);
  });

  it.each([
    ['passes through', json(404, { err: 'Not Found' })],
    ['turns into a problem', json(503, { error: 'busy' }, { 'retry-after': '7' })],
    ['refuses as another file’s', json(200, { id: 'another', processingState: 2 })],
  ])('answers an upstream failure it %s as the router does', async (_name, answer) => {
    h.upstream.answer(answer);
    const fromRouter = await viaRouter('/api/file/f', { 'x-request-id': 'r-3' });
    const failed = await get('/api/file/f', { 'x-request-id': 'r-3' });
    expect(viaApp).toBe(0);
    expect(failed.status).toBeGreaterThanOrEqual(400);
    await sameAnswer('/api/file/f', fromRouter, failed);
  });

  it('logs a direct miss and hit with the same fields as the router logs a request', async () => {
    await viaRouter('/api/file/d', { 'x-request-id': 'via-router' });
    await get('/api/file/e', { 'x-request-id': 'direct-miss' });
    await get('/api/file/e', { 'x-request-id': 'direct-hit' });
    const [fromRouter, miss, hit] = h.logs;
    const fields = Object.keys(fromRouter ?? {}).sort();
    expect(Object.keys(miss ?? {}).sort()).toEqual(fields);
    expect(Object.keys(hit ?? {}).sort()).toEqual(fields);
    expect(miss).toMatchObject({ route: '/api/file/:id', cache: 'miss', requestId: 'direct-miss' });
    expect(typeof (miss as { upstreamMs?: unknown }).upstreamMs).toBe('number');
    expect(hit).toMatchObject({ route: '/api/file/:id', cache: 'hit', requestId: 'direct-hit' });
  });

  it('sends a miss and a hit before it logs them: the caller does not wait for the access line', async () => {
    const { directPath } = h.app;
    const linesWhenSent: number[] = [];
    const send = (answer: { status: number }) => {
      linesWhenSent.push(h.logs.length);
      return { status: answer.status };
    };
    const plain = {
      method: 'GET',
      target: '/api/file/s',
      header: (name: string) => (name === 'authorization' ? 'Bearer token-a' : undefined),
    };
    const miss = await directPath?.(plain, send);
    const hit = await directPath?.(plain, send);
    expect([miss?.status, hit?.status]).toEqual([200, 200]);
    expect(linesWhenSent).toEqual([0, 1]);
    expect(h.logs.map((line) => ('cache' in line ? line.cache : line.msg))).toEqual([
      'miss',
      'hit',
    ]);
  });

  it('reads a query string as the router does: ignored, so a hit is still a hit', async () => {
    await get('/api/file/q');
    const hit = await get('/api/file/q?x=1');
    expect(hit.headers.get('cache-status')).toMatch(/^mdss-proxy; hit/);
    expect(h.upstream.calls).toHaveLength(1);
  });

  it('answers a summary and a 304 itself', async () => {
    const summary = await get('/api/file/b/summary');
    expect(summary.status).toBe(200);
    const etag = summary.headers.get('etag') ?? '';
    expect((await get('/api/file/b/summary', { 'if-none-match': etag })).status).toBe(304);
    expect(viaApp).toBe(0);
  });

  it.each([
    ['a bad id', '/api/file/%2e%2e', {}, 'GET'],
    ['no token', '/api/file/c', { authorization: '' }, 'GET'],
    ['two tokens', '/api/file/c', { authorization: 'Bearer a, Bearer b' }, 'GET'],
    ['a stream', '/api/file/c/events', {}, 'GET'],
    ['a long-poll', '/api/file/c', { prefer: 'wait=1' }, 'GET'],
    ['a HEAD', '/api/file/c', {}, 'HEAD'],
    ['another path', '/api/files/summary?id=c', {}, 'GET'],
  ])('leaves %s to the router', async (_name, path, headers, method) => {
    const response = await direct(request(path, headers, method));
    await response.body?.cancel();
    expect(viaApp).toBe(1);
  });
});

describe('the direct path, when something it did not expect throws', () => {
  // Every file result fails as a bug would: not a ProblemError, not a failure the upstream made.
  beforeEach(() =>
    startDirect({
      observers: [{ resolve: () => () => Promise.reject(new Error('the resolver broke')) }],
    }),
  );

  it('answers a 500 problem itself, and logs the error and the access line', async () => {
    const failed = await get('/api/file/x', { 'x-request-id': 'r-500' });
    expect(viaApp).toBe(0);
    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-type')).toBe('application/problem+json');
    expect(failed.headers.get('x-request-id')).toBe('r-500');
    const body: unknown = await failed.json();
    proxyContract.assertResponse('/api/file/{id}', 500, body, {
      contentType: 'application/problem+json',
    });
    expect(body).toMatchObject({
      type: 'urn:mdss-kit:problem:internal',
      status: 500,
      instance: '/api/file/x',
      requestId: 'r-500',
    });
    expect(h.logs).toEqual([
      { level: 'error', msg: 'unhandled error', requestId: 'r-500', error: 'the resolver broke' },
      expect.objectContaining({
        level: 'info',
        method: 'GET',
        route: '/api/file/:id',
        status: 500,
        cache: 'none',
        requestId: 'r-500',
      }),
    ]);
    expect(JSON.stringify(h.logs)).not.toContain('token-a');
  });
});
