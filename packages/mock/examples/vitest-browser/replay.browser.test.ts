// Vitest in Chromium: the client against the mock's service worker, replaying a recorded scan.
import { createMdssClient } from '@mdss-kit/client';
import { scenario } from '@mdss-kit/mock';
import { setupMdssWorker } from '@mdss-kit/mock/browser';
import { afterAll, beforeAll, expect, it } from 'vitest';
// Written by `mdss-mock record --url … --token-env … --ids 65a1f0c2e4b0a1b2c3d4e5f6`.
import recording from '../../fixtures/recorded-scan.json' with { type: 'json' };

const worker = setupMdssWorker({
  files: { [recording.id]: scenario.replay(recording, { speed: 'per-poll' }) },
});
beforeAll(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
afterAll(() => worker.stop());

it('follows a recorded scan through its 503 and 502 to the result', async () => {
  const mdss = createMdssClient({ baseUrl: location.origin, token: 'test-token' });
  const result = await mdss.waitForFile(recording.id, { transport: 'poll', minDelayMs: 20 });
  expect(result.processingState).toBe(3);
  expect(result.scanResult?.scanResults?.scanDetails?.[1]).toMatchObject({ scanTime: 10002 });
});
