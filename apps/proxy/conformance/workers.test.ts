import { describe, expect, it } from 'vitest';
import { workersRuntime } from './runtimes.ts';
import { conformance } from './suite.ts';

conformance(
  'workers',
  workersRuntime,
  {
    skip: "a Worker never holds a connection: Cloudflare's edge does, with its own timeouts, and Miniflare's local workerd is not that edge",
  },
  { metrics: false, exportsSpans: true, opsPort: false },
);

describe('workers: OPS_PORT', () => {
  it('workers: refuses OPS_PORT, naming it, on every request (a Worker has one origin)', async () => {
    const proxy = await workersRuntime({ MDSS_URL: 'http://127.0.0.1:9', OPS_PORT: '9100' });
    try {
      const answer = await fetch(`${proxy.url}/healthz`);
      expect(answer.status).toBe(500);
      expect((await answer.json()).detail).toContain('OPS_PORT cannot be served on Workers');
    } finally {
      await proxy.stop();
    }
  });
});
