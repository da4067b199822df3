import { setImmediate } from 'node:timers/promises';
import { mdssContract } from '@mdss-kit/contract/validate';
import { errorShapes, presets, scenario } from '@mdss-kit/mock';
import { setupMdssServer } from '@mdss-kit/mock/node';
import {
  environmentManager,
  QueryClient,
  QueryObserver,
  type QueryObserverResult,
} from '@tanstack/query-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMdssClient } from './create-client.ts';
import { fileQueryOptions } from './file-query-options.ts';
import { MdssError } from './mdss-error.ts';

const BASE = 'https://mdss.test';
const server = setupMdssServer({
  baseUrl: BASE,
  events: false,
  auth: { tokens: ['good'] },
  files: {
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    progressing: scenario.processing({ polls: 3, then: presets.infected() }),
    busy: scenario.sequence(
      presets.inProgress({ upload: 100, scan: 10 }),
      errorShapes['busy-503'](),
      presets.inProgress({ upload: 100, scan: 60 }),
      presets.clean(),
    ),
    // In progress once, then a 500 for good.
    breaks: scenario.sequence(presets.inProgress(), scenario.serverError().reply(0, 'breaks')),
    // One poll's three tries fail, then MDSS is back.
    recovers: scenario.sequence(
      presets.inProgress({ upload: 100, scan: 10 }),
      ...Array(3).fill(scenario.serverError().reply(0, 'recovers')),
      presets.inProgress({ upload: 100, scan: 60 }),
      presets.clean(),
    ),
    clean: presets.clean(),
  },
});
/** When each request started, on the fake clock. */
let requests: { path: string; at: number }[] = [];
server.events.on('request:start', ({ request }) => {
  requests.push({ path: new URL(request.url).pathname, at: Date.now() });
});

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  // Node has no window: Query takes it for a server, where nothing refetches by itself.
  environmentManager.setIsServer(() => false);
});
beforeEach(() => {
  // Query's timers and the client's (the system clock, looked up per call) on one fake clock.
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
  // The jitter at its top: each pause is its doubling ceiling.
  vi.spyOn(Math, 'random').mockReturnValue(1);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  server.resetHandlers();
  server.resetScenarios();
  requests = [];
});
afterAll(() => {
  environmentManager.setIsServer(() => true);
  server.close();
});

const client = (token = 'good') => createMdssClient({ baseUrl: BASE, token });
const POLLING = { minDelayMs: 1000, maxDelayMs: 8000 };

/** A QueryObserver on the options, as useQuery makes one: its results, and its end. */
function observe(queryClient: QueryClient, options: ReturnType<typeof fileQueryOptions>) {
  const results: QueryObserverResult<unknown, MdssError>[] = [];
  const observer = new QueryObserver(queryClient, options);
  const unsubscribe = observer.subscribe((result) => results.push(result));
  return { observer, results, unsubscribe };
}

/**
 * Moves the fake clock `ms` ahead from timer to timer, letting the intercepted requests answer
 * (real I/O) at the time each was made before the next timer fires.
 */
async function elapse(ms: number) {
  const end = Date.now() + ms;
  for (;;) {
    for (let i = 0; i < 20; i++) await setImmediate();
    if (Date.now() >= end) return;
    if (vi.getTimerCount() === 0) return vi.setSystemTime(end);
    await vi.advanceTimersToNextTimerAsync();
  }
}

describe('fileQueryOptions', () => {
  it('polls a file in progress with the client’s backoff after each answer, and stops once it is terminal', async () => {
    const queryClient = new QueryClient();
    const { observer, unsubscribe } = observe(
      queryClient,
      fileQueryOptions(client(), 'progressing', POLLING),
    );
    await elapse(60_000);
    // Four GETs: three in progress, then the result; 1, 2 and 4 s apart (doubling from 1 s).
    expect(requests.map((r) => r.at - (requests[0]?.at ?? 0))).toEqual([0, 1000, 3000, 7000]);
    const { status, data, error } = observer.getCurrentResult();
    expect({ status, error }).toEqual({ status: 'success', error: null });
    mdssContract.assertSchema('FileResult', data);
    expect(data?.processingState).toBe(3);
    expect(data?.scanResult?.scanResults?.scanAllResultI).toBe(1);
    // Nothing more, however long the page stays open, and no refetch for a new observer.
    await elapse(600_000);
    observe(queryClient, fileQueryOptions(client(), 'progressing', POLLING));
    expect(requests).toHaveLength(4);
    unsubscribe();
    queryClient.clear();
  });

  it('waits out a busy MDSS’s Retry-After inside the poll, through the client’s retry, not Query’s', async () => {
    const queryClient = new QueryClient();
    const { observer, results, unsubscribe } = observe(
      queryClient,
      fileQueryOptions(client(), 'busy', POLLING),
    );
    await elapse(60_000);
    // In progress at 0; the poll at 1 s meets a 503 asking for 2 s, and the client's retry asks
    // again at 3 s (in progress); the next poll, 2 s later, finds the file clean.
    expect(requests.map((r) => r.at - (requests[0]?.at ?? 0))).toEqual([0, 1000, 3000, 5000]);
    expect(observer.getCurrentResult().data?.processingState).toBe(3);
    expect(results.some((result) => result.error !== null)).toBe(false);
    unsubscribe();
    queryClient.clear();
  });

  it('fails with the MdssError and its status on a 404, after one request, and polls no more', async () => {
    const queryClient = new QueryClient();
    const { observer, unsubscribe } = observe(
      queryClient,
      fileQueryOptions(client(), 'nobody', POLLING),
    );
    await elapse(60_000);
    const { status, error } = observer.getCurrentResult();
    expect(status).toBe('error');
    expect(error).toBeInstanceOf(MdssError);
    expect(error).toMatchObject({ code: 'not_found', status: 404 });
    expect(requests).toHaveLength(1);
    unsubscribe();
    queryClient.clear();
  });

  it('ends the polling with the server error once the client’s retries are spent, with no retries of Query’s on top', async () => {
    const queryClient = new QueryClient();
    const { observer, unsubscribe } = observe(
      queryClient,
      fileQueryOptions(client(), 'breaks', POLLING),
    );
    await elapse(600_000);
    // One answer in progress, then one poll: the first try and the client's 2 retries.
    expect(requests).toHaveLength(4);
    const { status, data, error } = observer.getCurrentResult();
    expect(status).toBe('error');
    expect(error).toMatchObject({ code: 'server_error', status: 500 });
    expect(error?.message).toContain('Server is temporarily unavailable');
    // The last answer stays readable beside the error.
    expect(data?.processingState).toBe(0);
    unsubscribe();
    queryClient.clear();
  });

  it('polls again after refetch() once a failure ended the polling, and on to the end', async () => {
    const queryClient = new QueryClient();
    const { observer, unsubscribe } = observe(
      queryClient,
      fileQueryOptions(client(), 'recovers', POLLING),
    );
    await elapse(60_000);
    expect(observer.getCurrentResult().error).toMatchObject({ code: 'server_error' });
    expect(requests).toHaveLength(4);
    observer.refetch();
    await elapse(60_000);
    const { status, data, error } = observer.getCurrentResult();
    expect({ status, error }).toEqual({ status: 'success', error: null });
    expect(data?.processingState).toBe(3);
    expect(requests).toHaveLength(6);
    unsubscribe();
    queryClient.clear();
  });

  it('never answers one client’s query from a result another client (another token) fetched', async () => {
    const queryClient = new QueryClient();
    const good = client('good');
    const fetched = queryClient.fetchQuery(fileQueryOptions(good, 'clean'));
    await elapse(0);
    expect((await fetched).id).toBe('clean');
    const other = queryClient.fetchQuery(fileQueryOptions(client('stolen'), 'clean'));
    other.catch(() => {});
    await elapse(0);
    await expect(other).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
    expect(fileQueryOptions(good, 'clean').queryKey).toEqual(
      fileQueryOptions(good, 'clean').queryKey,
    );
    expect(requests).toHaveLength(2);
    queryClient.clear();
  });
});
