import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import recorded from '../fixtures/recorded-scan.json' with { type: 'json' };
import { setupMdssWorker } from './browser.ts';
import { presets } from './presets.ts';
import { parseRecording } from './recording.ts';
import { scenario } from './scenarios.ts';

const recording = parseRecording(recorded);
let now = 0;
// The page's own origin, answered by MSW's service worker (public/mockServiceWorker.js); the
// handlers run in the page, so they read the page's clock.
const worker = setupMdssWorker({
  clock: () => now,
  files: {
    r: scenario.replay(recording, { speed: 'per-poll' }),
    paced: scenario.replay(recording, { speed: 10 }),
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    scan: scenario.processing({ durationMs: 10 * 60_000, then: presets.clean() }),
  },
});
beforeAll(async () => {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
});
afterAll(() => worker.stop());

/** A recorded body as served for `id`: a result carries that id in place of the recorded one. */
const servedAs = (body: string | undefined, id: string) => body?.replace(recording.id, id);

const get = (id: string) => fetch(`/api/file/${id}`, { headers: { authorization: 'Bearer t' } });

describe('the mock in the browser’s service worker (Chromium)', () => {
  it('replays each recorded answer byte for byte: status, kept headers, exact text', async () => {
    expect(navigator.userAgent).toMatch(/Chrome/);
    for (const { status, headers, body } of recording.answers) {
      const response = await get('r');
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe(headers['content-type']);
      expect(response.headers.get('retry-after')).toBe(headers['retry-after'] ?? null);
      expect(await response.text()).toBe(servedAs(body, 'r'));
    }
  });

  it('runs a ten-minute scan and a ten-times-faster replay by the handlers’ clock', async () => {
    now = 0;
    expect((await (await get('scan')).json()).processingState).toBe(0);
    expect((await get('paced')).status).toBe(200);
    now = 400; // ten times faster, the answers are due at 0, 100, 300, 400, 500 ms: the 502
    expect((await get('paced')).status).toBe(502);
    now = 10 * 60_000;
    expect((await (await get('scan')).json()).processingState).toBe(3);
    expect(await (await get('paced')).text()).toBe(
      servedAs(recording.answers.at(-1)?.body, 'paced'),
    );
  });

  it('starts every scenario over on MSW’s own worker.resetHandlers()', async () => {
    now = 0;
    await get('r');
    await get('r');
    worker.resetHandlers();
    expect(await (await get('r')).text()).toBe(servedAs(recording.answers[0]?.body, 'r'));
  });
});
