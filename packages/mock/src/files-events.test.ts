import { type FileEntry, readFilesEventId } from '@mdss-kit/contract';
import { createEventParser } from '@mdss-kit/contract/events';
import { proxyContract } from '@mdss-kit/contract/validate';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupMdssServer } from './node.ts';
import { presets } from './presets.ts';
import { scenario } from './scenarios.ts';

const BASE = 'https://mdss.test';
const server = setupMdssServer({
  baseUrl: BASE,
  files: {
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    p1: scenario.processing({ polls: 2, then: presets.infected() }),
    c1: presets.clean(),
    s1: scenario.sequence(presets.inProgress(), presets.inProgress(), presets.clean()),
    x1: scenario.sequence(presets.inProgress(), { kind: 'network-error' }, presets.clean()),
    f1: scenario.sequence(presets.inProgress(), scenario.serverError().reply(0, 'f1')),
  },
});
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

type Got = { id: string; event: string; data: FileEntry };

const open = (ids: string[], headers: Record<string, string> = {}) =>
  fetch(`${BASE}/api/files/events?${ids.map((id) => `id=${id}`).join('&')}`, {
    headers: { authorization: 'Bearer t', ...headers },
  });

/** The stream's events, each held to the contract's FilesEvent, until it ends or `stopAfter`. */
async function read(response: Response, stopAfter = Number.POSITIVE_INFINITY) {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const events: Got[] = [];
  const retries: number[] = [];
  const parser = createEventParser({
    onEvent: ({ id = '', event = '', data }) => {
      proxyContract.assertSchema('FilesEvent', { id, event, data });
      events.push({ id, event, data: JSON.parse(data) });
    },
    onRetry: (ms) => retries.push(ms),
  });
  const reader = response.body?.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  let ended = false;
  while (events.length < stopAfter) {
    const { done, value } = await reader.read();
    if (done) {
      ended = true;
      break;
    }
    parser.feed(value);
  }
  // Not awaited (MSW's interceptor settles a cancel only once the body ends).
  if (!ended) void reader.cancel().catch(() => {});
  return { events, retries, ended };
}

/** Each file's event names, in order. */
const byFile = (events: Got[]) => {
  const files: Record<string, string[]> = {};
  for (const { event, data } of events) {
    files[data.id] = [...(files[data.id] ?? []), event];
  }
  return files;
};

describe('GET /api/files/events from MSW', () => {
  it('carries every file on one stream, each ending on its own, and ends when all have', async () => {
    const { events, retries, ended } = await read(await open(['p1', 'c1', 'gone1', 's1', 'f1']));
    expect(ended).toBe(true);
    expect(retries).toEqual([10]);
    expect(byFile(events)).toEqual({
      p1: ['progress', 'progress', 'done'],
      c1: ['done'],
      gone1: ['problem'],
      // The same summary twice is sent once.
      s1: ['progress', 'done'],
      f1: ['progress', 'problem'],
    });
    const gone = events.find((e) => e.data.id === 'gone1')?.data;
    expect(gone).toMatchObject({ problem: { status: 404, upstreamStatus: 404 } });
    const failed = events.find((e) => e.data.id === 'f1' && e.event === 'problem')?.data;
    expect(failed).toMatchObject({ problem: { status: 502, upstreamStatus: 500 } });
  });

  it('names every file in each event id, the ends outright', async () => {
    const { events } = await read(await open(['c1', 'p1']));
    const tokens = events.map((e) => readFilesEventId(e.id, 2));
    expect(tokens[0]?.[0]).toBe(events[0]?.data.id === 'c1' ? 'd' : 'n');
    expect(tokens.at(-1)).toEqual(['d', 'd']);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('waits out a file whose upstream gave no answer, sending nothing for it', async () => {
    const { events } = await read(await open(['x1']));
    expect(byFile(events)).toEqual({ x1: ['progress', 'done'] });
  });

  it('resumes every file from one Last-Event-ID: nothing again for a file that ended', async () => {
    const first = await read(await open(['c1', 'p1']), 2);
    const last = first.events.at(-1) as Got;
    const heldP1 = first.events.findLast((e) => e.data.id === 'p1')?.data;
    const again = await read(await open(['c1', 'p1'], { 'last-event-id': last.id }));
    expect(again.ended).toBe(true);
    expect(byFile(again.events).c1).toBeUndefined();
    expect(byFile(again.events).p1?.at(-1)).toBe('done');
    // The summary the client held is not sent again.
    expect(again.events.map((e) => e.data)).not.toContainEqual(heldP1);
  });

  it('answers 204 to a Last-Event-ID naming every file’s end, and ignores one of another list', async () => {
    const { events } = await read(await open(['c1', 'gone1']));
    const last = events.at(-1)?.id as string;
    expect((await open(['c1', 'gone1'], { 'last-event-id': last })).status).toBe(204);
    const other = await read(await open(['c1', 'gone1', 'p1'], { 'last-event-id': last }));
    expect(Object.keys(byFile(other.events)).sort()).toEqual(['c1', 'gone1', 'p1']);
  });

  it.each([
    ['no id', []],
    ['101 ids', Array.from({ length: 101 }, (_, i) => `id${i}`)],
    ['an id twice', ['c1', 'c1']],
    ['an id that is no path segment', ['a%2Fb']],
  ])('refuses %s with 400 and a problem, as the contract says', async (_name, ids) => {
    const response = await open(ids);
    expect(response.status).toBe(400);
    const contentType = response.headers.get('content-type');
    const body = await response.json();
    proxyContract.assertResponse('/api/files/events', 400, body, { contentType });
    expect(body.type).toMatch(/invalid-id(-list)?$/);
  });

  it('refuses a request without a bearer token with 401', async () => {
    const response = await open(['c1'], { authorization: '' });
    expect(response.status).toBe(401);
    const contentType = response.headers.get('content-type');
    proxyContract.assertResponse('/api/files/events', 401, await response.json(), { contentType });
  });
});
