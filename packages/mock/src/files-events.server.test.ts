// The multi-file stream over real HTTP, read by the `eventsource` package (the WHATWG
// EventSource for Node): it reconnects by itself with Last-Event-ID when the stream ends, and the
// 204 that answers an id naming every file's end stops it.
import { type FileEntry, readFilesEventId } from '@mdss-kit/contract';
import { proxyContract } from '@mdss-kit/contract/validate';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presets } from './presets.ts';
import { scenario } from './scenarios.ts';
import { type MockServer, startMockServer } from './server.ts';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({
    port: 0,
    events: { intervalMs: 10, retryMs: 50 },
    files: {
      // biome-ignore lint/suspicious/noThenProperty: the scenario's option
      p1: scenario.processing({ polls: 3, then: presets.infected() }),
      // biome-ignore lint/suspicious/noThenProperty: the scenario's option
      p2: scenario.processing({ polls: 1, then: presets.clean() }),
      c1: presets.clean(),
    },
  });
});
afterAll(async () => {
  await server.close();
});

interface Seen {
  event: string;
  lastEventId: string;
  data: FileEntry;
}

describe('GET /api/files/events read by the eventsource client', () => {
  it('carries three files to their ends on one connection, then stops at the 204', async () => {
    const ids = ['p1', 'gone1', 'p2', 'c1'];
    const statuses: number[] = [];
    const source = new EventSource(
      `${server.url}/api/files/events?${ids.map((id) => `id=${id}`).join('&')}`,
      {
        fetch: async (input, init) => {
          const response = await fetch(input, {
            ...init,
            headers: { ...init?.headers, authorization: 'Bearer es' },
          });
          statuses.push(response.status);
          return response;
        },
      },
    );
    const seen: Seen[] = [];
    for (const name of ['progress', 'done', 'problem']) {
      source.addEventListener(name, (message) => {
        const { lastEventId: id, data } = message;
        proxyContract.assertSchema('FilesEvent', { event: name, id, data });
        seen.push({ event: name, lastEventId: id, data: JSON.parse(data) });
      });
    }
    // The stream ends once every file has; the client reconnects with the last id, is told 204,
    // and closes for good.
    await new Promise<void>((resolve) => {
      source.addEventListener('error', () => {
        if (source.readyState === EventSource.CLOSED) resolve();
      });
    });
    source.close();

    expect(statuses).toEqual([200, 204]);
    const ends = seen.filter((s) => s.event !== 'progress').map((s) => s.data.id);
    expect(ends.sort()).toEqual([...ids].sort());
    const perFile = (id: string) => seen.filter((s) => s.data.id === id).map((s) => s.event);
    expect(perFile('p1')).toEqual(['progress', 'progress', 'progress', 'done']);
    expect(perFile('gone1')).toEqual(['problem']);
    expect(perFile('c1')).toEqual(['done']);
    expect(readFilesEventId(seen.at(-1)?.lastEventId, ids.length)).toEqual(['d', 'p', 'd', 'd']);
  });
});
