// The client and the proxy's limits together, over real HTTP: a 429 for a spent budget of
// new ids carries a Retry-After that the client honours, and its retry gets the result.
import { createMdssClient } from '@mdss-kit/client';
import { describe, expect, it } from 'vitest';
import { processRuntime } from '../../conformance/runtimes.ts';
import { proxyInFrontOfUpstream } from '../../conformance/suite.ts';

describe('the client against the proxy on Node', () => {
  const running = proxyInFrontOfUpstream(processRuntime('node'), {
    UPSTREAM_NEW_IDS_BURST: '1',
    UPSTREAM_NEW_IDS_PER_SECOND: '1',
  });

  it("waits out a spent budget's Retry-After and gets the result on its retry", async () => {
    const seen: number[] = [];
    const client = createMdssClient({
      baseUrl: running.proxy.url,
      token: 'client-token',
      // Watches the wire without changing it.
      fetch: async (request) => {
        const response = await fetch(request);
        seen.push(response.status);
        return response;
      },
      retry: { retries: 2, minDelayMs: 10, maxDelayMs: 20 },
    });
    expect((await client.getFile('first')).id).toBe('first');
    const started = Date.now();
    expect((await client.getFile('second')).id).toBe('second');
    expect(seen).toEqual([200, 429, 200]);
    // Its own backoff (at most 20 ms) would have retried at once: the 1 s came from Retry-After.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(running.upstream.calls.map((call) => call.path)).toEqual([
      '/api/file/first',
      '/api/file/second',
    ]);
  });
});
