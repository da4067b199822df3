// The event stream (GET /api/file/{id}/events) on every runtime, over real HTTP, against a real
// upstream whose calls are counted: fan-out from one poll, isolation, reconnection, the end of
// polling with the last subscriber, each limit, and an upstream that fails mid-stream. Every
// event is checked against the contract as it arrives (test/event-stream.ts).
import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../test/event-stream.ts';
import { contractBody } from '../test/harness.ts';
import { json, resultFor, startUpstream, type UpstreamServer } from '../test/upstream-server.ts';
import type { RunningProxy, StartProxy } from './runtimes.ts';

/** A file whose scan advances by a third each upstream call, done after `steps` calls. */
function scanning(id: string, call: number, authorization: string | undefined, steps: number) {
  if (call > steps) return { ...resultFor(id, authorization, 2), name: `${authorization}.bin` };
  return {
    ...resultFor(id, authorization, 0),
    name: `${authorization}.bin`,
    progress: { upload: 100, scan: Math.min(99, call * 33) },
  };
}

export function eventsConformance(runtime: string, start: StartProxy, shared: boolean): void {
  describe(`${runtime}: the event stream over real HTTP`, () => {
    let upstream: UpstreamServer;
    let proxy: RunningProxy;
    /** Files that never finish, and files that fail: by the id's prefix. */
    const answers = new Map<string, number>();
    beforeAll(async () => {
      upstream = await startUpstream();
      upstream.answer((call, res) => {
        const id = decodeURIComponent(call.path.replace(/^\/api\/file\//, ''));
        const n = (answers.get(`${call.headers.authorization} ${id}`) ?? 0) + 1;
        answers.set(`${call.headers.authorization} ${id}`, n);
        if (id.startsWith('revoked-') && n > 1) return json(401, { err: 'revoked' })(call, res);
        // A scan that never moves: its summary never changes.
        if (id.startsWith('still-'))
          return json(200, resultFor(id, call.headers.authorization, 0))(call, res);
        const steps = id.startsWith('endless-') ? Number.POSITIVE_INFINITY : 1;
        json(200, scanning(id, n, call.headers.authorization, steps))(call, res);
      });
      proxy = await start({
        MDSS_URL: upstream.url,
        // Far above an answer's time on a busy machine: a poll that timed out would be asked
        // again, one upstream call more than the counts below.
        UPSTREAM_TIMEOUT_MS: '10000',
        CACHE_KEY_SECRET: 'events conformance secret 32 ch',
        STREAMS_PER_CREDENTIAL: '12',
        STREAMS_MAX: '30',
        STREAM_MAX_SECONDS: '4',
      });
    }, 120_000);
    afterAll(async () => {
      await proxy?.stop();
      await upstream?.close();
    });

    const subscribe = (id: string, token = 'ev-token', headers: Record<string, string> = {}) =>
      fetch(`${proxy.url}/api/file/${id}/events`, {
        headers: { authorization: `Bearer ${token}`, ...headers },
      });
    const callsTo = (id: string, token = 'ev-token') =>
      upstream.calls.filter(
        (call) =>
          call.path === `/api/file/${id}` &&
          (call.headers as IncomingHttpHeaders).authorization === `Bearer ${token}`,
      ).length;

    it(`${runtime}: streams progress, then the final summary, and ends; no-store, unbuffered`, async () => {
      const response = await subscribe('ev-1');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-accel-buffering')).toBe('no');
      const stream = readEvents(response);
      await stream.ended;
      expect(stream.events.map((e) => e.event)).toEqual(['progress', 'done']);
      expect(stream.events[0]?.data).toMatchObject({
        id: 'ev-1',
        done: false,
        progress: { scan: 33 },
      });
      expect(stream.events[1]?.data).toMatchObject({ id: 'ev-1', done: true, state: 'available' });
      const [first, last] = stream.events.map((e) => Number(e.id));
      expect(last).toBeGreaterThan(first ?? Number.POSITIVE_INFINITY);
      expect(callsTo('ev-1')).toBe(2);
    });

    it(`${runtime}: feeds ten subscribers from one poll per interval`, async () => {
      const streams = await Promise.all(
        Array.from({ length: 10 }, async () => readEvents(await subscribe('fan-1'))),
      );
      await Promise.all(streams.map((s) => s.ended));
      for (const stream of streams) expect(stream.events.at(-1)?.event).toBe('done');
      // One poll per interval for all of them. On Workers each stream has its own watch, but
      // they read the same cache entries and coalesce: a stray poll at most.
      if (shared) expect(callsTo('fan-1')).toBe(2);
      else expect(callsTo('fan-1')).toBeLessThanOrEqual(3);
    });

    it(`${runtime}: never feeds one credential's stream with another's results`, async () => {
      const [a, b] = await Promise.all([
        subscribe('iso-1', 'token-a').then(readEvents),
        subscribe('iso-1', 'token-b').then(readEvents),
      ]);
      await Promise.all([a.ended, b.ended]);
      for (const e of a.events) expect(e.data.name).toBe('Bearer token-a.bin');
      for (const e of b.events) expect(e.data.name).toBe('Bearer token-b.bin');
    });

    it(`${runtime}: on reconnect with Last-Event-ID sends nothing already delivered, and 204 after the final event`, async () => {
      const first = readEvents(await subscribe('re-1'));
      const [progress] = await first.until(1);
      await first.cancel();
      const again = readEvents(
        await subscribe('re-1', 'ev-token', { 'last-event-id': progress?.id ?? '' }),
      );
      await again.ended;
      expect(again.events.map((e) => e.event)).toEqual(['done']);
      expect(Number(again.events[0]?.id)).toBeGreaterThan(Number(progress?.id));
      // Once the final result is in the store (written after the answer, on some runtimes
      // asynchronously), a reconnect from the final event finds nothing left to say.
      await expect
        .poll(async () => {
          const after = await subscribe('re-1', 'ev-token', {
            'last-event-id': again.events[0]?.id ?? '',
          });
          await after.body?.cancel();
          return after.status;
        })
        .toBe(204);
    });

    it(`${runtime}: stops polling within an interval once the last subscriber leaves`, async () => {
      const stream = readEvents(await subscribe('endless-1'));
      await stream.until(1);
      await stream.cancel();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const settled = callsTo('endless-1');
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(callsTo('endless-1')).toBe(settled);
    });

    it(`${runtime}: ends a stream at STREAM_MAX_SECONDS, without a final event`, async () => {
      const started = Date.now();
      const stream = readEvents(await subscribe('endless-2'));
      await stream.ended;
      expect(Date.now() - started).toBeGreaterThanOrEqual(3500);
      expect(stream.events.every((e) => e.event === 'progress')).toBe(true);
    });

    it(`${runtime}: refuses a credential's stream past STREAMS_PER_CREDENTIAL, and any past STREAMS_MAX`, async () => {
      const open = await Promise.all(
        Array.from({ length: 12 }, () => subscribe('endless-3', 'many').then(readEvents)),
      );
      const refused = await subscribe('endless-3', 'many');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect((await refused.json()).type).toBe('urn:mdss-kit:problem:too-many-streams');
      const others = await Promise.all(
        Array.from({ length: 18 }, (_, i) => subscribe('endless-3', `other-${i}`).then(readEvents)),
      );
      const full = await subscribe('endless-3', 'one-more');
      expect(full.status).toBe(503);
      expect((await full.json()).type).toBe('urn:mdss-kit:problem:streams-full');
      await Promise.all([...open, ...others].map((s) => s.cancel()));
      // A client that hangs up gives its place back.
      await expect
        .poll(async () => {
          const again = await subscribe('endless-3', 'many');
          await again.body?.cancel();
          return again.status;
        })
        .toBe(200);
    });

    const getWaiting = (id: string, prefer: string, headers: Record<string, string> = {}) =>
      fetch(`${proxy.url}/api/file/${id}/summary`, {
        headers: { authorization: 'Bearer ev-token', prefer, ...headers },
      });

    it(`${runtime}: holds a GET with Prefer: wait until the summary changes, and says so`, async () => {
      const first = await getWaiting('lp-1', 'wait=10');
      expect(first.status).toBe(200);
      expect(first.headers.get('preference-applied')).toBe('wait=10');
      // It arrived in progress and waited for the next poll: done now.
      expect(await contractBody(first, '/api/file/lp-1/summary')).toMatchObject({ done: true });
      // A finished file answers at once, without waiting.
      const again = await getWaiting('lp-1', 'wait=10');
      expect(again.headers.get('preference-applied')).toBeNull();
      expect(callsTo('lp-1')).toBe(2);
    });

    it(`${runtime}: answers a Prefer: wait with If-None-Match after the wait when nothing changed (304)`, async () => {
      const now = await getWaiting('still-1', 'wait=0');
      const etag = now.headers.get('etag') ?? '';
      await now.arrayBuffer();
      const started = Date.now();
      const held = await getWaiting('still-1', 'wait=2', { 'if-none-match': etag });
      expect(held.status).toBe(304);
      expect(held.headers.get('preference-applied')).toBe('wait=2');
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
      // Another validator differs already: the answer comes at once.
      const other = await getWaiting('still-1', 'wait=2', { 'if-none-match': '"other"' });
      expect(other.status).toBe(200);
      expect(other.headers.get('preference-applied')).toBeNull();
    });

    it(`${runtime}: ends with a problem event when the upstream answers 401 mid-stream`, async () => {
      const stream = readEvents(await subscribe('revoked-1'));
      await stream.ended;
      expect(stream.events.map((e) => e.event)).toEqual(['progress', 'problem']);
      expect(stream.events[1]?.data).toMatchObject({ status: 401, upstreamStatus: 401 });
    });
  });
}
