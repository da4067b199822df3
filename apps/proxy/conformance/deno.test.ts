import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { files, startUpstream } from '../test/upstream-server.ts';
import { denoRuntime } from './runtimes.ts';
import { conformance } from './suite.ts';

// Deno's monitorEventLoopDelay saw a 250 ms block as 0.35 ms at most; the version is the Node it
// imitates.
conformance(
  'deno',
  denoRuntime(),
  {},
  {
    metrics: true,
    exportsSpans: true,
    opsPort: true,
    falseMetrics: [
      ...['min', 'max', 'mean', 'stddev', 'p50', 'p90', 'p99'].map(
        (stat) => `nodejs_eventloop_lag_${stat}_seconds`,
      ),
      'nodejs_version_info',
    ],
  },
);

describe('deno: the Web Cache API store', () => {
  it('deno: keeps results across a restart (the cache lives in DENO_DIR), still per token', async () => {
    const upstream = await startUpstream();
    const denoDir = await mkdtemp(join(tmpdir(), 'mdss-proxy-deno-'));
    const env = { MDSS_URL: upstream.url, CACHE_KEY_SECRET: 'restart test secret, long enough' };
    try {
      upstream.answer(files());
      const first = await denoRuntime(denoDir)(env);
      await (
        await fetch(`${first.url}/api/file/kept`, { headers: { authorization: 'Bearer t' } })
      ).arrayBuffer();
      await first.stop();
      const second = await denoRuntime(denoDir)(env);
      try {
        const again = await fetch(`${second.url}/api/file/kept`, {
          headers: { authorization: 'Bearer t' },
        });
        expect(again.headers.get('cache-status')).toMatch(/^mdss-proxy; hit/);
        const other = await fetch(`${second.url}/api/file/kept`, {
          headers: { authorization: 'Bearer u' },
        });
        expect(other.headers.get('cache-status')).toMatch(/fwd=uri-miss/);
        expect(upstream.calls).toHaveLength(2);
      } finally {
        await second.stop();
      }
    } finally {
      await upstream.close();
      await rm(denoDir, { recursive: true, force: true });
    }
  });
});
