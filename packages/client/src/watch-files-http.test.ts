import { presets, scenario } from '@mdss-kit/mock';
import { type MockServer, startMockServer } from '@mdss-kit/mock/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, endsPerFile, timelines } from '../test/file-updates.ts';
import { createMdssClient } from './create-client.ts';

// Many files over real HTTP on 127.0.0.1: the mock server with the many-file routes (as the
// proxy offers them), and without (as MDSS itself).
let proxyLike: MockServer;
let mdss: MockServer;
const files = {
  // biome-ignore lint/suspicious/noThenProperty: the scenario's option
  processing: scenario.processing({ polls: 3, then: presets.infected() }),
  clean: presets.clean(),
};
const ids = ['processing', 'clean', 'unknown'];
const expected = {
  processing: ['in_progress', 'in_progress', 'in_progress', 'available!'],
  clean: ['available!'],
  unknown: ['error:not_found'],
};
beforeAll(async () => {
  proxyLike = await startMockServer({ port: 0, files });
  mdss = await startMockServer({ port: 0, files, events: false });
});
afterAll(async () => {
  await proxyLike.close();
  await mdss.close();
});

const client = (server: MockServer) => createMdssClient({ baseUrl: server.url, token: 'demo' });
const fast = { minDelayMs: 5, maxDelayMs: 5 };

describe('many files over real HTTP', () => {
  it('watches every file on one stream to its end', async () => {
    proxyLike.reset();
    const updates = await collect(client(proxyLike).watchFiles(ids));
    expect(timelines(updates)).toEqual(expected);
    expect(endsPerFile(updates)).toEqual({ processing: 1, clean: 1, unknown: 1 });
  });

  it('long-polls the summary (If-None-Match, Prefer: wait) through the real server', async () => {
    proxyLike.reset();
    const updates = await collect(
      client(proxyLike).watchFiles(ids, { transport: 'poll', ...fast }),
    );
    expect(timelines(updates)).toEqual(expected);
  });

  it('auto polls each file from a server without the many-file routes (MDSS)', async () => {
    mdss.reset();
    const ends = await client(mdss).waitForFiles(ids, fast);
    expect(ends.map((end) => ('error' in end ? end.error.code : end.summary.decision))).toEqual([
      'blocked',
      'allowed',
      'not_found',
    ]);
  });
});
