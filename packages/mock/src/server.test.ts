import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { eventsOf, summaryEventId } from '@mdss-kit/contract/events';
import { mdssContract, proxyContract } from '@mdss-kit/contract/validate';
import { type EventSourceMessage, fetchEventSource } from '@microsoft/fetch-event-source';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoIds } from './demo.ts';
import { presets } from './presets.ts';
import { type MockServer, startMockServer } from './server.ts';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0 });
});
afterAll(async () => {
  await server.close();
});

const get = (path: string, headers: Record<string, string> = { authorization: 'Bearer demo' }) =>
  fetch(server.url + path, { headers });

describe('the mock MDSS server over real HTTP', () => {
  it('listens on 127.0.0.1', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it.each(Object.entries(demoIds))(
    'serves the demo file %s, valid against the contract',
    async (_name, id) => {
      const response = await get(`/api/file/${id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = await response.json();
      mdssContract.assertResponse('/api/file/{id}', 200, body);
      expect(body.id).toBe(id);
    },
  );

  it('advances the processing demo file, then starts over on reset', async () => {
    server.reset();
    const states = [];
    for (let poll = 0; poll < 5; poll++)
      states.push((await (await get(`/api/file/${demoIds.processing}`)).json()).processingState);
    expect(states).toEqual([0, 0, 0, 3, 3]);
    server.reset();
    expect((await (await get(`/api/file/${demoIds.processing}`)).json()).processingState).toBe(0);
  });

  it('answers 401 without a bearer and 404 for an unknown id, with contract bodies', async () => {
    const unauthorized = await get(`/api/file/${demoIds.clean}`, {});
    expect(unauthorized.status).toBe(401);
    mdssContract.assertResponse('/api/file/{id}', 401, await unauthorized.json());
    const missing = await get('/api/file/unknown');
    expect(missing.status).toBe(404);
    mdssContract.assertResponse('/api/file/{id}', 404, await missing.json());
  });

  it('honours x-mdss-mock-scenario', async () => {
    const response = await get('/api/file/any', {
      authorization: 'Bearer demo',
      'x-mdss-mock-scenario': 'dlp',
    });
    expect((await response.json()).scanResult.dlpInfo.verdict).toBe(1);
  });

  it('fails the connection for a network-error scenario', async () => {
    const { scenario } = await import('./scenarios.ts');
    const faulty = await startMockServer({
      port: 0,
      files: { x: scenario.networkError(), ok: presets.clean() },
    });
    try {
      await expect(
        fetch(`${faulty.url}/api/file/x`, { headers: { authorization: 'Bearer t' } }),
      ).rejects.toThrow(TypeError);
      expect(
        (await fetch(`${faulty.url}/api/file/ok`, { headers: { authorization: 'Bearer t' } }))
          .status,
      ).toBe(200);
    } finally {
      await faulty.close();
    }
  });
});

describe('the event stream over real HTTP', () => {
  const stream = (base: string, id: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/file/${id}/events`, {
      headers: { authorization: 'Bearer demo', accept: 'text/event-stream', ...headers },
    });

  it('streams the processing demo file event by event to done, each event valid against the contract', async () => {
    server.reset();
    const response = await stream(server.url, demoIds.processing);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events: string[] = [];
    for await (const { id, event, data } of eventsOf(response.body as ReadableStream)) {
      proxyContract.assertSchema('FileEvent', { id, event, data });
      events.push(`${event} ${id}`);
    }
    expect(events.map((e) => e.split(' ')[0])).toEqual([
      'progress',
      'progress',
      'progress',
      'done',
    ]);
    const done = events.at(-1)?.split(' ')[1] ?? '';
    expect((await stream(server.url, demoIds.processing, { 'last-event-id': done })).status).toBe(
      204,
    );
  });

  it('runs a time-based scenario on the real clock: in progress until its duration has passed', async () => {
    const { scenario } = await import('./scenarios.ts');
    const timed = await startMockServer({
      port: 0,
      // biome-ignore lint/suspicious/noThenProperty: the scenario's option
      files: { t: scenario.processing({ durationMs: 300, then: presets.clean() }) },
    });
    try {
      const began = Date.now();
      const state = async () =>
        (
          await (
            await fetch(`${timed.url}/api/file/t`, { headers: { authorization: 'Bearer t' } })
          ).json()
        ).processingState;
      expect(await state()).toBe(0);
      let last = 0;
      while (last === 0) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        last = await state();
      }
      expect(last).toBe(3);
      expect(Date.now() - began).toBeGreaterThanOrEqual(300);
    } finally {
      await timed.close();
    }
  });

  it('gives @microsoft/fetch-event-source one message per event, none empty, the first carrying retry', async () => {
    server.reset();
    // A browser library: it reads `window` (fetch, its retry timer) and `document` (visibility).
    vi.stubGlobal('window', globalThis);
    vi.stubGlobal('document', { hidden: false, addEventListener() {}, removeEventListener() {} });
    const messages: EventSourceMessage[] = [];
    try {
      await fetchEventSource(`${server.url}/api/file/${demoIds.processing}/events`, {
        headers: { authorization: 'Bearer demo' },
        openWhenHidden: true,
        onmessage: (message) => messages.push(message),
        onerror: (error) => {
          throw error;
        },
      });
    } finally {
      vi.unstubAllGlobals();
    }
    expect(messages.map(({ event }) => event)).toEqual([
      'progress',
      'progress',
      'progress',
      'done',
    ]);
    for (const { id, data } of messages) expect(id).toBe(summaryEventId(data));
    for (const { id, event, data } of messages)
      proxyContract.assertSchema('FileEvent', { id, event, data });
    expect(messages[0]?.retry).toBe(10);
  });

  it('has no events route with events: false, as MDSS itself (404)', async () => {
    const plain = await startMockServer({ port: 0, events: false });
    try {
      const response = await stream(plain.url, demoIds.processing);
      expect(response.status).toBe(404);
      await response.body?.cancel();
    } finally {
      await plain.close();
    }
  });
});

describe('the mdss-mock bin', () => {
  it('serves the demo ids on PORT and lists them', async () => {
    const bin = fileURLToPath(new URL('./bin.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', bin], {
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      // Collect every line as it comes: the bin prints them all at once.
      const lines: string[] = [];
      const listed = new Promise<void>((resolve) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          lines.push(line);
          if (lines.length === 1 + Object.keys(demoIds).length) resolve();
        });
      });
      await listed;
      const url = /listening on (http:\/\/\S+)/.exec(lines[0] ?? '')?.[1] ?? '';
      expect(lines[1]).toContain(`/api/file/${demoIds.clean}`);
      const response = await fetch(`${url}/api/file/${demoIds.infected}`, {
        headers: { authorization: 'Bearer demo' },
      });
      mdssContract.assertResponse('/api/file/{id}', 200, await response.json());
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
