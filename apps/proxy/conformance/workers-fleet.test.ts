// A fleet of Workers on real workerd (two isolates in one Miniflare, each on its own port of
// 127.0.0.1) bound to one FILE_COORDINATOR namespace, in front of a real upstream whose calls
// are counted: one upstream call for concurrent misses wherever they land, one poll per interval
// for every stream of a key, each credential its own answers, and a failing object that costs
// an answer nothing.
import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../test/event-stream.ts';
import { contractBody } from '../test/harness.ts';
import {
  delayed,
  files,
  json,
  resultFor,
  startUpstream,
  type UpstreamServer,
} from '../test/upstream-server.ts';
import { startWorkerFleet, type WorkerFleet } from './runtimes.ts';

const env = (upstream: UpstreamServer) => ({
  MDSS_URL: upstream.url,
  // Far above an answer's time on a busy machine: a call that timed out would be asked again.
  UPSTREAM_TIMEOUT_MS: '10000',
  CACHE_KEY_SECRET: 'fleet conformance secret, 32 ch',
});

/**
 * Answers a scan in progress on each credential's first call for a file, done after; the name
 * says whose it is.
 */
function scanOnce(upstream: UpstreamServer) {
  const seen = new Map<string, number>();
  upstream.answer((call, res) => {
    const id = decodeURIComponent(call.path.replace(/^\/api\/file\//, ''));
    const key = `${call.headers.authorization} ${id}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const result = resultFor(id, call.headers.authorization, n > 1 ? 2 : 0);
    json(200, { ...result, name: `${call.headers.authorization}.bin` })(call, res);
  });
}

const callsTo = (upstream: UpstreamServer, id: string, token?: string) =>
  upstream.calls.filter(
    (call) =>
      call.path === `/api/file/${id}` &&
      (token === undefined ||
        (call.headers as IncomingHttpHeaders).authorization === `Bearer ${token}`),
  ).length;

const get = (origin: string, path: string, token: string) =>
  fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('workers fleet: two isolates sharing the FileCoordinator', () => {
  let upstream: UpstreamServer;
  let fleet: WorkerFleet;
  beforeAll(async () => {
    upstream = await startUpstream();
    fleet = await startWorkerFleet(env(upstream), { isolates: 2, coordinator: 'own' });
  }, 120_000);
  afterAll(async () => {
    await fleet?.stop();
    await upstream?.close();
  });
  /** The isolate the i-th request goes to: every other one to each. */
  const origin = (i: number) => fleet.urls[i % fleet.urls.length] ?? '';

  it('runs each isolate on its own port', () => {
    expect(fleet.urls).toHaveLength(2);
    expect(new Set(fleet.urls).size).toBe(2);
  });

  it('makes one upstream call for 20 concurrent misses of one credential and file, spread over both isolates', async () => {
    upstream.answer(delayed(300, files()));
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => get(origin(i), '/api/file/fleet-1', 'fleet-token')),
    );
    const bodies = await Promise.all(responses.map((r) => contractBody(r, '/api/file/fleet-1')));
    for (const body of bodies) {
      expect(body).toMatchObject({ id: 'fleet-1', servedTo: 'Bearer fleet-token' });
    }
    expect(callsTo(upstream, 'fleet-1')).toBe(1);
    // A join on the other isolate says so as one in the same isolate does, as on Redis.
    const collapsed = responses.filter((r) => r.headers.get('cache-status')?.includes('collapsed'));
    expect(collapsed).toHaveLength(19);
  });

  it('makes one call per credential for one file, and gives each credential its own answer', async () => {
    upstream.answer(delayed(300, files()));
    const tokens = ['fleet-a', 'fleet-b'];
    const responses = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const token = tokens[i % 2] ?? '';
        // Both credentials on both isolates.
        const response = await get(origin(Math.floor(i / 2)), '/api/file/fleet-2', token);
        return { token, body: await contractBody(response, '/api/file/fleet-2') };
      }),
    );
    for (const { token, body } of responses) expect(body.servedTo).toBe(`Bearer ${token}`);
    expect(callsTo(upstream, 'fleet-2', 'fleet-a')).toBe(1);
    expect(callsTo(upstream, 'fleet-2', 'fleet-b')).toBe(1);
  });

  it("passes the upstream's status, headers and bytes through the object to every isolate", async () => {
    upstream.answer(
      delayed(300, json(429, { err: 'slow down' }, { 'retry-after': '7', 'x-other': 'dropped' })),
    );
    const responses = await Promise.all(
      [0, 1].map((i) => get(origin(i), '/api/file/fleet-3', 'fleet-token')),
    );
    for (const response of responses) {
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(await contractBody(response, '/api/file/fleet-3')).toEqual({ err: 'slow down' });
    }
    expect(callsTo(upstream, 'fleet-3')).toBe(1);
  });

  it('feeds event streams opened on both isolates from one upstream poll per interval', async () => {
    scanOnce(upstream);
    const streams = await Promise.all(
      Array.from({ length: 6 }, async (_, i) =>
        readEvents(
          await fetch(`${origin(i)}/api/file/fleet-4/events`, {
            headers: { authorization: 'Bearer fleet-token' },
          }),
        ),
      ),
    );
    await Promise.all(streams.map((s) => s.ended));
    for (const stream of streams) {
      expect(stream.events.map((e) => e.event)).toEqual(['progress', 'done']);
      expect(stream.events[1]?.data).toMatchObject({ id: 'fleet-4', done: true });
    }
    // One poll found it in progress, the next one done: for all six streams.
    expect(callsTo(upstream, 'fleet-4')).toBe(2);
  });

  it("never feeds one credential's stream with another's results, on either isolate", async () => {
    scanOnce(upstream);
    const tokens = ['fleet-a', 'fleet-b', 'fleet-a', 'fleet-b'];
    const streams = await Promise.all(
      tokens.map(async (token, i) =>
        readEvents(
          await fetch(`${origin(Math.floor(i / 2))}/api/file/fleet-5/events`, {
            headers: { authorization: `Bearer ${token}` },
          }),
        ),
      ),
    );
    await Promise.all(streams.map((s) => s.ended));
    streams.forEach((stream, i) => {
      expect(stream.events.map((e) => e.event)).toEqual(['progress', 'done']);
      for (const event of stream.events) expect(event.data.name).toBe(`Bearer ${tokens[i]}.bin`);
    });
    expect(callsTo(upstream, 'fleet-5', 'fleet-a')).toBe(2);
    expect(callsTo(upstream, 'fleet-5', 'fleet-b')).toBe(2);
  });
});

describe('workers fleet: two isolates without the binding', () => {
  let upstream: UpstreamServer;
  let fleet: WorkerFleet;
  beforeAll(async () => {
    upstream = await startUpstream();
    fleet = await startWorkerFleet(env(upstream), { isolates: 2 });
  }, 120_000);
  afterAll(async () => {
    await fleet?.stop();
    await upstream?.close();
  });

  it('makes one upstream call per isolate for the same concurrent misses, as before', async () => {
    upstream.answer(delayed(300, files()));
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        get(fleet.urls[i % 2] ?? '', '/api/file/alone-1', 'fleet-token'),
      ),
    );
    for (const response of responses) expect(response.status).toBe(200);
    expect(callsTo(upstream, 'alone-1')).toBe(2);
  });
});

/** A coordinator whose every request fails, as an overloaded or broken object's does. */
const BROKEN_COORDINATOR = `
export class FileCoordinator {
  fetch() { throw new Error('the object is overloaded'); }
}
export default { fetch: () => new Response(null, { status: 404 }) };
`;

describe('workers fleet: a FileCoordinator that fails', () => {
  let upstream: UpstreamServer;
  let fleet: WorkerFleet;
  beforeAll(async () => {
    upstream = await startUpstream();
    fleet = await startWorkerFleet(env(upstream), {
      isolates: 1,
      coordinator: { code: BROKEN_COORDINATOR },
    });
  }, 120_000);
  afterAll(async () => {
    await fleet?.stop();
    await upstream?.close();
  });

  it('still answers a GET, from its own upstream call', async () => {
    upstream.answer(files());
    const response = await get(fleet.urls[0] ?? '', '/api/file/broken-1', 'fleet-token');
    expect(response.status).toBe(200);
    expect(await contractBody(response, '/api/file/broken-1')).toMatchObject({
      id: 'broken-1',
      servedTo: 'Bearer fleet-token',
    });
    expect(callsTo(upstream, 'broken-1')).toBe(1);
  });

  it('still streams progress and the final summary, from its own watch', async () => {
    scanOnce(upstream);
    const stream = readEvents(
      await fetch(`${fleet.urls[0]}/api/file/broken-2/events`, {
        headers: { authorization: 'Bearer fleet-token' },
      }),
    );
    await stream.ended;
    expect(stream.events.map((e) => e.event)).toEqual(['progress', 'done']);
  });
});

describe('workers fleet: the binding without CACHE_KEY_SECRET', () => {
  let upstream: UpstreamServer;
  let fleet: WorkerFleet;
  beforeAll(async () => {
    upstream = await startUpstream();
    const { CACHE_KEY_SECRET: _, ...unkeyed } = env(upstream);
    fleet = await startWorkerFleet(unkeyed, { isolates: 1, coordinator: 'own' });
  }, 120_000);
  afterAll(async () => {
    await fleet?.stop();
    await upstream?.close();
  });

  it('refuses every request with a 500 naming CACHE_KEY_SECRET, and calls no upstream', async () => {
    const response = await get(fleet.urls[0] ?? '', '/api/file/unkeyed-1', 'fleet-token');
    expect(response.status).toBe(500);
    expect((await response.json()).detail).toMatch(/CACHE_KEY_SECRET.*FILE_COORDINATOR/);
    expect(upstream.calls).toHaveLength(0);
  });
});
