import type { paths } from '@mdss-kit/contract';
import { mdssContract } from '@mdss-kit/contract/validate';
import createClient from 'openapi-fetch';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupMdssServer } from './node.ts';
import { presets } from './presets.ts';
import {
  type ErrorShape,
  errorShapes,
  headerScenarios,
  type Reply,
  scenario,
} from './scenarios.ts';

// biome-ignore lint/suspicious/noExplicitAny: bodies are read field by field after the contract check
type Json = any;

const BASE = 'https://mdss.test';
const ids = { clean: 'a1', processing: 'p1', other: 'p2', flaky: 'f1', never: 'n1', down: 'd1' };

const server = setupMdssServer({
  baseUrl: BASE,
  files: {
    [ids.clean]: presets.clean(),
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    [ids.processing]: scenario.processing({ polls: 2, then: presets.infected() }),
    // biome-ignore lint/suspicious/noThenProperty: the scenario's option
    [ids.other]: scenario.processing({ polls: 1, then: presets.clean() }),
    [ids.flaky]: scenario.sequence(scenario.serverError().reply(0, ids.flaky), presets.clean()),
    [ids.never]: scenario.neverEnds(),
    [ids.down]: scenario.networkError(),
  },
});
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetScenarios());
afterAll(() => server.close());

/** GET the file through real fetch (intercepted by MSW), checking the body against the contract. */
async function get(id: string, headers: Record<string, string> = { authorization: 'Bearer t' }) {
  const response = await fetch(`${BASE}/api/file/${id}`, { headers });
  const body: unknown = await response.json();
  mdssContract.assertResponse('/api/file/{id}', response.status, body);
  return { status: response.status, body: body as Json };
}

describe('createMdssHandlers through real fetch', () => {
  it('answers a known id with its result, under the requested id', async () => {
    const { status, body } = await get(ids.clean);
    expect(status).toBe(200);
    expect(body.id).toBe(ids.clean);
    expect(body.processingState).toBe(3);
  });

  it('answers 404 with Core’s not-found body for an unknown id', async () => {
    expect(await get('nope')).toEqual({ status: 404, body: { nope: 'Not Found' } });
  });

  it.each([
    ['no Authorization', {}],
    ['an empty bearer', { authorization: 'Bearer ' }],
    ['a Basic credential', { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('answers 401 for %s', async (_name, headers) => {
    expect((await get(ids.clean, headers)).status).toBe(401);
  });

  it('advances a processing file poll by poll, then answers the final result for good', async () => {
    const steps = [];
    for (let poll = 0; poll < 4; poll++) steps.push((await get(ids.processing)).body);
    expect(steps.map((s) => s.processingState)).toEqual([0, 0, 3, 3]);
    const scans = steps.slice(0, 2).map((s) => s.progress.upload * 1000 + s.progress.scan);
    expect(scans[1]).toBeGreaterThan(scans[0] ?? 0);
    expect(steps[2]?.scanResult.scanResults.scanAllResultI).toBe(1);
  });

  it('keeps per-id state: two files progress independently', async () => {
    expect((await get(ids.processing)).body.processingState).toBe(0);
    expect((await get(ids.other)).body.processingState).toBe(0);
    expect((await get(ids.other)).body.processingState).toBe(3);
    expect((await get(ids.processing)).body.processingState).toBe(0);
  });

  it('starts over after reset (test isolation)', async () => {
    await get(ids.processing);
    await get(ids.processing);
    server.resetScenarios();
    expect((await get(ids.processing)).body.processingState).toBe(0);
  });

  it('starts over on MSW’s own server.resetHandlers(), the reset a suite already calls', async () => {
    await get(ids.processing);
    await get(ids.processing);
    server.resetHandlers();
    expect((await get(ids.processing)).body.processingState).toBe(0);
  });

  it('plays a sequence: 500, then the result', async () => {
    expect((await get(ids.flaky)).status).toBe(500);
    expect((await get(ids.flaky)).status).toBe(200);
  });

  it('fails the connection for a network error', async () => {
    await expect(
      fetch(`${BASE}/api/file/${ids.down}`, { headers: { authorization: 'Bearer t' } }),
    ).rejects.toThrow(TypeError);
  });

  it('never ends a response that never ends (the caller’s deadline fires)', async () => {
    const request = fetch(`${BASE}/api/file/${ids.never}`, {
      headers: { authorization: 'Bearer t' },
      signal: AbortSignal.timeout(50),
    });
    await expect(request).rejects.toThrow(/aborted|timeout/i);
  });

  it.each(Object.keys(headerScenarios).filter((name) => !name.startsWith('error:')))(
    'answers the header scenario %s for any id',
    async (name) => {
      const { status, body } = await get('whatever', {
        authorization: 'Bearer t',
        'x-mdss-mock-scenario': name,
      });
      expect(status).toBe(200);
      expect(body.id).toBe('whatever');
    },
  );

  it('header scenario processing: 3 polls in progress for that id, then infected', async () => {
    const headers = { authorization: 'Bearer t', 'x-mdss-mock-scenario': 'processing' };
    const states = [];
    for (let poll = 0; poll < 4; poll++)
      states.push((await get('h1', headers)).body.processingState);
    expect(states).toEqual([0, 0, 0, 3]);
    expect((await get('h2', headers)).body.processingState).toBe(0);
  });

  it.each(Object.keys(errorShapes) as ErrorShape[])(
    'answers the header scenario error:%s as the contract declares it (domain notes §8.9)',
    async (shape) => {
      const response = await fetch(`${BASE}/api/file/e1`, {
        headers: { authorization: 'Bearer t', 'x-mdss-mock-scenario': `error:${shape}` },
      });
      const expected: Reply = errorShapes[shape]('e1');
      expect(response.status).toBe(expected.status);
      const contentType = response.headers.get('content-type');
      const text = await response.text();
      if (expected.kind === 'raw') {
        expect(text).toBe(expected.body);
        if (text === '') return; // an empty 401: no body to hold to a schema
        expect(contentType).toMatch(/^text\/html/);
        expect(
          mdssContract.responseErrors('/api/file/{id}', response.status, text, { contentType }),
        ).toEqual([]);
      } else {
        expect(contentType).toMatch(/^application\/json/);
        expect(
          mdssContract.responseErrors('/api/file/{id}', response.status, JSON.parse(text)),
        ).toEqual([]);
        expect(response.headers.get('retry-after')).toBe(
          expected.kind === 'error' ? (expected.headers?.['retry-after'] ?? null) : null,
        );
      }
    },
  );

  it('answers 400 for an unknown header scenario', async () => {
    expect(
      (await get('x', { authorization: 'Bearer t', 'x-mdss-mock-scenario': 'bogus' })).status,
    ).toBe(400);
  });

  it('serves openapi-fetch with typed data and errors', async () => {
    const client = createClient<paths>({
      baseUrl: BASE,
      headers: { authorization: 'Bearer t' },
      fetch: (r) => globalThis.fetch(r),
    });
    const ok = await client.GET('/api/file/{id}', { params: { path: { id: ids.clean } } });
    expect(ok.data?.processingState).toBe(3);
    const missing = await client.GET('/api/file/{id}', { params: { path: { id: 'nope' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toEqual({ nope: 'Not Found' });
  });
});

describe('auth options', () => {
  it('accepts only the listed tokens, and anything with auth none', async () => {
    const strict = setupMdssServer({
      baseUrl: 'https://strict.test',
      auth: { tokens: ['good'] },
      files: { a: presets.clean() },
    });
    strict.listen();
    try {
      const call = (token?: string) =>
        fetch(
          'https://strict.test/api/file/a',
          token ? { headers: { authorization: `Bearer ${token}` } } : {},
        ).then((r) => r.status);
      expect(await call('good')).toBe(200);
      expect(await call('bad')).toBe(401);
    } finally {
      strict.close();
    }
  });
});

describe('latency', () => {
  it('holds each answer back by the given milliseconds', async () => {
    const slow = setupMdssServer({
      baseUrl: 'https://slow.test',
      latency: 60_000,
      files: { a: presets.clean() },
    });
    slow.listen();
    try {
      const controller = new AbortController();
      const request = fetch('https://slow.test/api/file/a', {
        headers: { authorization: 'Bearer t' },
        signal: controller.signal,
      }).then(
        () => 'answered',
        () => 'aborted',
      );
      const first = await Promise.race([
        request,
        new Promise((resolve) => setTimeout(() => resolve('pending'), 50)),
      ]);
      controller.abort();
      expect(first).toBe('pending');
      expect(await request).toBe('aborted');
    } finally {
      slow.close();
    }
  });
});
