// The limits that protect MDSS (issue: "nothing protects MDSS"): a per-credential budget of
// upstream calls, and a cap on upstream requests under way for every credential together.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, TOKEN_B } from '../../test/harness.ts';
import { type Answer, files, gate } from '../../test/upstream-server.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Answers like `files()` after `ms`, counting how many answers are under way at once. */
function countingConcurrency(ms: number) {
  const seen = { now: 0, most: 0 };
  const answer: Answer = async (call, res) => {
    seen.most = Math.max(seen.most, ++seen.now);
    await new Promise((resolve) => setTimeout(resolve, ms));
    seen.now--;
    await files()(call, res);
  };
  return { seen, answer };
}

describe("a credential's budget of upstream calls", () => {
  it('answers 429 with Retry-After and the RateLimit fields once spent; hits never count; other credentials keep theirs', async () => {
    h = await startHarness({ config: { upstreamBudgetBurst: 3, upstreamBudgetPerSecond: 1 } });
    for (const id of ['a', 'b', 'c']) expect((await h.get(`/api/file/${id}`)).status).toBe(200);
    const limited = await h.get('/api/file/d');
    expect(limited.status).toBe(429);
    expect(limited.body.type).toBe('urn:mdss-kit:problem:rate-limited');
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('ratelimit')).toBe('"upstream";r=0;t=1');
    expect(limited.headers.get('ratelimit-policy')).toBe('"upstream";q=3;w=3');
    expect(limited.headers.get('cache-status')).toBe('mdss-proxy; detail=rate-limited');
    expect(h.upstream.calls).toHaveLength(3);

    for (const id of ['a', 'b', 'c', 'a']) {
      expect((await h.get(`/api/file/${id}`)).headers.get('cache-status')).toMatch(/hit/);
    }
    expect((await h.get('/api/file/d', { token: TOKEN_B })).status).toBe(200);
    h.clock.advance(1000);
    expect((await h.get('/api/file/d')).status).toBe(200);
    expect(h.upstream.calls).toHaveLength(5);
  });

  it('serves a stale finished result of that credential instead of a 429', async () => {
    h = await startHarness({ config: { upstreamBudgetBurst: 2, upstreamBudgetPerSecond: 1 } });
    await h.get('/api/file/kept');
    h.clock.advance(301_000);
    await h.get('/api/file/other-1');
    await h.get('/api/file/other-2');
    const answer = await h.get('/api/file/kept');
    expect(answer.status).toBe(200);
    expect(answer.body.id).toBe('kept');
    expect(answer.headers.get('cache-status')).toBe(
      'mdss-proxy; hit; ttl=-1; detail=stale-if-error',
    );
    expect(h.upstream.calls.filter((call) => call.path === '/api/file/kept')).toHaveLength(1);
  });

  it('is not spent by requests that join one already under way', async () => {
    h = await startHarness({ config: { upstreamBudgetBurst: 1, upstreamBudgetPerSecond: 1 } });
    const { answer } = countingConcurrency(100);
    h.upstream.answer(answer);
    const answers = await Promise.all(Array.from({ length: 20 }, () => h.get('/api/file/one')));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(h.upstream.calls).toHaveLength(1);
  });
});

describe('UPSTREAM_MAX_INFLIGHT, for every credential together', () => {
  it('never has more upstream requests under way; a request that waits past UPSTREAM_QUEUE_MS gets 503 with Retry-After', async () => {
    h = await startHarness({ config: { upstreamMaxInflight: 2, upstreamQueueMs: 100 } });
    const { seen, answer } = countingConcurrency(400);
    h.upstream.answer(answer);
    const answers = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((id, i) => h.get(`/api/file/${id}`, { token: `tenant-${i}` })),
    );
    expect(seen.most).toBe(2);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    const busy = answers.filter((a) => a.status === 503);
    expect(busy).toHaveLength(3);
    for (const answer of busy) {
      expect(answer.body.type).toBe('urn:mdss-kit:problem:upstream-busy');
      expect(answer.headers.get('retry-after')).toBe('1');
    }
    expect(h.upstream.calls).toHaveLength(2);
  });

  it("holds one credential to UPSTREAM_INFLIGHT_PER_CREDENTIAL; another credential's miss does not queue behind it", async () => {
    h = await startHarness({
      config: { upstreamInflightPerCredential: 2, upstreamQueueMs: 5000 },
    });
    const underWay = new Map<string, number>();
    let most = 0;
    // The flood's answers are held until the quiet credential has had its own.
    const flooding = gate();
    h.upstream.answer(async (call, res) => {
      const token = String(call.headers.authorization);
      underWay.set(token, (underWay.get(token) ?? 0) + 1);
      if (token === 'Bearer flood') {
        most = Math.max(most, underWay.get(token) ?? 0);
        await flooding.opened;
      }
      underWay.set(token, (underWay.get(token) ?? 0) - 1);
      await files()(call, res);
    });
    const finished: string[] = [];
    const flood = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) =>
      h.get(`/api/file/${id}`, { token: 'flood' }).then((a) => finished.push(`flood ${a.status}`)),
    );
    await expect.poll(() => underWay.get('Bearer flood')).toBe(2);
    await h
      .get('/api/file/other', { token: 'quiet' })
      .then((a) => finished.push(`quiet ${a.status}`));
    flooding.open();
    await Promise.all(flood);
    expect(most).toBe(2);
    // The quiet credential's miss came back while the flood still waited its turns.
    expect(finished[0]).toBe('quiet 200');
    expect(finished.filter((f) => f === 'flood 200')).toHaveLength(6);
  });

  it('lets a queued request through as soon as a slot frees', async () => {
    h = await startHarness({ config: { upstreamMaxInflight: 1, upstreamQueueMs: 5000 } });
    const { seen, answer } = countingConcurrency(50);
    h.upstream.answer(answer);
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((id) => h.get(`/api/file/${id}`)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(seen.most).toBe(1);
  });
});
