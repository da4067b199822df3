// Vitest in Node: the client against the mock, a ten-minute scan under fake timers.
import { createMdssClient } from '@mdss-kit/client';
import { presets, scenario } from '@mdss-kit/mock';
import { setupMdssServer } from '@mdss-kit/mock/node';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';

const server = setupMdssServer({
  baseUrl: 'https://mdss.test',
  files: {
    // In progress for ten minutes of the test's clock (Date.now, faked below), then infected.
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    abc: scenario.processing({ durationMs: 10 * 60_000, then: presets.infected() }),
  },
});
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  vi.useRealTimers();
  server.resetHandlers(); // MSW's own reset: it starts every scenario over too
});
afterAll(() => server.close());

// The test's clock runs ten minutes; the real one, a moment (a real wait would time the test out).
it('waits out a ten-minute scan on the test clock', async () => {
  vi.useFakeTimers();
  const mdss = createMdssClient({ baseUrl: 'https://mdss.test', token: 'test-token' });
  const fakeStart = Date.now();

  let result: Awaited<ReturnType<typeof mdss.waitForFile>> | undefined;
  const waiting = mdss
    .waitForFile('abc', { transport: 'poll', maxDelayMs: 30_000, maxWaitMs: 15 * 60_000 })
    .then((r) => {
      result = r;
    });
  while (!result) await vi.advanceTimersByTimeAsync(5_000);
  await waiting;

  expect(result.processingState).toBe(3);
  expect(result.scanResult?.scanResults?.scanAllResultI).toBe(1);
  expect(Date.now() - fakeStart).toBeGreaterThanOrEqual(10 * 60_000);
});
