import { proxyContract } from '@mdss-kit/contract/validate';
import { presets, scenario } from '@mdss-kit/mock';
import { demoIds, type MockServer, startMockServer } from '@mdss-kit/mock/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMdssClient } from './create-client.ts';
import type { WaitProgress } from './wait-for-file.ts';

// The transports over real HTTP on 127.0.0.1: the mock server with its event stream (as the
// proxy offers it), and without (as MDSS itself).
let streaming: MockServer;
let plain: MockServer;
const files = {
  // biome-ignore lint/suspicious/noThenProperty: the scenario's option
  [demoIds.processing]: scenario.processing({ polls: 3, then: presets.infected() }),
  [demoIds.clean]: presets.clean(),
  // A stream cut after its first event, then the file is done.
  cut: scenario.sequence(
    presets.inProgress({ upload: 60 }),
    { kind: 'network-error' },
    presets.clean(),
  ),
};
beforeAll(async () => {
  streaming = await startMockServer({ port: 0, files });
  plain = await startMockServer({ port: 0, files, events: false });
});
afterAll(async () => {
  await streaming.close();
  await plain.close();
});

const client = (server: MockServer) => createMdssClient({ baseUrl: server.url, token: 'demo' });

describe('the stream over real HTTP', () => {
  it('waits for a processing file over the stream, each summary valid against the contract', async () => {
    streaming.reset();
    const progress: WaitProgress[] = [];
    const result = await client(streaming).waitForFile(demoIds.processing, {
      transport: 'stream',
      onProgress: (p) => {
        proxyContract.assertSchema('FileSummary', p.summary);
        progress.push(p);
      },
    });
    expect(result.processingState).toBe(3);
    expect(progress.map((p) => p.summary?.done)).toEqual([false, false, false, true]);
  });

  it('reconnects with Last-Event-ID after the mock server cuts the stream', async () => {
    streaming.reset();
    const progress: WaitProgress[] = [];
    const result = await client(streaming).waitForFile('cut', {
      transport: 'stream',
      onProgress: (p) => progress.push(p),
    });
    expect(result.processingState).toBe(3);
    // The event before the cut is not sent again after the reconnection.
    expect(progress.map((p) => [p.upload, p.summary?.done])).toEqual([
      [60, false],
      [100, true],
    ]);
  });

  it('watchFile yields the summaries over the stream to the done one', async () => {
    streaming.reset();
    const states: string[] = [];
    for await (const summary of client(streaming).watchFile(demoIds.processing)) {
      states.push(summary.state);
    }
    expect(states).toEqual(['in_progress', 'in_progress', 'in_progress', 'available']);
  });

  it('auto falls back to polling within one poll interval against a server without the route', async () => {
    plain.reset();
    // An interval no busy machine comes near: only waiting it out would take that long.
    const interval = 20_000;
    const started = performance.now();
    const progress: WaitProgress[] = [];
    const result = await client(plain).waitForFile(demoIds.clean, {
      minDelayMs: interval,
      maxDelayMs: interval,
      onProgress: (p) => progress.push(p),
    });
    expect(result.processingState).toBe(3);
    // The 404 and the first poll, inside the one poll interval allowed for the fallback.
    expect(performance.now() - started).toBeLessThan(interval);
    expect(progress.map((p) => [p.poll, p.result?.id])).toEqual([[1, demoIds.clean]]);
  });
});
