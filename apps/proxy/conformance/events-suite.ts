// The event stream (GET /api/file/{id}/events) on every runtime, over real HTTP, against a real
// upstream whose calls are counted: fan-out from one poll, isolation, reconnection, the end of
// polling with the last subscriber, each limit, and an upstream that fails mid-stream. Every
// event is checked against the contract as it arrives (test/event-stream.ts).
import type { IncomingHttpHeaders } from 'node:http';
import { EventSource } from 'eventsource';
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

/** An id prefix whose every upstream answer is a refusal: its status, and Retry-After. */
const refusals: [prefix: string, status: number, retryAfter?: string][] = [
  ['gone-', 404],
  ['refused-', 401],
  ['forbidden-', 403],
  ['limited-', 429, '7'],
  ['busy-', 503, '7'],
];

/** Why hang-ups are not tested on Workers here. */
export const MINIFLARE_HANG_UPS =
  'Miniflare does not abort request.signal when its HTTP client hangs up; production Workers do, with enable_request_signal';

export interface EventsRuntime {
  /** One watch per key for the process (false on Workers: one per stream). */
  shared: boolean;
  /** Why a client's hang-up cannot reach a held request here, if it cannot. */
  noHangUps?: string;
}

export function eventsConformance(
  runtime: string,
  start: StartProxy,
  { shared, noHangUps }: EventsRuntime,
): void {
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
        // Files whose first answer is already a failure.
        const refusal = refusals.find(([prefix]) => id.startsWith(prefix));
        if (refusal) {
          const [, status, retryAfter] = refusal;
          const headers: Record<string, string> = retryAfter ? { 'retry-after': retryAfter } : {};
          return json(status, { err: `refused ${status}` }, headers)(call, res);
        }
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
        // An evicted stream ends at its next heartbeat.
        STREAM_HEARTBEAT_SECONDS: '1',
      });
    }, 120_000);
    afterAll(async () => {
      await proxy?.stop();
      await upstream?.close();
    });

    // The head comes at once, before any event: a stream that has nothing to send yet still
    // answers (a runtime that sends the head with the first bytes would hold it to a heartbeat).
    const subscribe = (id: string, token = 'ev-token', headers: Record<string, string> = {}) =>
      fetch(`${proxy.url}/api/file/${id}/events`, {
        headers: { authorization: `Bearer ${token}`, ...headers },
        signal: AbortSignal.timeout(10_000),
      });
    const callsOf = (id: string, token = 'ev-token') =>
      upstream.calls.filter(
        (call) =>
          call.path === `/api/file/${id}` &&
          (call.headers as IncomingHttpHeaders).authorization === `Bearer ${token}`,
      );
    const callsTo = (id: string, token = 'ev-token') => callsOf(id, token).length;

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
      expect(callsTo('ev-1')).toBe(2);
      // An event's id names its summary: the summary endpoint's validator, without the quotes.
      const [first, last] = stream.events.map((e) => e.id);
      expect(first).not.toBe(last);
      const summary = await fetch(`${proxy.url}/api/file/ev-1/summary`, {
        headers: { authorization: 'Bearer ev-token' },
      });
      await summary.arrayBuffer();
      expect(summary.headers.get('etag')).toBe(`"${last}"`);
    });

    it(`${runtime}: answers a stream that cannot begin with its problem's status, as the GETs do, never a stream`, async () => {
      for (const [prefix, status, retryAfter] of refusals) {
        const id = `${prefix}1`;
        const response = await subscribe(id);
        expect(response.status, id).toBe(status);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        expect(response.headers.get('retry-after')).toBe(retryAfter ?? null);
        const problem = await contractBody(response, `/api/file/${id}/events`);
        expect(problem).toMatchObject({ status, upstreamStatus: status });
        expect(callsTo(id)).toBe(1);
      }
    });

    it(`${runtime}: the eventsource client opens a stream of an unknown file once, not once a second`, async () => {
      const opens: number[] = [];
      const source = new EventSource(`${proxy.url}/api/file/gone-es/events`, {
        fetch: (input, init) => {
          opens.push(Date.now());
          return fetch(input, {
            ...init,
            headers: { ...init?.headers, authorization: 'Bearer ev-token' },
          });
        },
      });
      const errors: number[] = [];
      source.addEventListener('error', (event) => errors.push(event.code ?? 0));
      await new Promise((resolve) => setTimeout(resolve, 6000));
      source.close();
      expect(errors).toEqual([404]);
      expect(opens.length).toBeLessThanOrEqual(2);
      expect(callsTo('gone-es')).toBeLessThanOrEqual(2);
    });

    it(`${runtime}: feeds ten subscribers from one poll per interval`, async () => {
      const streams = await Promise.all(
        Array.from({ length: 10 }, async () => readEvents(await subscribe('fan-1'))),
      );
      await Promise.all(streams.map((s) => s.ended));
      for (const stream of streams) expect(stream.events.at(-1)?.event).toBe('done');
      // One poll per interval for all of them. On Workers each stream has its own watch, but
      // they read the same cache entries and coalesce: a stray poll at most.
      // Whose each call was, should there be more: a stream's first read carries its request's
      // id, the watch's polls the first subscriber's.
      const whose = callsOf('fan-1').map((call) => call.headers['x-request-id']);
      if (shared) expect(whose.length, `calls of requests ${whose.join(', ')}`).toBe(2);
      else expect(whose.length).toBeLessThanOrEqual(3);
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
      expect(again.events[0]?.id).not.toBe(progress?.id);
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

    it(`${runtime}: on reconnect after a quiet gap, the current summary's id gets nothing new and an older id the current summary at once`, async () => {
      const first = readEvents(await subscribe('still-re'));
      const [current] = await first.until(1);
      await first.cancel();
      // Past the in-progress entry's lifetime, with no watch left: the summary is fetched again.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const same = readEvents(
        await subscribe('still-re', 'ev-token', { 'last-event-id': current?.id ?? '' }),
      );
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await same.cancel();
      expect(same.events).toEqual([]);
      const older = readEvents(await subscribe('still-re', 'ev-token', { 'last-event-id': '0-0' }));
      const [sent] = await older.until(1);
      await older.cancel();
      expect(sent).toEqual(current);
    });

    it(`${runtime}: answers a reconnect after a final problem with 204, asking the upstream nothing`, async () => {
      const stream = readEvents(await subscribe('revoked-re'));
      await stream.ended;
      const problem = stream.events.at(-1);
      expect(problem?.event).toBe('problem');
      const calls = callsTo('revoked-re');
      const again = await subscribe('revoked-re', 'ev-token', {
        'last-event-id': problem?.id ?? '',
      });
      expect(again.status).toBe(204);
      expect(callsTo('revoked-re')).toBe(calls);
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

    it(`${runtime}: refuses a credential's stream past STREAMS_PER_CREDENTIAL; past STREAMS_MAX, one below its fair share takes the oldest place of the credential holding most`, async () => {
      const open = await Promise.all(
        Array.from({ length: 12 }, () => subscribe('endless-3', 'many').then(readEvents)),
      );
      let ended = 0;
      for (const stream of open) void stream.ended.then(() => ended++);
      const refused = await subscribe('endless-3', 'many');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect((await refused.json()).type).toBe('urn:mdss-kit:problem:too-many-streams');
      const others = await Promise.all(
        Array.from({ length: 18 }, (_, i) => subscribe('endless-3', `other-${i}`).then(readEvents)),
      );
      // Full (30). `other-0` holds its fair share already (30 places, 19 credentials: 1 each).
      const full = await subscribe('endless-3', 'other-0');
      expect(full.status).toBe(503);
      expect((await full.json()).type).toBe('urn:mdss-kit:problem:streams-full');
      // A newcomer holds none: one of the 12 streams of `many` ends for it.
      const fair = readEvents(await subscribe('endless-3', 'one-more'));
      await expect.poll(() => ended, { timeout: 5000 }).toBe(1);
      await Promise.all([...open, ...others, fair].map((s) => s.cancel()));
      // A client that hangs up gives its place back.
      await expect
        .poll(async () => {
          const again = await subscribe('endless-3', 'many');
          await again.body?.cancel();
          return again.status;
        })
        .toBe(200);
    });

    const getWaiting = (
      id: string,
      prefer: string,
      headers: Record<string, string> = {},
      init: RequestInit = {},
    ) =>
      fetch(`${proxy.url}/api/file/${id}/summary`, {
        ...init,
        headers: { authorization: 'Bearer ev-token', prefer, ...headers },
      });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    it(`${runtime}: answers HEAD on a stream with a stream's head, holding no place and starting no watch`, async () => {
      const head = () =>
        fetch(`${proxy.url}/api/file/endless-head/events`, {
          method: 'HEAD',
          headers: { authorization: 'Bearer head-token' },
        });
      // More HEADs than the credential may hold streams.
      for (let i = 0; i < 13; i++) {
        const answer = await head();
        expect(answer.status).toBe(200);
        expect(answer.headers.get('content-type')).toBe('text/event-stream');
      }
      const calls = callsTo('endless-head', 'head-token');
      await sleep(2500);
      expect(callsTo('endless-head', 'head-token')).toBe(calls);
      const stream = await subscribe('endless-head', 'head-token');
      expect(stream.status).toBe(200);
      await stream.body?.cancel();
    });

    it.skipIf(noHangUps !== undefined)(
      `${runtime}: a long-poll whose client hangs up stops its watch${noHangUps ? ` (skipped: ${noHangUps})` : ''}`,
      async () => {
        const client = new AbortController();
        const held = getWaiting('still-gone', 'wait=30', {}, { signal: client.signal }).catch(
          () => undefined,
        );
        await expect.poll(() => callsTo('still-gone'), { timeout: 10_000 }).toBeGreaterThan(1);
        client.abort();
        await held;
        await sleep(1500);
        const settled = callsTo('still-gone');
        await sleep(2500);
        expect(callsTo('still-gone')).toBe(settled);
      },
    );

    it(`${runtime}: counts long-polls with the streams: past the credential's limit a stream is refused and a long-poll answers at once`, async () => {
      const client = new AbortController();
      const lpMany = { authorization: 'Bearer lp-many' };
      const waiting = Array.from({ length: 12 }, () =>
        getWaiting('still-lp', 'wait=30', lpMany, { signal: client.signal }).catch(() => undefined),
      );
      // All twelve are held once the watch they wait on polls again. Then a stream is refused.
      await expect
        .poll(() => callsTo('still-lp', 'lp-many'), { timeout: 10_000 })
        .toBeGreaterThan(1);
      const stream = await subscribe('still-lp', 'lp-many');
      expect(stream.status).toBe(429);
      await stream.arrayBuffer();
      const atOnce = await getWaiting('still-lp', 'wait=30', lpMany);
      expect(atOnce.status).toBe(200);
      expect(atOnce.headers.get('preference-applied')).toBeNull();
      await atOnce.arrayBuffer();
      client.abort();
      await Promise.all(waiting);
      // Their places come back when the clients hang up, where hang-ups reach the proxy.
      if (noHangUps) return;
      await expect
        .poll(
          async () => {
            const again = await subscribe('still-lp', 'lp-many');
            await again.body?.cancel();
            return again.status;
          },
          { timeout: 5000 },
        )
        .toBe(200);
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
