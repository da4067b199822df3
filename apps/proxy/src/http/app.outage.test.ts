// An upstream outage is not hammered: while it fails, a stale result answers at once, and the
// upstream is asked for that (credential, file) at most once per interval, in the background.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, TOKEN_A } from '../../test/harness.ts';
import { files, json } from '../../test/upstream-server.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await h.get('/api/file/held');
  // Past its 300 s freshness, within its stale window.
  h.clock.advance(301_000);
});
afterEach(async () => {
  await h.close();
});

const calls = () => h.upstream.calls.filter((call) => call.path === '/api/file/held').length;

/** A request for the held file, with its background work (a refresh, a store write) done. */
async function ask(token = TOKEN_A) {
  const answer = await h.get('/api/file/held', { token });
  await h.app.drain();
  return answer;
}

describe('during an upstream outage', () => {
  it('serves the stale result without waiting, asking the upstream once per interval (1 s, doubling)', async () => {
    h.upstream.answer(json(500, { err: 'down' }));
    const first = await ask();
    expect(first.headers.get('cache-status')).toBe(
      'mdss-proxy; fwd=stale; fwd-status=500; detail=stale-if-error',
    );
    expect(calls()).toBe(2);

    for (let i = 0; i < 20; i++) {
      const answer = await ask();
      expect(answer.status).toBe(200);
      expect(answer.headers.get('cache-status')).toBe(
        'mdss-proxy; hit; ttl=-1; detail=stale-if-error',
      );
    }
    expect(calls()).toBe(2);

    // Each interval lets one request through, in the background; the next one is twice as long.
    const asked: number[] = [];
    for (let second = 1; second <= 8; second++) {
      h.clock.advance(1000);
      await ask();
      await ask();
      asked.push(calls());
    }
    // Asked at +1 s, then +2 s (at 3), then +4 s (at 7): intervals 1, 2, 4 s.
    expect(asked).toEqual([3, 3, 4, 4, 4, 4, 5, 5]);
  });

  it('stops at 30 s between attempts however long the outage lasts', async () => {
    h.upstream.answer(json(503, { err: 'down' }));
    await ask();
    for (let i = 0; i < 10; i++) {
      h.clock.advance(60_000);
      await ask();
    }
    const before = calls();
    h.clock.advance(29_000);
    await ask();
    expect(calls()).toBe(before);
    h.clock.advance(1_000);
    await ask();
    expect(calls()).toBe(before + 1);
  });

  it('takes the fresh result from a background success, and is a plain cache again', async () => {
    h.upstream.answer(json(500, { err: 'down' }));
    await ask();
    h.upstream.answer(files());
    h.clock.advance(1000);
    const during = await ask();
    expect(during.headers.get('cache-status')).toMatch(/detail=stale-if-error/);
    const after = await ask();
    expect(after.headers.get('cache-status')).toMatch(/^mdss-proxy; hit; ttl=300$/);
  });

  it('evicts the entry when the background answer is a 401, 403 or 404: a revoked credential stops reading', async () => {
    h.upstream.answer(json(500, { err: 'down' }));
    await ask();
    h.upstream.answer(json(401, { err: 'revoked' }));
    h.clock.advance(1000);
    expect((await ask()).status).toBe(200);
    h.upstream.answer(json(500, { err: 'down' }));
    const after = await ask();
    expect(after.status).toBe(502);
  });

  it('keeps a failure of one credential from holding back another credential of the same file', async () => {
    h.upstream.answer(json(500, { err: 'down' }));
    await ask();
    const other = await ask('token-c');
    expect(other.status).toBe(502);
    expect(calls()).toBe(3);
  });
});
