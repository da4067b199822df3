import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../test/harness.ts';
import { withFetchDirectHits } from './direct-hits.ts';

let h: Harness;
let fetchWithHits: (request: Request) => Response | Promise<Response>;
let viaApp: number;
beforeEach(async () => {
  h = await startHarness();
  viaApp = 0;
  const app = (request: Request) => {
    viaApp++;
    return h.app.fetch(request);
  };
  const { directHit } = h.app;
  if (!directHit) throw new Error('the memory store offers peek: direct hits must be on');
  fetchWithHits = withFetchDirectHits(app, directHit);
});
afterEach(async () => {
  await h.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetchWithHits(
    new Request(`http://proxy.test${path}`, {
      headers: { authorization: 'Bearer token-a', ...headers },
    }),
  );

describe('withFetchDirectHits', () => {
  it('answers a fresh hit itself, with the same body and headers the app gives', async () => {
    const miss = await get('/api/file/a', { 'x-request-id': 'r-1' });
    expect(viaApp).toBe(1);
    const fromApp = await h.get('/api/file/a', { headers: { 'x-request-id': 'r-1' } });
    const direct = await get('/api/file/a', { 'x-request-id': 'r-1' });
    expect(viaApp).toBe(1);
    expect(await direct.text()).toBe(JSON.stringify(fromApp.body));
    for (const name of [
      'cache-status',
      'cache-control',
      'etag',
      'vary',
      'age',
      'content-type',
      'x-request-id',
    ]) {
      expect(direct.headers.get(name), name).toBe(fromApp.headers.get(name));
    }
    expect(miss.status).toBe(200);
    expect(h.logs.at(-1)).toMatchObject({
      route: '/api/file/:id',
      status: 200,
      cache: 'hit',
      requestId: 'r-1',
    });
  });

  it('logs a direct hit with the same fields as the app logs a request', async () => {
    await get('/api/file/d', { 'x-request-id': 'via-app' });
    await get('/api/file/d', { 'x-request-id': 'direct' });
    expect(viaApp).toBe(1);
    const [fromApp, direct] = h.logs;
    expect(Object.keys(direct ?? {}).sort()).toEqual(Object.keys(fromApp ?? {}).sort());
    expect(direct).toMatchObject({ level: 'info', route: '/api/file/:id', cache: 'hit' });
  });

  it('reads a query string as the app does: ignored, so a hit is still a hit', async () => {
    await get('/api/file/q');
    const hit = await get('/api/file/q?x=1');
    expect(hit.headers.get('cache-status')).toMatch(/^mdss-proxy; hit/);
    expect(viaApp).toBe(1);
  });

  it('answers a summary hit and a 304 itself', async () => {
    await get('/api/file/b');
    const summary = await get('/api/file/b/summary');
    expect(summary.status).toBe(200);
    const etag = summary.headers.get('etag') ?? '';
    expect((await get('/api/file/b/summary', { 'if-none-match': etag })).status).toBe(304);
    expect(viaApp).toBe(1);
  });

  it.each([
    ['a miss', '/api/file/fresh', {}],
    ['a bad id', '/api/file/%2e%2e', {}],
    ['another token', '/api/file/c', { authorization: 'Bearer token-b' }],
    ['no token', '/api/file/c', { authorization: '' }],
  ])('leaves %s to the app', async (_name, path, headers) => {
    await get('/api/file/c');
    const before = viaApp;
    await get(path, headers);
    expect(viaApp).toBe(before + 1);
  });
});
