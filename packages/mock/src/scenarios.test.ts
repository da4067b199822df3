import { mdssContract } from '@mdss-kit/contract/validate';
import { getResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMdssHandlers } from './handlers.ts';
import { setupMdssServer } from './node.ts';
import { presets } from './presets.ts';
import { scenario } from './scenarios.ts';

// biome-ignore lint/suspicious/noExplicitAny: bodies are read field by field after the contract check
type Json = any;

const BASE = 'https://mdss.test';
const TEN_MINUTES = 10 * 60_000;
const server = setupMdssServer({
  baseUrl: BASE,
  files: {
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    scan: scenario.processing({ durationMs: TEN_MINUTES, then: presets.clean() }),
  },
});
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  vi.useRealTimers();
  server.resetHandlers();
  server.resetScenarios();
});
afterAll(() => server.close());

async function get(id: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${BASE}/api/file/${id}`, {
    headers: { authorization: 'Bearer t', ...headers },
  });
  const body: Json = await response.json();
  mdssContract.assertResponse('/api/file/{id}', response.status, body);
  return { status: response.status, body };
}

/** Polls every 30 s of fake time until the file is done: the fake minutes each poll saw. */
async function pollUnderFakeTimers(id: string, headers: Record<string, string> = {}) {
  const seen: { minute: number; state: number; upload: number; scan: number }[] = [];
  const start = Date.now();
  for (;;) {
    const { body } = await get(id, headers);
    seen.push({
      minute: (Date.now() - start) / 60_000,
      state: body.processingState,
      upload: body.progress.upload,
      scan: body.progress.scan,
    });
    if (body.processingState !== 0 || seen.length > 100) return seen;
    await vi.advanceTimersByTimeAsync(30_000);
  }
}

describe('time-based scenarios', () => {
  // Nothing here waits in real time: a scenario that slept ten real minutes would outlast the
  // test's timeout, whatever the machine's speed.
  it('a ten-minute scan under fake timers ends at ten minutes of fake time', async () => {
    vi.useFakeTimers();
    const seen = await pollUnderFakeTimers('scan');

    expect(seen.at(-1)).toMatchObject({ minute: 10, state: 3, upload: 100, scan: 100 });
    expect(seen.slice(0, -1).every(({ state }) => state === 0)).toBe(true);
    expect(seen).toHaveLength(21);
    // Progress only rises, and the upload is done before the scan starts.
    for (let i = 1; i < seen.length; i++) {
      const [before, after] = [seen[i - 1], seen[i]];
      expect(after?.upload).toBeGreaterThanOrEqual(before?.upload ?? 0);
      expect(after?.scan).toBeGreaterThanOrEqual(before?.scan ?? 0);
    }
  });

  it('the header scenario processing:10m:clean takes ten minutes of fake time, per id', async () => {
    vi.useFakeTimers();
    const headers = { 'x-mdss-mock-scenario': 'processing:10m:clean' };
    const seen = await pollUnderFakeTimers('h1', headers);
    expect(seen.at(-1)).toMatchObject({ minute: 10, state: 3 });
    expect((await get('h1', headers)).body.scanResult.scanResults.scanAllResultI).toBe(0);
    // Another id starts its own ten minutes at its first poll.
    expect((await get('h2', headers)).body.processingState).toBe(0);
  });

  it('reads an injected clock at each poll, from each file’s first poll; reset starts over', async () => {
    let now = 1_000;
    const handlers = createMdssHandlers({
      baseUrl: 'https://clocked.test',
      clock: () => now,
      // biome-ignore lint/suspicious/noThenProperty: the scenario's option
      files: { a: scenario.processing({ durationMs: 500, then: presets.infected() }) },
    });
    server.use(...handlers);
    const state = async () =>
      (
        await (
          await fetch('https://clocked.test/api/file/a', { headers: { authorization: 'Bearer t' } })
        ).json()
      ).processingState;
    expect(await state()).toBe(0);
    now += 499;
    expect(await state()).toBe(0);
    now += 1;
    expect(await state()).toBe(3);
    handlers.reset();
    expect(await state()).toBe(0);
  });

  it.each([
    ['processing:10x', 'an unknown unit'],
    ['processing:10m:bogus', 'an unknown preset'],
    ['processing:10m:processing', 'a preset that is itself a scenario'],
    ['processing:', 'no duration'],
  ])('answers 400 for the header scenario %s (%s)', async (name) => {
    expect((await get('x', { 'x-mdss-mock-scenario': name })).status).toBe(400);
  });

  it.each([
    [{ durationMs: -1 }, /durationMs must be a number ≥ 0 \(got -1\)/],
    [{ durationMs: Number.NaN }, /durationMs must be a number ≥ 0 \(got NaN\)/],
    [{ polls: -2 }, /polls must be a number ≥ 0 \(got -2\)/],
    [{ restartAfterMs: -1 }, /restartAfterMs must be a number ≥ 0 \(got -1\)/],
  ])('refuses scenario.processing(%o) with a clear error', (options, message) => {
    expect(() => scenario.processing(options)).toThrow(message);
  });
});

describe('a scan that starts over (restartAfterMs)', () => {
  let now = 0;
  const handlers = createMdssHandlers({
    clock: () => now,
    files: {
      // biome-ignore lint/suspicious/noThenProperty: the scenario's option
      demo: scenario.processing({ polls: 2, then: presets.clean(), restartAfterMs: 3_000 }),
    },
  });
  /** One poll as `token`: its state and how long it may be kept. */
  const poll = async (token: string) => {
    const response = (await getResponse(
      handlers,
      new Request('https://mdss.test/api/file/demo', {
        headers: { authorization: `Bearer ${token}` },
      }),
    )) as Response;
    const body: Json = await response.json();
    mdssContract.assertResponse('/api/file/{id}', 200, body);
    return `${body.processingState} ${response.headers.get('cache-control') ?? '-'}`;
  };

  it('starts over for the first poll that long after it ended, each token on its own run', async () => {
    now = 0;
    expect([await poll('a'), await poll('a'), await poll('a')]).toEqual([
      '0 -',
      '0 -',
      '3 max-age=3',
    ]);
    now = 1_500;
    expect(await poll('a')).toBe('3 max-age=1');
    now = 2_999;
    expect(await poll('a')).toBe('3 max-age=0');
    // Another token's scan is its own: it has only begun.
    expect(await poll('b')).toBe('0 -');
    now = 3_000;
    expect([await poll('a'), await poll('a'), await poll('a')]).toEqual([
      '0 -',
      '0 -',
      '3 max-age=3',
    ]);
    handlers.reset();
  });
});
