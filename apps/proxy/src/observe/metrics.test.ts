import { freePort, type ProxyProcess, startProxy } from '@mdss-kit/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrometheusServer, startPrometheus } from '../../test/prometheus-server.ts';
import {
  files,
  gate,
  heldUntil,
  json,
  startUpstream,
  type UpstreamServer,
} from '../../test/upstream-server.ts';

const SECRET = 'a metrics test secret';
const id = (n: number) => `5e91c094efe27b00064895${String(n).padStart(2, '0')}`;
const TOKENS = ['tok-hit', 'tok-join', 'tok-stale', 'tok-limit', 'tok-store', 'tok-stream'];

let upstream: UpstreamServer;
let memory: ProxyProcess;
let redis: ProxyProcess;
/** Its operations endpoints on a port of their own, behind a bearer token. */
let apart: ProxyProcess;
let prometheus: PrometheusServer;
const OPS_TOKEN = 'ops-token-for-prometheus-0123';

beforeAll(async () => {
  upstream = await startUpstream();
  const env = { MDSS_URL: upstream.url, CACHE_KEY_SECRET: SECRET, OTEL_SDK_DISABLED: 'true' };
  [memory, redis, apart] = await Promise.all([
    startProxy({
      ...env,
      CACHE_TTL_SECONDS: '1',
      UPSTREAM_NEW_IDS_BURST: '3',
      UPSTREAM_NEW_IDS_PER_SECOND: '1',
    }),
    // A Redis that is not there: every store operation fails, and requests go upstream.
    startProxy({
      ...env,
      CACHE_STORE: 'redis',
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    }),
    startProxy({ ...env, OPS_PORT: '0', OPS_TOKEN }),
  ]);
  const opsUrl = apart.opsUrl ?? '';
  prometheus = await startPrometheus({
    memory: memory.url,
    redis: redis.url,
    apart: { url: opsUrl, bearer: OPS_TOKEN },
    'apart-without-token': opsUrl,
    'apart-public-port': apart.url,
  });
}, 120_000);

afterAll(async () => {
  await Promise.all([prometheus?.close(), memory?.stop(), redis?.stop(), apart?.stop()]);
  await upstream?.close();
});

function get(proxy: ProxyProcess, token: string, n: number) {
  return fetch(`${proxy.url}/api/file/${id(n)}`, {
    headers: { authorization: `Bearer ${token}` },
  }).then(async (response) => ({
    status: response.status,
    cacheStatus: response.headers.get('cache-status'),
    body: await response.text(),
  }));
}

const requests = (job: string, cache: string, status: number) =>
  `mdss_proxy_requests_total{job="${job}",route="/api/file/:id",cache="${cache}",status="${status}"}`;
const exactly = (n: number) => (value: number) => value === n;

describe('metrics scraped by a real Prometheus', () => {
  it('count a miss, a direct hit, a coalesced wait, a stale answer, a limit, a store error and an open stream', async () => {
    // A miss, then a fresh hit (answered before the router, on node:http).
    expect((await get(memory, 'tok-hit', 1)).status).toBe(200);
    expect((await get(memory, 'tok-hit', 1)).cacheStatus).toMatch(/; hit; /);

    // Two requests for one (token, file): one goes upstream, the other waits for it. The upstream
    // holds its answer for two seconds after the second request was sent, far longer than it
    // takes to reach the proxy and join, on a busy machine too.
    const answered = gate();
    upstream.answer(heldUntil(answered.opened, files()));
    const leading = get(memory, 'tok-join', 2);
    await expect
      .poll(() => upstream.calls.filter((call) => call.path.endsWith(id(2))))
      .toHaveLength(1);
    const joining = get(memory, 'tok-join', 2);
    setTimeout(answered.open, 2000);
    const joined = await Promise.all([leading, joining]);
    expect(joined.filter((answer) => answer.cacheStatus?.includes('collapsed'))).toHaveLength(1);

    // A finished result past its second of freshness, then MDSS failing: the stale copy answers.
    upstream.answer(files());
    expect((await get(memory, 'tok-stale', 3)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    upstream.answer(json(500, { error: 'down' }));
    const stale = await get(memory, 'tok-stale', 3);
    expect(stale.cacheStatus).toContain('fwd=stale');
    upstream.answer(files());

    // Three upstream calls are the burst; the fourth miss of the same token is held back.
    for (const n of [4, 5, 6]) expect((await get(memory, 'tok-limit', n)).status).toBe(200);
    expect((await get(memory, 'tok-limit', 7)).status).toBe(429);

    // The store is down: the request is answered from MDSS, and the failure is counted.
    expect((await get(redis, 'tok-store', 8)).status).toBe(200);

    await prometheus.until(requests('memory', 'hit', 200), exactly(1));
    await prometheus.until(requests('memory', 'miss', 200), exactly(7));
    await prometheus.until(requests('memory', 'stale', 200), exactly(1));
    await prometheus.until(requests('memory', 'miss', 429), exactly(1));
    await prometheus.until('mdss_proxy_coalesced_waiters_total{job="memory"}', exactly(1));
    await prometheus.until(
      'mdss_proxy_limited_total{job="memory",reason="rate-limited"}',
      exactly(1),
    );
    await prometheus.until(
      'mdss_proxy_limited_total{job="memory",reason="upstream-busy"}',
      exactly(0),
    );
    await prometheus.until(
      'mdss_proxy_upstream_requests_total{job="memory",status="200"}',
      exactly(6),
    );
    await prometheus.until(
      'mdss_proxy_upstream_requests_total{job="memory",status="500"}',
      exactly(1),
    );
    await prometheus.until('mdss_proxy_upstream_duration_seconds_count{job="memory"}', exactly(7));
    await prometheus.until('mdss_proxy_upstream_inflight{job="memory"}', exactly(0));
    await prometheus.until('mdss_proxy_streams_open{job="memory"}', exactly(0));
    await prometheus.until(
      'mdss_proxy_store_errors_total{job="memory",store="memory"}',
      exactly(0),
    );

    await prometheus.until(requests('redis', 'miss', 200), exactly(1));
    await prometheus.until(
      'mdss_proxy_store_errors_total{job="redis",store="redis"}',
      (n) => n >= 1,
    );
    await prometheus.until(
      'mdss_proxy_store_duration_seconds_count{job="redis",store="redis",operation="get"}',
      (n) => n >= 1,
    );
    await prometheus.until(
      'mdss_proxy_upstream_requests_total{job="redis",status="200"}',
      exactly(1),
    );

    // An event stream of a file in progress stays open until its client leaves.
    upstream.answer(files(0));
    const leave = new AbortController();
    const stream = await fetch(`${memory.url}/api/file/${id(9)}/events`, {
      headers: { authorization: 'Bearer tok-stream' },
      signal: leave.signal,
    });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    await prometheus.until('mdss_proxy_streams_open{job="memory"}', exactly(1));
    leave.abort();
    await prometheus.until('mdss_proxy_streams_open{job="memory"}', exactly(0));
  }, 120_000);

  it('are scraped on OPS_PORT with the OPS_TOKEN bearer, and by nobody else', async () => {
    expect((await get(apart, 'tok-apart', 10)).status).toBe(200);
    await prometheus.until(requests('apart', 'miss', 200), exactly(1));
    await prometheus.until('up{job="apart"}', exactly(1));
    // Without the token, or on the public port, the scrape fails.
    await prometheus.until('up{job="apart-without-token"}', exactly(0));
    await prometheus.until('up{job="apart-public-port"}', exactly(0));
    const opsUrl = apart.opsUrl ?? '';
    expect((await fetch(`${apart.url}/metrics`)).status).toBe(404);
    const refused = await fetch(`${opsUrl}/metrics`, {
      headers: { authorization: 'Bearer ops-token-for-prometheus-0124' },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="mdss-proxy operations"');
    // The file endpoints are not served there.
    expect((await fetch(`${opsUrl}/api/file/${id(10)}`)).status).toBe(404);
  });

  it('carry no token, cache key or file id in any label', async () => {
    const series = JSON.stringify(await prometheus.series('mdss_proxy_.*'));
    expect(series).toContain('mdss_proxy_requests_total');
    for (const secret of [...TOKENS, SECRET, '5e91c094efe27b']) {
      expect(series).not.toContain(secret);
    }
    // Cache keys are hex HMACs: no label value looks like one.
    expect(series).not.toMatch(/[0-9a-f]{32}/);
  });
});
