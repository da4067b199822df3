import { type ProxyProcess, runProxy, startProxy } from '@mdss-kit/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractBody, ID, TOKEN_A } from '../../test/harness.ts';
import { rawGet } from '../../test/raw-http.ts';
import { startUpstream, type UpstreamServer } from '../../test/upstream-server.ts';

describe('the proxy on Node, over real HTTP', () => {
  let upstream: UpstreamServer;
  let proxy: ProxyProcess;
  beforeAll(async () => {
    upstream = await startUpstream();
    proxy = await startProxy({
      MDSS_URL: upstream.url,
      CACHE_KEY_SECRET: 'node runtime test secret',
    });
  });
  afterAll(async () => {
    await proxy?.stop();
    await upstream?.close();
  });

  it('serves a miss, then a hit, for the same token and id', async () => {
    const headers = { authorization: `Bearer ${TOKEN_A}` };
    const first = await fetch(`${proxy.url}/api/file/${ID}`, { headers });
    expect(first.status).toBe(200);
    expect((await contractBody(first, `/api/file/${ID}`)).id).toBe(ID);
    const second = await fetch(`${proxy.url}/api/file/${ID}/summary`, { headers });
    expect(second.headers.get('cache-status')).toMatch(/^mdss-proxy; hit/);
    expect((await contractBody(second, `/api/file/${ID}/summary`)).id).toBe(ID);
    expect(upstream.calls.map((call) => call.path)).toEqual([`/api/file/${ID}`]);
  });

  it('answers hits directly with the same headers the app gives, 304 included', async () => {
    const headers = { authorization: `Bearer ${TOKEN_A}`, 'x-request-id': 'direct-1' };
    const miss = await (await fetch(`${proxy.url}/api/file/direct`, { headers })).text();
    const direct = await fetch(`${proxy.url}/api/file/direct?query=ignored`, { headers });
    // HEAD is not a direct hit: the app answers it, from the same entry.
    const viaApp = await fetch(`${proxy.url}/api/file/direct`, { headers, method: 'HEAD' });
    for (const response of [direct, viaApp]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-status')).toMatch(/^mdss-proxy; hit; ttl=\d+$/);
      expect(response.headers.get('x-request-id')).toBe('direct-1');
      expect(response.headers.get('vary')).toBe('Authorization');
      expect(response.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    }
    expect(direct.headers.get('etag')).toBe(viaApp.headers.get('etag'));
    expect(await direct.text()).toBe(miss);
    const summary = await fetch(`${proxy.url}/api/file/direct/summary`, { headers });
    const notModified = await fetch(`${proxy.url}/api/file/direct/summary`, {
      headers: { ...headers, 'if-none-match': summary.headers.get('etag') ?? '' },
    });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(summary.headers.get('etag'));
    expect(upstream.calls.filter((call) => call.path === '/api/file/direct')).toHaveLength(1);
  });

  it.each([
    '/api/file/..',
    '/api/file/%2e%2e',
    '/api/file/%2E%2e/summary',
    '/api/file/.%2e',
    '/api/file/a%2Fb',
    '/api/file/a%5cb',
    '/api/file/%00',
    `/api/file/${'x'.repeat(200)}`,
  ])('answers 400 problem to the raw request target %s and calls no upstream', async (target) => {
    const before = upstream.calls.length;
    const { status, body } = await rawGet(proxy.url, target, TOKEN_A);
    expect(status).toBe(400);
    expect(JSON.parse(body).type).toMatch(/^urn:mdss-kit:problem:invalid-(id|path)$/);
    expect(upstream.calls.length).toBe(before);
  });

  it('answers 400 to a raw backslash in the request target and calls no upstream', async () => {
    // @hono/node-server refuses such a request line itself, before the app sees it.
    const before = upstream.calls.length;
    expect((await rawGet(proxy.url, '/api/file/a\\b', TOKEN_A)).status).toBe(400);
    expect(upstream.calls.length).toBe(before);
  });

  it('logs JSON lines without the token', () => {
    const requests = proxy.lines.filter((line) => line.route !== undefined);
    expect(requests.length).toBeGreaterThan(0);
    expect(JSON.stringify(proxy.lines)).not.toContain(TOKEN_A);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await proxy.stop()).toBe(0);
  });
});

describe('start-up', () => {
  it.each([
    [{ PORT: 'http' }, 'PORT must be a whole number'],
    [{ MDSS_URL: 'not a url' }, 'MDSS_URL must be an absolute http(s) URL'],
    [{ CACHE_STORE: 'redis' }, 'REDIS_URL is required'],
    [{ CACHE_STORE: 'cache-api' }, "CACHE_STORE 'cache-api' is not available on node"],
  ])('stops with a message naming the variable for %o', async (env, message) => {
    const { child, stderr } = runProxy(env);
    const text = await stderr;
    expect(child.exitCode).toBe(1);
    expect(text).toContain(`mdss-proxy: invalid configuration: ${message}`);
  });
});

describe('demo mode', () => {
  it('starts the built-in mock MDSS when MDSS_URL is unset, says so, and serves its demo ids', async () => {
    const { demoIds } = await import('@mdss-kit/mock');
    const proxy = await startProxy({});
    try {
      const demo = proxy.lines.find((line) => String(line.msg).startsWith('demo mode'));
      expect(demo?.demoIds).toEqual(demoIds);
      const headers = { authorization: 'Bearer demo' };
      const raw = await fetch(`${proxy.url}/api/file/${demoIds.infected}`, { headers });
      expect(raw.status).toBe(200);
      expect((await contractBody(raw, `/api/file/${demoIds.infected}`)).id).toBe(demoIds.infected);
      const summary = await fetch(`${proxy.url}/api/file/${demoIds.infected}/summary`, { headers });
      expect(summary.headers.get('cache-status')).toMatch(/^mdss-proxy; hit/);
      expect(await contractBody(summary, `/api/file/${demoIds.infected}/summary`)).toMatchObject({
        decision: 'blocked',
        verdict: { label: 'Infected' },
      });
    } finally {
      await proxy.stop();
    }
  });
});
