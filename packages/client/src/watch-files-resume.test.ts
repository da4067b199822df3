import type { FileSummary } from '@mdss-kit/contract';
import { formatEvent } from '@mdss-kit/contract/events';
import { presets, scenario } from '@mdss-kit/mock';
import { setupMdssServer } from '@mdss-kit/mock/node';
import { getResponse, HttpResponse, http, RequestHandler } from 'msw';
import { describe, expect, it } from 'vitest';
import { failure } from '../test/failure.ts';
import { collect, endsPerFile, timelines } from '../test/file-updates.ts';
import { recordRequests } from '../test/recorded-requests.ts';
import { recordingClock } from '../test/recording-clock.ts';
import { createMdssClient, type MdssClientOptions } from './create-client.ts';
import type { Transport } from './wait-for-file.ts';

// Many files when things go wrong: a cut stream, refusals for now, a file's own failures. The
// mock serves both many-file routes; overrides cut or refuse where the wire must be exact.
const BASE = 'https://mdss.test';
const EVENTS = `${BASE}/api/files/events`;
const SUMMARY = `${BASE}/api/files/summary`;
const server = setupMdssServer({
  baseUrl: BASE,
  files: {
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    two: scenario.processing({ polls: 2, then: presets.clean() }),
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    four: scenario.processing({ polls: 4, then: presets.infected() }),
    clean: presets.clean(),
    broken: scenario.serverError(),
    flaky: scenario.sequence({ kind: 'network-error' }, presets.clean()),
  },
});
const mockHandlers = server
  .listHandlers()
  .filter((handler): handler is RequestHandler => handler instanceof RequestHandler);
const { seen, lastEventIds } = recordRequests(server);

/** A client whose timers are the system's, every delay it asks for recorded. */
function recordingClient(options: Partial<MdssClientOptions> = {}) {
  const clock = recordingClock();
  const client = createMdssClient({
    baseUrl: BASE,
    token: 't',
    clock,
    random: () => 0.5,
    ...options,
  });
  return { client, delays: clock.delays };
}

/** The mock's own stream for `request`, cut after its first `events` events. */
async function cutAfter(request: Request, events: number): Promise<Response> {
  const response = (await getResponse(mockHandlers, request)) as Response;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await reader.read();
      if (!chunk.done && sent++ < events) return controller.enqueue(chunk.value);
      await reader.cancel();
      // A moment later: an error drops whatever the reading side has not taken yet.
      setTimeout(() => controller.error(new TypeError('cut')), 20);
    },
  });
  return new Response(body, { headers: response.headers });
}

/** A refusal for now, as the proxy answers it: 429 and a problem, with Retry-After. */
const refusedForNow = () =>
  HttpResponse.json(
    { type: 'urn:mdss-kit:problem:too-many-streams', title: 'Too many streams', status: 429 },
    {
      status: 429,
      headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
    },
  );

describe('watchFiles, resuming and refused', () => {
  it('reconnects after a cut with the last event id, resuming every file: no update twice, each end once', async () => {
    let connections = 0;
    server.use(
      http.get(EVENTS, ({ request }) => (connections++ === 0 ? cutAfter(request, 2) : undefined)),
    );
    const { client } = recordingClient();
    const updates = await collect(
      client.watchFiles(['two', 'four', 'clean'], { transport: 'stream' }),
    );
    expect(lastEventIds).toHaveLength(2);
    expect(lastEventIds[0]).toBeNull();
    // The second event's id: one token per file, in the order listed.
    expect(lastEventIds[1]).toMatch(/^[0-9a-z]{1,5}\.[0-9a-z]{1,5}\.[0-9a-z]{1,5}$/);
    expect(endsPerFile(updates)).toEqual({ two: 1, four: 1, clean: 1 });
    const summaries = updates.map((u) => JSON.stringify(u));
    expect(new Set(summaries).size).toBe(summaries.length);
    expect(timelines(updates).four?.at(-1)).toBe('available!');
  });

  it('opens a stream refused for now (429) again after its Retry-After, without spending the retry budget', async () => {
    let connections = 0;
    server.use(http.get(EVENTS, () => (connections++ === 0 ? refusedForNow() : undefined)));
    const { client, delays } = recordingClient({ retry: false });
    const updates = await collect(client.watchFiles(['two', 'clean'], { transport: 'stream' }));
    expect(endsPerFile(updates)).toEqual({ two: 1, clean: 1 });
    expect(lastEventIds).toEqual([null, null]);
    expect(delays).toContain(1000);
  });

  it('asks for the summary again after a 429’s Retry-After', async () => {
    let answers = 0;
    server.use(http.get(SUMMARY, () => (answers++ === 0 ? refusedForNow() : undefined)));
    const { client, delays } = recordingClient();
    const updates = await collect(client.watchFiles(['two', 'clean'], { transport: 'poll' }));
    expect(endsPerFile(updates)).toEqual({ two: 1, clean: 1 });
    expect(seen[0]).toBe('/api/files/summary');
    expect(delays).toContain(1000);
  });

  it('polls a file again after its own passing failure (the upstream unreachable for it), not its end', async () => {
    const { client } = recordingClient();
    const updates = await collect(
      client.watchFiles(['flaky', 'two'], { transport: 'poll', minDelayMs: 5, maxDelayMs: 5 }),
    );
    expect(timelines(updates).flaky).toEqual(['available!']);
  });

  it.each<Transport>(['stream', 'poll'])(
    'ends a file the upstream fails for good with its error over %s, and the others with their verdicts',
    async (transport) => {
      const { client } = recordingClient();
      const updates = await collect(
        client.watchFiles(['broken', 'two'], { transport, minDelayMs: 5, maxDelayMs: 5 }),
      );
      expect(timelines(updates)).toEqual({
        broken: ['error:server_error'],
        two: ['in_progress', 'in_progress', 'available!'],
      });
    },
  );

  it('fails the whole watch when the proxy refuses the token, without polling (auto)', async () => {
    server.use(
      http.get(EVENTS, () =>
        HttpResponse.json(
          { type: 'urn:mdss-kit:problem:unauthorized', title: 'Missing token', status: 401 },
          { status: 401, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    const error = await failure(collect(recordingClient().client.watchFiles(['two'])));
    expect(error.code).toBe('unauthorized');
    expect(seen).toEqual(['/api/files/events']);
  });

  it('fails invalid_response for an event naming a file not listed', async () => {
    const summary: Partial<FileSummary> = { ...presets.clean(), id: 'other' };
    server.use(
      http.get(
        EVENTS,
        () =>
          new HttpResponse(
            formatEvent({
              id: 'n',
              event: 'progress',
              data: JSON.stringify({ id: 'other', summary }),
            }),
            { headers: { 'content-type': 'text/event-stream' } },
          ),
      ),
    );
    const error = await failure(
      collect(recordingClient().client.watchFiles(['two'], { transport: 'stream' })),
    );
    expect(error.code).toBe('invalid_response');
    expect(error.message).toMatch(/not listed \(other\)/);
  });
});
