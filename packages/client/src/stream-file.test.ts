import type { FileSummary } from '@mdss-kit/contract';
import { formatEvent } from '@mdss-kit/contract/events';
import { proxyContract } from '@mdss-kit/contract/validate';
import { presets, scenario } from '@mdss-kit/mock';
import { setupMdssServer } from '@mdss-kit/mock/node';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { eventStreamResponse, frame } from '../test/event-stream.ts';
import { failure } from '../test/failure.ts';
import { FakeClock } from '../test/fake-clock.ts';
import { recordRequests } from '../test/recorded-requests.ts';
import { recordingClock } from '../test/recording-clock.ts';
import { createMdssClient, type MdssClientOptions } from './create-client.ts';
import type { WaitProgress } from './wait-for-file.ts';

// The stream transport against MSW: the mock's event stream, driven by its scenarios (its steps
// 10 ms apart, real time), and hand-made streams where the wire must be exact.
const BASE = 'https://mdss.test';
const EVENTS = `${BASE}/api/file/:id/events`;
const server = setupMdssServer({
  baseUrl: BASE,
  files: {
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    progressing: scenario.processing({ polls: 3, then: presets.infected() }),
    clean: presets.clean(),
    stuck: presets.inProgress({ upload: 100, scan: 40 }),
    failing: scenario.sequence(presets.inProgress(), scenario.serverError().reply(0, 'failing')),
  },
});
const { seen, lastEventIds } = recordRequests(server);

const client = (options: Partial<MdssClientOptions> = {}) =>
  createMdssClient({ baseUrl: BASE, token: 't', random: () => 0.5, ...options });

/** onProgress, each summary held to the contract. */
function progressLog() {
  const progress: WaitProgress[] = [];
  const onProgress = (p: WaitProgress) => {
    proxyContract.assertSchema('FileSummary', p.summary);
    progress.push(p);
  };
  return { progress, onProgress };
}

const summary = (id: string, override: Partial<FileSummary> = {}): FileSummary => ({
  id,
  state: 'in_progress',
  progress: { upload: 50, scan: 0 },
  done: false,
  decision: 'processing',
  engines: { total: 0, detected: 0 },
  threats: [],
  sanitized: false,
  vulnerabilities: { count: 0 },
  ...override,
});

describe("waitForFile over the proxy's event stream", () => {
  it('reports every event, then GETs the final result once', async () => {
    const { progress, onProgress } = progressLog();
    const result = await client().waitForFile('progressing', { transport: 'stream', onProgress });
    expect(result).toMatchObject({ id: 'progressing', processingState: 3 });
    expect(result.scanResult?.scanResults?.scanAllResultI).toBe(1);
    expect(progress.map((p) => [p.poll, p.processingState, p.summary?.done])).toEqual([
      [1, 0, false],
      [2, 0, false],
      [3, 0, false],
      [4, 3, true],
    ]);
    expect(progress.every((p) => p.result === undefined)).toBe(true);
    expect(seen).toEqual(['/api/file/progressing/events', '/api/file/progressing']);
  });

  it('auto streams from a server that offers the route (the mock, as the proxy)', async () => {
    const result = await client().waitForFile('progressing', { transport: 'auto' });
    expect(result.processingState).toBe(3);
    expect(seen).toEqual(['/api/file/progressing/events', '/api/file/progressing']);
  });

  it('reconnects with Last-Event-ID after a dropped stream, after its retry: delay', async () => {
    let connections = 0;
    server.use(
      http.get(EVENTS, () =>
        connections++ === 0
          ? eventStreamResponse(
              [
                formatEvent({ retry: 120 }),
                frame({ id: '7', event: 'progress', data: summary('clean') }),
              ],
              'cut',
            )
          : eventStreamResponse([
              frame({
                id: '8',
                event: 'done',
                data: summary('clean', { state: 'available', done: true, decision: 'allowed' }),
              }),
            ]),
      ),
    );
    // The system clock, its delays recorded: the cut comes in real time.
    const clock = recordingClock();
    const { progress, onProgress } = progressLog();
    const result = await client({ clock }).waitForFile('clean', {
      transport: 'stream',
      onProgress,
    });
    expect(result.processingState).toBe(3);
    expect(lastEventIds).toEqual([null, '7']);
    expect(clock.delays).toContain(120);
    expect(progress.map((p) => p.summary?.done)).toEqual([false, true]);
  });

  it('reconnects when the stream goes silent for three missed heartbeats (45 s)', async () => {
    let connections = 0;
    server.use(
      http.get(EVENTS, () =>
        connections++ === 0
          ? eventStreamResponse(
              [frame({ id: '3', event: 'progress', data: summary('clean') })],
              'hold',
            )
          : eventStreamResponse([
              frame({
                id: '4',
                event: 'done',
                data: summary('clean', { state: 'available', done: true, decision: 'allowed' }),
              }),
            ]),
      ),
    );
    const clock = new FakeClock();
    const result = await clock.run(client({ clock }).waitForFile('clean', { transport: 'stream' }));
    expect(result.processingState).toBe(3);
    expect(lastEventIds).toEqual([null, '3']);
    expect(clock.delays).toContain(45_000);
  });

  it('does not count a stream cut after events against the retry budget', async () => {
    let connections = 0;
    server.use(
      http.get(EVENTS, () => {
        const n = ++connections;
        return n < 4
          ? eventStreamResponse(
              [
                formatEvent({ retry: 5 }),
                frame({ id: String(n), event: 'progress', data: summary('clean') }),
              ],
              'cut',
            )
          : eventStreamResponse([
              frame({
                id: '9',
                event: 'done',
                data: summary('clean', { state: 'available', done: true, decision: 'allowed' }),
              }),
            ]);
      }),
    );
    const result = await client({ retry: false }).waitForFile('clean', { transport: 'stream' });
    expect(result.processingState).toBe(3);
    expect(lastEventIds).toEqual([null, '1', '2', '3']);
  });

  it('after a 204 on reconnect (the final event was delivered), GETs the result once', async () => {
    let connections = 0;
    server.use(
      http.get(EVENTS, () =>
        connections++ === 0
          ? eventStreamResponse(
              [frame({ id: '1', event: 'progress', data: summary('clean') })],
              'cut',
            )
          : new HttpResponse(null, { status: 204 }),
      ),
    );
    const result = await client().waitForFile('clean', { transport: 'stream', minDelayMs: 10 });
    expect(result.processingState).toBe(3);
    expect(seen).toEqual(['/api/file/clean/events', '/api/file/clean/events', '/api/file/clean']);
    expect(lastEventIds).toEqual([null, '1']);
  });

  /** The proxy's refusal of a stream that cannot begin (openapi/proxy.yaml, StreamRefused…). */
  const refusal = (status: number, kind: string, extra: Record<string, unknown> = {}) => {
    const body = { type: `urn:mdss-kit:problem:${kind}`, title: kind, status, ...extra };
    proxyContract.assertResponse('/api/file/{id}/events', status, body, {
      contentType: 'application/problem+json',
    });
    const headers = { 'content-type': 'application/problem+json', 'retry-after': '30' };
    return HttpResponse.json(body, { status, headers });
  };
  const done = frame({
    id: 'd-1',
    event: 'done',
    data: summary('clean', { state: 'available', done: true, decision: 'allowed' }),
  });

  it.each([
    [429, 'too-many-streams'],
    [503, 'streams-full'],
    [429, 'rate-limited'],
    [503, 'upstream-unavailable'],
  ])(
    'waits out the Retry-After of a stream refused with %i (%s) and opens it again, however often, within the deadline',
    async (status, kind) => {
      let connections = 0;
      server.use(
        http.get(EVENTS, () =>
          ++connections <= 4 ? refusal(status, kind) : eventStreamResponse([done]),
        ),
      );
      const clock = new FakeClock();
      const result = await clock.run(
        client({ clock }).waitForFile('clean', { transport: 'stream' }),
      );
      expect(result.processingState).toBe(3);
      expect(connections).toBe(5);
      expect(clock.delays.filter((ms) => ms === 30_000)).toHaveLength(4);
    },
  );

  it('gives up on a refused stream at the deadline', async () => {
    server.use(http.get(EVENTS, () => refusal(429, 'too-many-streams')));
    const clock = new FakeClock();
    const wait = client({ clock }).waitForFile('clean', {
      transport: 'stream',
      maxWaitMs: 100_000,
    });
    const error = await clock.run(failure(wait));
    expect(error).toMatchObject({ code: 'timeout' });
    expect(clock.now()).toBe(100_000);
  });

  it.each(['stream', 'auto'] as const)(
    "fails not_found on the proxy's 404 for an unknown file (transport %s), and keeps streaming",
    async (transport) => {
      server.use(
        http.get(EVENTS, () =>
          refusal(404, 'not-found', { detail: 'The upstream answered 404.', upstreamStatus: 404 }),
        ),
      );
      const mdss = client();
      const error = await failure(mdss.waitForFile('gone', { transport }));
      expect(error).toMatchObject({ code: 'not_found', status: 404 });
      // The server has the route: the next wait streams too, and nothing polled.
      server.resetHandlers();
      await mdss.waitForFile('clean', { transport });
      expect(seen).toEqual(['/api/file/gone/events', '/api/file/clean/events', '/api/file/clean']);
    },
  );

  it('fails no_stream on a server without the route, with transport stream', async () => {
    server.use(http.get(EVENTS, () => HttpResponse.json({ err: 'Not Found' }, { status: 404 })));
    const error = await failure(client().waitForFile('clean', { transport: 'stream' }));
    expect(error).toMatchObject({ code: 'no_stream', status: 404 });
  });

  it('turns a problem event into the matching MdssError', async () => {
    const unknown = await failure(client().waitForFile('nobody', { transport: 'stream' }));
    expect(unknown).toMatchObject({ code: 'not_found', status: 404 });
    proxyContract.assertSchema('Problem', unknown.body);
    const failing = await failure(client().waitForFile('failing', { transport: 'stream' }));
    expect(failing).toMatchObject({ code: 'server_error', status: 500 });
  });

  it('fails invalid_response for an event of another file', async () => {
    server.use(
      http.get(EVENTS, () =>
        eventStreamResponse(
          [frame({ id: '1', event: 'progress', data: summary('other') })],
          'hold',
        ),
      ),
    );
    const error = await failure(client().waitForFile('clean', { transport: 'stream' }));
    expect(error.code).toBe('invalid_response');
  });

  it('stops at once, stream included, when the caller aborts', async () => {
    const controller = new AbortController();
    const waiting = client().waitForFile('stuck', {
      transport: 'stream',
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect((await failure(waiting)).code).toBe('aborted');
    expect(seen).toEqual(['/api/file/stuck/events']);
  });

  it('stops at maxWaitMs with timeout on a stream that never ends', async () => {
    const started = Date.now();
    const error = await failure(
      client().waitForFile('stuck', { transport: 'stream', maxWaitMs: 200 }),
    );
    expect(error.code).toBe('timeout');
    // Far later than 200 ms on any machine, far sooner than the stream's own 45 s of silence.
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe("waitForFile's auto transport against a server without the route", () => {
  it.each([
    ['404', () => HttpResponse.json({ err: 'Not Found' }, { status: 404 })],
    ['405', () => new HttpResponse(null, { status: 405 })],
    ['JSON instead of events', () => HttpResponse.json(presets.clean({ id: 'clean' }))],
  ])(
    'falls back to polling at once on %s, and asks no more for this client',
    async (_name, answer) => {
      server.use(http.get(EVENTS, answer));
      const mdss = client();
      expect((await mdss.waitForFile('clean')).processingState).toBe(3);
      expect(seen).toEqual(['/api/file/clean/events', '/api/file/clean']);
      await mdss.waitForFile('clean');
      expect(seen.slice(2)).toEqual(['/api/file/clean']);
    },
  );

  it('falls back within one poll interval when the stream does not open', async () => {
    server.use(
      http.get(
        EVENTS,
        ({ request }) =>
          new Promise((resolve) =>
            request.signal.addEventListener('abort', () => resolve(HttpResponse.error())),
          ),
      ),
    );
    const clock = new FakeClock();
    const result = await clock.run(client({ clock }).waitForFile('clean', { minDelayMs: 1000 }));
    expect(result.processingState).toBe(3);
    expect(clock.now()).toBe(1000);
    expect(seen).toEqual(['/api/file/clean/events', '/api/file/clean']);
  });
});
