import { mdssContract, proxyContract } from '@mdss-kit/contract/validate';
import { createParser } from 'eventsource-parser';
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
  const parser = createParser({
    onEvent: ({ id, event, data }) => {
      proxyContract.assertSchema('FileEvent', { id, event, data });
      events.push({ id, event, data: JSON.parse(data) } as StreamEvent);
    },
    onRetry: (ms) => {
      retry = ms;
    },
  });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  while (reader && events.length < stopAfter) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
  }
  // Not awaited: the reading side is done either way.
  void reader?.cancel().catch(() => {});
  return { events, retry };
}

const stream = (base: string, id: string, headers: Record<string, string> = auth) =>
  fetch(`${base}/api/file/${id}/events`, { headers: { accept: 'text/event-stream', ...headers } });

describe('the event stream from MSW', () => {
  it('sends each step of a scenario as a progress event, then done, ids increasing, valid against the contract', async () => {
    const { events, retry } = await read(await stream(BASE, ids.processing));
    expect(retry).toBe(10);
    expect(events.map((e) => [e.id, e.event])).toEqual([
      ['1', 'progress'],
      ['2', 'progress'],
      ['3', 'done'],
    ]);
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

  it('resends nothing delivered after Last-Event-ID, and answers 204 after the final event', async () => {
    const first = await read(await stream(BASE, ids.processing), 1);
    expect(first.events.map((e) => e.id)).toEqual(['1']);
    const rest = await read(await stream(BASE, ids.processing, { ...auth, 'last-event-id': '1' }));
    expect(rest.events.map((e) => [e.id, e.event])).toEqual([
      ['2', 'progress'],
      ['3', 'done'],
    ]);
    const again = await stream(BASE, ids.processing, { ...auth, 'last-event-id': '3' });
    expect(again.status).toBe(204);
  });

  it('opens with the latest state for a new subscriber, and ends at once on a finished file', async () => {
    const { events } = await read(await stream(BASE, ids.clean));
    expect(events.map((e) => [e.id, e.event])).toEqual([['1', 'done']]);
    const late = await read(await stream(BASE, ids.clean));
    expect(late.events.map((e) => [e.id, e.event])).toEqual([['1', 'done']]);
  });

  it('sends a progress event only when the summary changes', async () => {
    const { events } = await read(await stream(BASE, ids.same));
    expect(events.map((e) => [e.id, e.event])).toEqual([
      ['1', 'progress'],
      ['2', 'done'],
    ]);
  });

  it('cuts the stream for a network-error reply; the reconnect goes on from Last-Event-ID', async () => {
    const cut = await stream(BASE, ids.cut);
    await expect(read(cut)).rejects.toThrow();
    const rest = await read(await stream(BASE, ids.cut, { ...auth, 'last-event-id': '1' }));
    expect(rest.events.map((e) => [e.id, e.event])).toEqual([['2', 'done']]);
  });

  it('ends with a problem event when the upstream fails, and for an unknown id', async () => {
    const failing = await read(await stream(BASE, ids.failing));
    expect(failing.events.map((e) => e.event)).toEqual(['progress', 'problem']);
    expect(failing.events.at(-1)?.data).toMatchObject({ status: 502, upstreamStatus: 500 });
    const unknown = await read(await stream(BASE, 'nobody'));
    expect(unknown.events.map((e) => [e.event, e.data])).toEqual([
      ['problem', expect.objectContaining({ status: 404, upstreamStatus: 404 })],
    ]);
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
    proxyContract.assertResponse('/api/file/{id}/events', 401, await response.json());
  });
});
