import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { contractBody, type Harness, ID, startHarness } from '../../test/harness.ts';
import { type Answer, delayed, files, json, resultFor } from '../../test/upstream-server.ts';

/**
 * Far above a good answer's time on a busy machine. The slow fault answers a second after it:
 * its timer runs in this process and starts after the proxy's, so it always comes later.
 */
const UPSTREAM_TIMEOUT_MS = 2000;

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ config: { upstreamTimeoutMs: UPSTREAM_TIMEOUT_MS } });
});
afterEach(async () => {
  await h.close();
});

const request = (path: string, token: string, harness = h) =>
  harness.app.request(path, { headers: { authorization: `Bearer ${token}` } });

/** A deterministic stream of small delays, so interleavings vary without Math.random. */
function* jitter() {
  for (let n = 7; ; n = (n * 48271) % 2147483647) yield n % 15;
}

describe('under concurrent load with many tokens and ids', () => {
  it('serves every response to the token that fetched it: zero cross-token leaks', async () => {
    // 256 requests at once queue for upstream connections: a deadline for the load, not faults,
    // and room for all of them at once (the limits that protect MDSS have tests of their own).
    const load = await startHarness({
      config: { upstreamTimeoutMs: 10_000, upstreamMaxInflight: 256 },
    });
    onTestFinished(() => load.close());
    const delays = jitter();
    load.upstream.answer((call, res) => {
      const state = call.path.endsWith('0') ? 0 : 2;
      return delayed(delays.next().value ?? 0, files(state))(call, res);
    });
    const tokens = Array.from({ length: 16 }, (_, i) => `tenant-${i}-token`);
    const ids = Array.from({ length: 8 }, (_, i) => `file-${i}`);
    let leaks = 0;
    let served = 0;
    for (let round = 0; round < 4; round++) {
      await Promise.all(
        tokens.flatMap((token) =>
          ids.flatMap((id) =>
            [`/api/file/${id}`, `/api/file/${id}/summary`].map(async (path) => {
              const response = await request(path, token, load);
              expect(response.status).toBe(200);
              const body = await contractBody(response, path);
              served++;
              if (path.endsWith('/summary')) return;
              if (body.servedTo !== `Bearer ${token}` || body.id !== id) leaks++;
            }),
          ),
        ),
      );
      load.clock.advance(1500);
    }
    expect(served).toBe(4 * 16 * 8 * 2);
    expect(leaks).toBe(0);
    // Coalescing and caching did their part: far fewer upstream calls than requests.
    expect(load.upstream.calls.length).toBeLessThan(served / 2);
  });
});

/** Answers the upstream's calls in turn from `answers`, the last one repeating. */
function inTurn(...answers: Answer[]): Answer {
  let n = 0;
  return (call, res) => answers[Math.min(n++, answers.length - 1)]?.(call, res);
}

const resetMidBody: Answer = (_call, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '400' });
  res.write('{"id":"5e91c094');
  setTimeout(() => res.destroy(), 5);
};

describe('a faulty upstream', () => {
  it('flapping between 200 and 500: each answer is fresh, stale or 502 exactly as the rules say', async () => {
    const ok = files();
    const down = json(500, { err: 'flap' });
    h.upstream.answer(inTurn(ok, down, ok, down, down, down));
    const statuses: string[] = [];
    const step = async (path = `/api/file/${ID}`) => {
      const response = await request(path, 'flap');
      const body = await contractBody(response, path);
      statuses.push(`${response.status} ${response.headers.get('cache-status')}`);
      return body;
    };
    await step(); // call 0: 200, stored
    h.clock.advance(301_000);
    expect(await step()).toEqual(resultFor(ID, 'Bearer flap')); // call 1: 500 -> stale
    await step(); // within the outage's first second: stale, the upstream not asked
    h.clock.advance(1000);
    await step(); // stale at once; call 2 in the background: 200, stored
    await h.app.drain();
    await step(); // fresh again
    h.clock.advance(301_000);
    await step(); // call 3: 500 -> stale
    await step('/api/file/never-fetched'); // call 4: 500, nothing held -> 502
    expect(statuses).toEqual([
      '200 mdss-proxy; fwd=uri-miss; fwd-status=200; stored; ttl=300',
      '200 mdss-proxy; fwd=stale; fwd-status=500; detail=stale-if-error',
      '200 mdss-proxy; hit; ttl=-1; detail=stale-if-error',
      '200 mdss-proxy; hit; ttl=-2; detail=stale-if-error',
      '200 mdss-proxy; hit; ttl=300',
      '200 mdss-proxy; fwd=stale; fwd-status=500; detail=stale-if-error',
      '502 mdss-proxy; fwd=uri-miss; fwd-status=500',
    ]);
    expect(h.upstream.calls).toHaveLength(5);
  });

  it.each([
    ['resets the connection mid-body', resetMidBody, 502],
    ['answers slower than the timeout', delayed(UPSTREAM_TIMEOUT_MS + 1000, files()), 504],
    ['answers 500', json(500, {}), 502],
    ['answers 503 (busy)', json(503, {}), 503],
  ])(
    'that %s: the documented status without a held result, stale with one, and no half-read body kept',
    async (_name, fault, status) => {
      h.upstream.answer(fault);
      const failed = await request('/api/file/unheld', 'fault');
      expect(failed.status).toBe(status);
      await contractBody(failed, '/api/file/unheld');

      h.upstream.answer(inTurn(files(), fault, files()));
      await request(`/api/file/${ID}`, 'fault');
      h.clock.advance(301_000);
      const stale = await request(`/api/file/${ID}`, 'fault');
      expect(stale.status).toBe(200);
      expect(stale.headers.get('cache-status')).toMatch(
        /^mdss-proxy; fwd=stale.*detail=stale-if-error$/,
      );
      expect(await contractBody(stale, `/api/file/${ID}`)).toEqual(resultFor(ID, 'Bearer fault'));

      // The fault left nothing behind: after the outage's first interval the next answer is
      // fetched whole, in the background, and stored.
      h.clock.advance(1000);
      await request(`/api/file/${ID}`, 'fault');
      await h.app.drain();
      const next = await request(`/api/file/${ID}`, 'fault');
      expect(next.headers.get('cache-status')).toBe('mdss-proxy; hit; ttl=300');
      expect(await contractBody(next, `/api/file/${ID}`)).toEqual(resultFor(ID, 'Bearer fault'));
    },
  );

  it('that fails while 20 callers wait on one request: all 20 get the same documented answer', async () => {
    h.upstream.answer(delayed(50, json(500, {})));
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => request(`/api/file/${ID}`, 'many')),
    );
    expect(h.upstream.calls).toHaveLength(1);
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(502));
  });
});
