import { presets, scenario } from '@mdss-kit/mock';
import { setupMdssServer } from '@mdss-kit/mock/node';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../test/failure.ts';
import { FakeClock } from '../test/fake-clock.ts';
import { createMdssClient } from './create-client.ts';
import type { WaitProgress } from './wait-for-file.ts';

const BASE = 'https://mdss.test';
const TIMEOUT = 9_999;
const MAX_WAIT = 600_000;
// These tests are about polling; the stream has its own (stream-file.test.ts).
const POLL = { transport: 'poll' } as const;

const finishedUnknownState = presets.clean({ processingState: 3 });
const stuckUnknownState = presets.inProgress({ scan: 50 }, { processingState: 7 });
const server = setupMdssServer({
  baseUrl: BASE,
  files: {
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    progressing: scenario.processing({ polls: 3, then: presets.infected() }),
    failed: presets.failed('Storage unreachable'),
    unknownDone: finishedUnknownState,
    unknownStuck: stuckUnknownState,
    down: scenario.serverError(),
    blip: scenario.sequence(
      scenario.serverError().reply(0, 'blip'),
      presets.inProgress(),
      scenario.serverError().reply(0, 'blip'),
      presets.clean(),
    ),
  },
});
let requests = 0;
server.events.on('request:start', () => {
  requests++;
});
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  server.resetScenarios();
  requests = 0;
});
afterAll(() => server.close());

function setup() {
  const clock = new FakeClock();
  const client = createMdssClient({
    baseUrl: BASE,
    token: 't',
    clock,
    random: () => 0.5,
    timeoutMs: TIMEOUT,
    retry: { retries: 2 },
  });
  /** The delays between polls (the per-attempt and overall deadlines left out). */
  const pauses = () => clock.delays.filter((d) => d !== TIMEOUT && d !== MAX_WAIT);
  return { clock, client, pauses };
}

describe('waitForFile', () => {
  it('polls a file that progresses over 3 polls, with exponential backoff, and reports progress each time', async () => {
    const { clock, client, pauses } = setup();
    const progress: WaitProgress[] = [];
    const result = await clock.run(
      client.waitForFile('progressing', {
        ...POLL,
        minDelayMs: 1000,
        maxDelayMs: 8000,
        maxWaitMs: MAX_WAIT,
        onProgress: (p) => progress.push(p),
      }),
    );
    expect(result.processingState).toBe(3);
    expect(result.scanResult?.scanResults?.scanAllResultI).toBe(1);
    expect(requests).toBe(4);
    // Jitter over the upper half of each doubling ceiling (random fixed at 0.5): 1000, 1500, 3000.
    expect(pauses()).toEqual([1000, 1500, 3000]);
    expect(progress.map((p) => [p.poll, p.processingState])).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 3],
    ]);
    const figures = progress.map((p) => (p.upload ?? 0) * 1000 + (p.scan ?? 0));
    expect(figures).toEqual([...figures].sort((a, b) => a - b));
  });

  it('never waits longer than maxDelayMs between polls', async () => {
    const { clock, client, pauses } = setup();
    await failure(
      clock.run(
        client.waitForFile('unknownStuck', {
          ...POLL,
          minDelayMs: 1000,
          maxDelayMs: 4000,
          maxWaitMs: 60_000,
        }),
      ),
    );
    const waits = pauses().filter((d) => d !== 60_000 && d > 0);
    // Doubling reaches the ceiling, then stays: jitter (0.5 here) keeps it within [2000, 4000];
    // the last wait is cut short by the deadline.
    expect(waits.slice(0, 3)).toEqual([1000, 1500, 3000]);
    expect(new Set(waits.slice(3, -1))).toEqual(new Set([3000]));
    expect(waits.at(-1)).toBeLessThanOrEqual(3000);
  });

  it('resolves with a failed file (state 1) for the caller to inspect', async () => {
    const { clock, client } = setup();
    const result = await clock.run(client.waitForFile('failed', POLL));
    expect(result).toMatchObject({ processingState: 1, exceptionDetails: 'Storage unreachable' });
    expect(requests).toBe(1);
  });

  it('resolves an unknown processingState whose every figure says done', async () => {
    const { clock, client } = setup();
    expect((await clock.run(client.waitForFile('unknownDone', POLL))).processingState).toBe(3);
  });

  it('stops at maxWaitMs on an unknown processingState that never completes', async () => {
    const { clock, client } = setup();
    const error = await failure(
      clock.run(
        client.waitForFile('unknownStuck', {
          ...POLL,
          minDelayMs: 1000,
          maxDelayMs: 10_000,
          maxWaitMs: 60_000,
        }),
      ),
    );
    expect(error.code).toBe('timeout');
    expect(clock.now()).toBe(60_000);
    expect(requests).toBeGreaterThan(3);
    expect(requests).toBeLessThan(15);
  });

  it('stops at once, and polls no more, when the caller aborts mid-wait', async () => {
    const { clock, client } = setup();
    const controller = new AbortController();
    const waiting = client.waitForFile('unknownStuck', {
      ...POLL,
      signal: controller.signal,
      minDelayMs: 1000,
    });
    clock.setTimeout(() => controller.abort(), 2500);
    const error = await failure(clock.run(waiting));
    expect(error.code).toBe('aborted');
    const after = requests;
    await clock.run(new Promise((resolve) => clock.setTimeout(() => resolve(undefined), 60_000)));
    expect(requests).toBe(after);
  });

  it('treats a 404 inside notFoundGraceMs as not registered yet', async () => {
    let n = 0;
    server.use(
      http.get(`${BASE}/api/file/late`, () =>
        n++ < 2
          ? HttpResponse.json({ late: 'Not Found' }, { status: 404 })
          : HttpResponse.json(presets.clean({ id: 'late' })),
      ),
    );
    const { clock, client } = setup();
    expect(
      (
        await clock.run(
          client.waitForFile('late', {
            ...POLL,
            notFoundGraceMs: 10_000,
          }),
        )
      ).processingState,
    ).toBe(3);
    expect(requests).toBe(3);
  });

  it('fails not_found at once without a grace period', async () => {
    const { clock, client } = setup();
    expect((await failure(clock.run(client.waitForFile('nobody', POLL)))).code).toBe('not_found');
    expect(requests).toBe(1);
  });

  it('counts failed polls against the retry budget instead of retrying inside each poll', async () => {
    const { clock, client } = setup();
    expect((await failure(clock.run(client.waitForFile('down', POLL)))).code).toBe('server_error');
    // retries: 2 -> 3 polls in all, not 3 polls × 3 attempts.
    expect(requests).toBe(3);
  });

  it('resets the failure budget after a good poll', async () => {
    const { clock, client } = setup();
    expect((await clock.run(client.waitForFile('blip', POLL))).processingState).toBe(3);
    expect(requests).toBe(4);
  });

  it('honours Retry-After between polls', async () => {
    let n = 0;
    server.use(
      http.get(`${BASE}/api/file/busy`, () =>
        n++ === 0
          ? HttpResponse.json({ err: 'busy' }, { status: 503, headers: { 'retry-after': '30' } })
          : HttpResponse.json(presets.clean({ id: 'busy' })),
      ),
    );
    const { clock, client, pauses } = setup();
    await clock.run(
      client.waitForFile('busy', {
        ...POLL,
        minDelayMs: 1000,
      }),
    );
    expect(pauses()).toEqual([30_000]);
  });
});
