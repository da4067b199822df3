import { freePort, startProxy } from '@mdss-kit/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { contractBody, type Harness, startHarness } from '../../test/harness.ts';
import { createRedisStore } from '../stores/redis.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const upstreamProbes = (harness: Harness) =>
  harness.upstream.calls.filter((call) => call.path === '/').length;

describe('GET /readyz', () => {
  it('is ready, with the store and MDSS reachable, and probes them once however often it is asked', async () => {
    h = await startHarness();
    for (let i = 0; i < 3; i++) {
      const { status, body } = await h.get('/readyz', { token: null });
      expect(status).toBe(200);
      expect(body).toEqual({
        status: 'ready',
        store: { kind: 'memory', reachable: true },
        upstream: { reachable: true },
      });
    }
    expect(upstreamProbes(h)).toBe(1);
    h.clock.advance(5000);
    await h.get('/readyz', { token: null });
    expect(upstreamProbes(h)).toBe(2);
  });

  it('stays ready with MDSS down, reporting it unreachable: stale answers are for that moment', async () => {
    h = await startHarness();
    await h.upstream.close();
    const { status, body } = await h.get('/readyz', { token: null });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ready', upstream: { reachable: false } });
  });

  it('stays ready with the store down, reporting it unreachable: requests fail open to MDSS', async () => {
    const port = await freePort();
    h = await startHarness({
      store: (now) =>
        createRedisStore({ url: `redis://127.0.0.1:${port}`, timeoutMs: 100, log: () => {}, now }),
    });
    const { status, body } = await h.get('/readyz', { token: null });
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ready',
      store: { kind: 'redis', reachable: false },
      upstream: { reachable: true },
    });
  });

  it('answers 503 once the proxy is stopping', async () => {
    h = await startHarness();
    await h.app.drain();
    const { status, body } = await h.get('/readyz', { token: null });
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'stopping' });
  });

  it('over real HTTP, a proxy process whose store and MDSS are both unreachable stays ready and says so', async () => {
    const [redisPort, mdssPort] = [await freePort(), await freePort()];
    const proxy = await startProxy({
      MDSS_URL: `http://127.0.0.1:${mdssPort}`,
      CACHE_STORE: 'redis',
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    });
    try {
      const ready = await fetch(`${proxy.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await contractBody(ready, '/readyz')).toEqual({
        status: 'ready',
        store: { kind: 'redis', reachable: false },
        upstream: { reachable: false },
      });
    } finally {
      await proxy.stop();
    }
  });
});
