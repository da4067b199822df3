import { fetchEventSource } from '@microsoft/fetch-event-source';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, resultFor, startUpstream, type UpstreamServer } from '../../test/upstream-server.ts';
import { parseConfig } from '../config.ts';
import { createApp, type ProxyApp } from '../http/app.ts';
import { createMemoryStore } from '../stores/memory.ts';

// The event stream as @microsoft/fetch-event-source reads it: a client that dispatches a message
// at every blank line, the WHATWG parser's empty blocks included.

describe('the event stream read by @microsoft/fetch-event-source', () => {
  let upstream: UpstreamServer;
  let app: ProxyApp;
  beforeAll(async () => {
    upstream = await startUpstream();
    const calls = new Map<string, number>();
    // In progress for two polls (a second apart), then done.
    upstream.answer((call, res) => {
      const n = (calls.get(call.path) ?? 0) + 1;
      calls.set(call.path, n);
      const id = call.path.slice('/api/file/'.length);
      json(200, resultFor(id, call.headers.authorization, n > 2 ? 2 : 0))(call, res);
    });
    app = createApp({
      config: {
        // A heartbeat a second: the stream, two polls long, carries some.
        ...parseConfig({ STREAM_HEARTBEAT_SECONDS: '1' }),
        mdssUrl: upstream.url,
        cacheKeySecret: 'fetch-event-source test',
      },
      store: createMemoryStore({ maxBytes: 1024 * 1024 }),
      log: () => {},
    });
    // It reads `document` and `window`, which Node has not: what a user's test setup gives it.
    Object.assign(globalThis, {
      window: globalThis,
      document: { hidden: false, addEventListener() {}, removeEventListener() {} },
    });
  });
  afterAll(async () => {
    await upstream?.close();
  });

  it('receives each event and no empty message: the retry comes with the first event, heartbeats are lone comment lines', async () => {
    const messages: { id: string; event: string; data: string }[] = [];
    const stopped = new AbortController();
    await fetchEventSource('http://proxy.test/api/file/fes-1/events', {
      headers: { authorization: 'Bearer fes' },
      openWhenHidden: true,
      signal: stopped.signal,
      fetch: async (input, init) => app.request(String(input), init),
      onmessage: ({ id, event, data }) => {
        messages.push({ id, event, data });
        if (event === 'done') stopped.abort();
      },
      onerror: (error) => {
        throw error;
      },
    });
    expect(messages.map((m) => m.event)).toEqual(['progress', 'done']);
    for (const message of messages) expect(JSON.parse(message.data)).toMatchObject({ id: 'fes-1' });
  });
});
