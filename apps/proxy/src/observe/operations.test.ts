import { afterEach, describe, expect, it } from 'vitest';
import { contractBody, type Harness, startHarness } from '../../test/harness.ts';
import { createMetrics } from './metrics.ts';

const OPS_TOKEN = 'an-operator-token-0123456789';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const started = (config: { opsToken?: string; opsPort?: number }) =>
  startHarness({ config, observers: [createMetrics({ processMetrics: false })] });

/** GET on the app's public routes, or on its operations apart (OPS_PORT). */
async function ask(path: string, headers: Record<string, string> = {}, apart = false) {
  const app = apart ? h.app.operations : h.app;
  if (!app) throw new Error('no operations apart');
  return app.request(path, { headers });
}

describe('the operations endpoints with OPS_TOKEN', () => {
  it.each(['/readyz', '/metrics'])('answers %s only with the token as bearer', async (path) => {
    h = await started({ opsToken: OPS_TOKEN });
    const refusals = [
      {},
      { authorization: 'Bearer a-client-token' },
      { authorization: `Bearer ${OPS_TOKEN}x` },
      { authorization: `Bearer ${OPS_TOKEN.slice(0, -1)}` },
      { authorization: `Bearer ${OPS_TOKEN}, Bearer ${OPS_TOKEN}` },
      { authorization: OPS_TOKEN },
      { authorization: `Basic ${OPS_TOKEN}` },
    ];
    for (const headers of refusals) {
      const refused = await ask(path, headers);
      expect(refused.status, JSON.stringify(headers)).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="mdss-proxy operations"');
      const body = await contractBody(refused, '/readyz');
      expect(body).toMatchObject({ type: 'urn:mdss-kit:problem:unauthorized', status: 401 });
    }
    const allowed = await ask(path, { authorization: `Bearer ${OPS_TOKEN}` });
    expect(allowed.status).toBe(200);
  });

  it('leaves /healthz and the file endpoints as they are', async () => {
    h = await started({ opsToken: OPS_TOKEN });
    expect((await h.get('/healthz', { token: null })).status).toBe(200);
    expect((await h.get('/api/file/ops-1')).status).toBe(200);
    expect(h.upstream.calls.map((call) => call.headers.authorization)).toEqual(['Bearer token-a']);
  });

  it('answers anyone without OPS_TOKEN', async () => {
    h = await started({});
    expect((await ask('/readyz')).status).toBe(200);
    expect((await ask('/metrics')).status).toBe(200);
  });
});

describe('the operations endpoints with OPS_PORT', () => {
  it('serves them apart, with /healthz, and answers 404 for them on the public routes', async () => {
    h = await started({ opsPort: 0 });
    for (const path of ['/readyz', '/metrics']) {
      const hidden = await ask(path);
      expect(hidden.status).toBe(404);
      expect(await contractBody(hidden, '/readyz')).toMatchObject({ status: 404 });
      expect((await ask(path, {}, true)).status).toBe(200);
    }
    expect((await ask('/healthz', {}, true)).status).toBe(200);
    expect((await ask('/api/file/ops-1', { authorization: 'Bearer token-a' }, true)).status).toBe(
      404,
    );
    // Only /readyz's probe of MDSS (`GET /`): no file was asked for.
    expect(h.upstream.calls.map((call) => call.path)).toEqual(['/']);
  });

  it('asks for OPS_TOKEN there too when both are set', async () => {
    h = await started({ opsPort: 0, opsToken: OPS_TOKEN });
    expect((await ask('/metrics', {}, true)).status).toBe(401);
    expect((await ask('/metrics', { authorization: `Bearer ${OPS_TOKEN}` }, true)).status).toBe(
      200,
    );
    expect((await ask('/healthz', {}, true)).status).toBe(200);
  });
});
