import { getEventListeners } from 'node:events';
import { eventsOf, summaryEventId } from '@mdss-kit/contract/events';
import { mdssContract, proxyContract } from '@mdss-kit/contract/validate';
import { getResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from './events.ts';
import { createMdssHandlers } from './handlers.ts';
import { setupMdssServer } from './node.ts';
import { presets } from './presets.ts';
import { scenario } from './scenarios.ts';

const BASE = 'https://mdss.test';
const ids = { processing: 'p1', clean: 'c1', cut: 'x1', failing: 'f1', same: 's1' };
const server = setupMdssServer({
  baseUrl: BASE,
  files: {
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    [ids.processing]: scenario.processing({ polls: 2, then: presets.infected() }),
    [ids.clean]: presets.clean(),
    [ids.cut]: scenario.sequence(
      presets.inProgress({ upload: 50 }),
      { kind: 'network-error' },
      presets.clean(),
    ),
    [ids.failing]: scenario.sequence(presets.inProgress(), scenario.serverError().reply(0, 'f1')),
    [ids.same]: scenario.sequence(
      presets.inProgress({ upload: 100, scan: 40 }),
      presets.inProgress({ upload: 100, scan: 40 }),
      presets.inProgress({ upload: 100, scan: 40 }),
      presets.clean(),
    ),
  },
});
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  server.resetScenarios();
});
afterAll(() => server.close());

const auth = { authorization: 'Bearer t' };

/** The stream's events, each held to the contract's FileEvent, and its `retry:`. */
async function read(response: Response, stopAfter = Number.POSITIVE_INFINITY) {
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const events: StreamEvent[] = [];
  let retry: number | undefined;
  const onRetry = (ms: number) => {
    retry = ms;
  };
  for await (const { id, event, data } of eventsOf(response.body as ReadableStream, { onRetry })) {
    proxyContract.assertSchema('FileEvent', { id, event, data });
    events.push({ id, event, data: JSON.parse(data) } as StreamEvent);
    if (events.length >= stopAfter) break;
  }
  return { events, retry };
}

const stream = (base: string, id: string, headers: Record<string, string> = auth) =>
  fetch(`${base}/api/file/${id}/events`, { headers: { accept: 'text/event-stream', ...headers } });

describe('the event stream from MSW', () => {
  it('sends each step of a scenario as a progress event, then done, each id naming its summary, valid against the contract', async () => {
    const { events, retry } = await read(await stream(BASE, ids.processing));
    expect(retry).toBe(10);
    expect(events.map((e) => e.event)).toEqual(['progress', 'progress', 'done']);
    for (const e of events) expect(e.id).toBe(summaryEventId(JSON.stringify(e.data)));
    expect(events.map((e) => e.data)).toEqual(
      Array(3).fill(expect.objectContaining({ id: ids.processing })),
    );
    expect(events.at(-1)?.data).toMatchObject({ done: true, decision: 'blocked' });
  });

  it('counts its steps as polls: the GET after done answers the final result', async () => {
    await read(await stream(BASE, ids.processing));
    const response = await fetch(`${BASE}/api/file/${ids.processing}`, { headers: auth });
    const body = await response.json();
    mdssContract.assertResponse('/api/file/{id}', 200, body);
    expect(body.processingState).toBe(3);
  });

  it('resends nothing delivered after Last-Event-ID, and answers 204 after the final event or a final problem', async () => {
    const first = await read(await stream(BASE, ids.processing), 1);
    const [seen] = first.events.map((e) => e.id);
    const rest = await read(
      await stream(BASE, ids.processing, { ...auth, 'last-event-id': seen ?? '' }),
    );
    expect(rest.events.map((e) => e.event)).toEqual(['progress', 'done']);
    expect(rest.events.map((e) => e.id)).not.toContain(seen);
    const done = rest.events.at(-1)?.id ?? '';
    const again = await stream(BASE, ids.processing, { ...auth, 'last-event-id': done });
    expect(again.status).toBe(204);
    const afterProblem = await stream(BASE, ids.clean, { ...auth, 'last-event-id': 'problem-502' });
    expect(afterProblem.status).toBe(204);
  });

  it('opens with the latest state for a new subscriber, and ends at once on a finished file', async () => {
    const { events } = await read(await stream(BASE, ids.clean));
    expect(events.map((e) => e.event)).toEqual(['done']);
    const late = await read(await stream(BASE, ids.clean));
    expect(late.events).toEqual(events);
  });

  it('sends a progress event only when the summary changes', async () => {
    const { events } = await read(await stream(BASE, ids.same));
    expect(events.map((e) => e.event)).toEqual(['progress', 'done']);
  });

  it('cuts the stream for a network-error reply; the reconnect goes on from Last-Event-ID', async () => {
    const cut = await stream(BASE, ids.cut);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const { id } of eventsOf(cut.body as ReadableStream)) seen.push(id ?? '');
      })(),
    ).rejects.toThrow();
    expect(seen).toHaveLength(1);
    const rest = await read(
      await stream(BASE, ids.cut, { ...auth, 'last-event-id': seen[0] ?? '' }),
    );
    expect(rest.events.map((e) => e.event)).toEqual(['done']);
  });

  it('ends with a problem event when the upstream fails mid-stream', async () => {
    const failing = await read(await stream(BASE, ids.failing));
    expect(failing.events.map((e) => e.event)).toEqual(['progress', 'problem']);
    expect(failing.events.at(-1)).toMatchObject({
      id: 'problem-502',
      data: { status: 502, upstreamStatus: 500 },
    });
  });

  it('refuses a stream whose first answer is a refusal with its status and a problem, as the proxy', async () => {
    const unknown = await stream(BASE, 'nobody');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    const problem = await unknown.json();
    proxyContract.assertResponse('/api/file/{id}/events', 404, problem, {
      contentType: 'application/problem+json',
    });
    expect(problem).toMatchObject({ status: 404, upstreamStatus: 404 });
  });

  it('streams the scenario named by x-mdss-mock-scenario', async () => {
    const { events } = await read(
      await stream(BASE, 'any', { ...auth, 'x-mdss-mock-scenario': 'processing' }),
    );
    expect(events.map((e) => e.event)).toEqual(['progress', 'progress', 'progress', 'done']);
    expect(events.at(-1)?.data).toMatchObject({ id: 'any' });
  });

  it('answers 404 with events: false, as MDSS itself', async () => {
    server.use(...createMdssHandlers({ baseUrl: BASE, events: false }));
    const response = await stream(BASE, ids.clean);
    expect(response.status).toBe(404);
  });

  it('answers 401 without a bearer, with a contract body', async () => {
    const response = await stream(BASE, ids.clean, {});
    expect(response.status).toBe(401);
    proxyContract.assertResponse('/api/file/{id}/events', 401, await response.json(), {
      contentType: response.headers.get('content-type'),
    });
  });
});

describe('the event stream inside a test suite', () => {
  // biome-ignore lint/suspicious/noThenProperty: the scenario's option
  const long = { steps: scenario.processing({ polls: 30, then: presets.clean() }) };

  it('keeps no abort listener past its step: at most one on the request at any time', async () => {
    const handlers = createMdssHandlers({ baseUrl: BASE, files: long, events: { intervalMs: 1 } });
    const request = new Request(`${BASE}/api/file/steps/events`, { headers: auth });
    const response = await getResponse(handlers, request);
    const listeners: number[] = [];
    for await (const _ of eventsOf((response as Response).body as ReadableStream))
      listeners.push(getEventListeners(request.signal, 'abort').length);
    expect(listeners).toHaveLength(31);
    expect(Math.max(...listeners)).toBeLessThanOrEqual(1);
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
  });

  it('prints no MaxListenersExceededWarning over a long stream through setupServer', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    server.use(...createMdssHandlers({ baseUrl: BASE, files: long, events: { intervalMs: 1 } }));
    try {
      const { events } = await read(await stream(BASE, 'steps'));
      expect(events).toHaveLength(31);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });
});

describe('the event stream of a scan that starts over', () => {
  it('shows the scan again once it has started over; until then, the same done', async () => {
    let now = 0;
    const handlers = createMdssHandlers({
      baseUrl: BASE,
      clock: () => now,
      events: { intervalMs: 1 },
      files: {
        // biome-ignore lint/suspicious/noThenProperty: the scenario's option
        demo: scenario.processing({ polls: 2, then: presets.clean(), restartAfterMs: 3_000 }),
      },
    });
    const events = async () => {
      const request = new Request(`${BASE}/api/file/demo/events`, { headers: auth });
      const { events } = await read((await getResponse(handlers, request)) as Response);
      return events.map((e) => `${e.event} ${e.id}`);
    };
    const scan = await events();
    expect(scan.map((e) => e.split(' ')[0])).toEqual(['progress', 'progress', 'done']);
    now = 1_000;
    expect(await events()).toEqual(scan.slice(2));
    now = 3_000;
    // The same summaries again: the same ids.
    expect(await events()).toEqual(scan);
  });
});
