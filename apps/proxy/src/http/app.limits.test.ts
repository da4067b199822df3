// The limits that protect MDSS (issue: "nothing protects MDSS"): a per-credential budget of
// upstream calls, and a cap on upstream requests under way for every credential together.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, TOKEN_A, TOKEN_B } from '../../test/harness.ts';
import { type Answer, files, gate, json } from '../../test/upstream-server.ts';
import { KNOWN_FOR_MS } from '../upstream/known-ids.ts';

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

/** GETs `paths` for `token`, `width` at a time (below the gates: nothing queues), in order. */
async function getAll(paths: string[], token = TOKEN_A, width = 64) {
  const statuses: number[] = [];
  for (let i = 0; i < paths.length; i += width) {
    const answers = await Promise.all(paths.slice(i, i + width).map((p) => h.get(p, { token })));
    statuses.push(...answers.map((answer) => answer.status));
  }
  return statuses;
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;
const paths = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `/api/file/${prefix}-${i}`);

describe("a credential's budget of new ids", () => {
  it('answers 429 with Retry-After and the RateLimit fields once spent; hits never count; other credentials keep theirs', async () => {
    h = await startHarness({ config: { upstreamNewIdsBurst: 3, upstreamNewIdsPerSecond: 1 } });
    for (const id of ['a', 'b', 'c']) expect((await h.get(`/api/file/${id}`)).status).toBe(200);
    const limited = await h.get('/api/file/d');
    expect(limited.status).toBe(429);
    expect(limited.body.type).toBe('urn:mdss-kit:problem:rate-limited');
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('ratelimit')).toBe('"new-ids";r=0;t=1');
    expect(limited.headers.get('ratelimit-policy')).toBe('"new-ids";q=3;w=3');
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

  it('is never spent by re-polls of files MDSS answered: a credential following files in progress gets every poll', async () => {
    h = await startHarness({ config: { upstreamNewIdsBurst: 3, upstreamNewIdsPerSecond: 1 } });
    h.upstream.answer(files(0));
    const followed = ['a', 'b', 'c'].map((id) => `/api/file/${id}`);
    const statuses: number[] = [];
    // Five rounds, each past the in-progress second: three misses a round, one id's refill.
    for (let round = 0; round < 5; round++) {
      statuses.push(...(await getAll(followed)));
      h.clock.advance(1000);
    }
    expect(statuses).toEqual(Array(15).fill(200));
    expect(h.upstream.calls).toHaveLength(15);
    // The budget is whole again (3, refilled and never spent by the re-polls): three new ids.
    expect(await getAll(['/api/file/d', '/api/file/e', '/api/file/f', '/api/file/g'])).toEqual([
      200, 200, 200, 429,
    ]);
    expect(h.upstream.calls).toHaveLength(18);
  });

  it('is spent by a loop on an id MDSS refuses, and by a known id once MDSS refuses it', async () => {
    h = await startHarness({ config: { upstreamNewIdsBurst: 4, upstreamNewIdsPerSecond: 1 } });
    const unknown = json(404, { err: 'File not found' });
    h.upstream.answer((call, res) =>
      (call.path === '/api/file/bogus' ? unknown : files(0))(call, res),
    );
    const one = (id: string) => getAll([`/api/file/${id}`]);
    expect(await one('followed')).toEqual([200]);
    // Never answered with a result, each ask is new: the rest of the burst, then 429.
    expect(await getAll(Array(4).fill('/api/file/bogus'), TOKEN_A, 1)).toEqual([
      404, 404, 404, 429,
    ]);
    // A second's refill: the known file's re-poll leaves it to the next ask of the bogus one.
    h.clock.advance(1000);
    expect([...(await one('followed')), ...(await one('bogus')), ...(await one('bogus'))]).toEqual([
      200, 404, 429,
    ]);
    // MDSS refuses the known file: once refused, it is new again, and spends the budget.
    h.upstream.answer(unknown);
    h.clock.advance(1000);
    expect([
      ...(await one('followed')),
      ...(await one('followed')),
      ...(await one('followed')),
    ]).toEqual([404, 404, 429]);
    expect(h.upstream.calls).toHaveLength(8);
  });

  it('forgets a known id after KNOWN_FOR_MS: its next miss is new again', async () => {
    h = await startHarness({ config: { upstreamNewIdsBurst: 1, upstreamNewIdsPerSecond: 1 } });
    h.upstream.answer(files(0));
    expect(await getAll(['/api/file/a'])).toEqual([200]);
    h.clock.advance(1000);
    expect(await getAll(['/api/file/b', '/api/file/a'], TOKEN_A, 1)).toEqual([200, 200]);
    h.clock.advance(KNOWN_FOR_MS);
    expect(await getAll(['/api/file/c', '/api/file/a'], TOKEN_A, 1)).toEqual([200, 429]);
    expect(h.upstream.calls).toHaveLength(4);
  });

  it('serves a stale finished result of that credential instead of a 429', async () => {
    h = await startHarness({ config: { upstreamNewIdsBurst: 2, upstreamNewIdsPerSecond: 1 } });
    await h.get('/api/file/kept');
    // Past its freshness and no longer known (its result within the stale window).
    h.clock.advance(KNOWN_FOR_MS + 1000);
    await h.get('/api/file/other-1');
    await h.get('/api/file/other-2');
    const answer = await h.get('/api/file/kept');
    expect(answer.status).toBe(200);
    expect(answer.body.id).toBe('kept');
    expect(answer.headers.get('cache-status')).toBe(
      'mdss-proxy; hit; ttl=-301; detail=stale-if-error',
    );
    expect(h.upstream.calls.filter((call) => call.path === '/api/file/kept')).toHaveLength(1);
  });

  it('is not spent by requests that join one already under way', async () => {
    h = await startHarness({ config: { upstreamNewIdsBurst: 1, upstreamNewIdsPerSecond: 1 } });
    const { answer } = countingConcurrency(100);
    h.upstream.answer(answer);
    const answers = await Promise.all(Array.from({ length: 20 }, () => h.get('/api/file/one')));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(h.upstream.calls).toHaveLength(1);
  });
});

describe('the defaults, for the cases of the README (decision 010)', () => {
  it('one credential following 1,000 files in progress: all new after a restart, then re-polled, never 429; then new ids past the burst are', async () => {
    h = await startHarness();
    h.upstream.answer(files(0));
    const followed = paths('followed', 1000);
    // The restart: every file new at once, within the burst (2,000).
    expect(count(await getAll(followed), 200)).toBe(1000);
    h.clock.advance(1000);
    expect(count(await getAll(followed), 200)).toBe(1000);
    expect(h.upstream.calls).toHaveLength(2000);
    // What is left of the burst (1,000, and the 100 of the second that passed), then 429.
    const flood = await getAll(paths('flood', 1150), TOKEN_A, 128);
    expect([count(flood, 200), count(flood, 429)]).toEqual([1100, 50]);
    expect(h.upstream.calls).toHaveLength(3100);
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
