import { mdssContract } from '@mdss-kit/contract/validate';
import { createMdssHandlers, presets, RECORDING_FORMAT, scenario } from '@mdss-kit/mock';

const json = { 'content-type': 'application/json' };

import { setupMdssServer } from '@mdss-kit/mock/node';
import fc from 'fast-check';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { failure } from '../test/failure.ts';
import { FakeClock } from '../test/fake-clock.ts';
import { recordRequests } from '../test/recorded-requests.ts';
import { createMdssClient, type MdssClientOptions } from './create-client.ts';
import type { MdssError } from './mdss-error.ts';
// Loaded here first: a wait loads the stream reader on its first stream, and the fake clock would
// run the wait out while the module comes from disk.
import './stream-file.ts';

const BASE = 'https://mdss.test';
const server = setupMdssServer({
  baseUrl: BASE,
  auth: { tokens: ['good', 'fresh'] },
  files: {
    clean: presets.clean(),
    failing: scenario.serverError(),
    flaky: scenario.sequence(
      scenario.serverError().reply(0, 'flaky'),
      scenario.serverError().reply(0, 'flaky'),
      presets.clean(),
    ),
    down: scenario.networkError(),
    never: scenario.neverEnds(),
    bad: scenario.badRequest(),
  },
});
const { seen } = recordRequests(server);

function client(options: Partial<MdssClientOptions> = {}) {
  const clock = new FakeClock();
  return {
    clock,
    client: createMdssClient({
      baseUrl: BASE,
      token: 'good',
      clock,
      random: () => 0.5,
      timeoutMs: 9_999,
      ...options,
    }),
  };
}

describe('getFile', () => {
  it('returns the typed FileResult, valid against the contract', async () => {
    const result = await client().client.getFile('clean');
    mdssContract.assertSchema('FileResult', result);
    expect(result.id).toBe('clean');
    expect(seen).toEqual(['/api/file/clean']);
  });

  it('takes a recording replayed under another id than it was recorded under', async () => {
    const recorded = presets.clean({ id: 'recorded-id' });
    const recording = {
      format: RECORDING_FORMAT,
      id: 'recorded-id',
      redacted: true,
      answers: [{ delayMs: 0, status: 200, headers: json, body: JSON.stringify(recorded) }],
      findings: [],
    };
    server.use(
      ...createMdssHandlers({ baseUrl: BASE, files: { replayed: scenario.replay(recording) } }),
    );
    const result = await client().client.getFile('replayed');
    expect(result).toEqual({ ...recorded, id: 'replayed' });
  });

  it('asks a token function for each request', async () => {
    let calls = 0;
    const { client: c } = client({
      token: async () => {
        calls++;
        return 'good';
      },
    });
    await c.getFile('clean');
    await c.getFile('clean');
    expect(calls).toBe(2);
  });

  it('on a 401 asks the token function once more and retries once', async () => {
    const tokens = ['stale', 'fresh'];
    const { client: c } = client({ token: () => tokens.shift() ?? 'none' });
    expect((await c.getFile('clean')).id).toBe('clean');
    expect(seen).toHaveLength(2);
  });

  it('fails unauthorized after a second 401, having asked twice', async () => {
    let calls = 0;
    const revoked = () => {
      calls++;
      return 'revoked';
    };
    const error = await failure(client({ token: revoked }).client.getFile('clean'));
    expect(error).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(calls).toBe(2);
    expect(seen).toHaveLength(2);
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('no session');
      },
    ],
    [
      'rejects',
      async () => {
        throw new Error('no session');
      },
    ],
  ])(
    'fails with code token when the token function %s: the cause kept, no request, no retry',
    async (_name, token) => {
      const { clock, client: c } = client({ token, retry: { retries: 2 } });
      for (const work of [() => c.getFile('clean'), () => c.waitForFile('clean')]) {
        const error = await failure(clock.run(work()));
        expect(error).toMatchObject({ code: 'token', retryable: false });
        expect(error.cause).toEqual(new Error('no session'));
      }
      expect(seen).toEqual([]);
    },
  );

  it.each([
    ['bad', 'bad_request', 400],
    ['missing', 'not_found', 404],
  ] as const)('maps %s to %s without retrying', async (id, code, status) => {
    const error = await failure(client().client.getFile(id));
    expect(error).toMatchObject({ code, status });
    expect(error.body).toBeDefined();
    expect(seen).toHaveLength(1);
  });

  it('retries 5xx with backoff within the budget, then succeeds', async () => {
    const { clock, client: c } = client({
      retry: { retries: 2, minDelayMs: 100, maxDelayMs: 1000 },
    });
    expect((await clock.run(c.getFile('flaky'))).id).toBe('flaky');
    expect(seen).toHaveLength(3);
    expect(clock.delays.filter((d) => d !== 9_999)).toEqual([100, 150]);
  });

  it('gives up with server_error once the budget is spent', async () => {
    const { clock, client: c } = client({ retry: { retries: 2 } });
    expect(await failure(clock.run(c.getFile('failing')))).toMatchObject({
      code: 'server_error',
      status: 500,
    });
    expect(seen).toHaveLength(3);
  });

  it('makes one attempt with retry: false', async () => {
    const { clock, client: c } = client({ retry: false });
    await failure(clock.run(c.getFile('failing')));
    expect(seen).toHaveLength(1);
  });

  it('honours Retry-After on a 429', async () => {
    let n = 0;
    server.use(
      http.get(`${BASE}/api/file/limited`, () =>
        n++ === 0
          ? HttpResponse.json(
              { err: 'slow down' },
              { status: 429, headers: { 'retry-after': '7' } },
            )
          : HttpResponse.json(presets.clean({ id: 'limited' })),
      ),
    );
    const { clock, client: c } = client();
    await clock.run(c.getFile('limited'));
    expect(clock.delays.filter((d) => d !== 9_999)).toEqual([7000]);
  });

  it('reports a network error as network, after its retries', async () => {
    const { clock, client: c } = client({ retry: { retries: 1 } });
    const error = await failure(clock.run(c.getFile('down')));
    expect(error.code).toBe('network');
    expect(error.cause).toBeDefined();
    expect(seen).toHaveLength(2);
  });

  it('times out each attempt on its own fresh deadline', async () => {
    const { clock, client: c } = client({ retry: { retries: 1 }, timeoutMs: 500 });
    const error = await failure(clock.run(c.getFile('never')));
    expect(error.code).toBe('timeout');
    // Two attempts, each with its own 500 ms timer (openapi-fetch's shared signal would fire once).
    expect(clock.delays.filter((d) => d === 500)).toHaveLength(2);
  });

  it('stops at once when the caller aborts', async () => {
    const controller = new AbortController();
    const { clock, client: c } = client();
    const pending = c.getFile('never', { signal: controller.signal });
    clock.setTimeout(() => controller.abort(), 10);
    expect((await failure(clock.run(pending))).code).toBe('aborted');
  });

  it.each([
    ['not JSON', () => new HttpResponse('<html>', { headers: { 'content-type': 'text/html' } })],
    ['a JSON array', () => HttpResponse.json([1, 2])],
    ['an object without id', () => HttpResponse.json({ processingState: 2 })],
    ['empty', () => new HttpResponse(null, { status: 200 })],
    ["another file's result", () => HttpResponse.json({ id: 'other', processingState: 2 })],
  ])('rejects a 200 body that is %s as invalid_response', async (_name, answer) => {
    server.use(http.get(`${BASE}/api/file/odd`, answer));
    expect((await failure(client().client.getFile('odd'))).code).toBe('invalid_response');
  });
});

it('accepts a result whose id differs from the one asked for only in case', async () => {
  server.use(http.get(`${BASE}/api/file/abc`, () => HttpResponse.json({ id: 'ABC' })));
  expect((await client().client.getFile('abc')).id).toBe('ABC');
});

describe('an answer over maxResponseBytes', () => {
  const big = { id: 'big', padding: 'x'.repeat(5000) };
  it.each([
    ['declared', () => HttpResponse.json(big)],
    [
      'streamed without a length',
      () => {
        const bytes = new TextEncoder().encode(JSON.stringify(big));
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let at = 0; at < bytes.length; at += 1000)
              controller.enqueue(bytes.subarray(at, at + 1000));
            controller.close();
          },
        });
        return new HttpResponse(body, { headers: { 'content-type': 'application/json' } });
      },
    ],
    ['on an error status', () => HttpResponse.json(big, { status: 500 })],
  ])('is an invalid_response, %s, and is not retried', async (_name, answer) => {
    server.use(http.get(`${BASE}/api/file/big`, answer));
    const error = await failure(client({ maxResponseBytes: 4096 }).client.getFile('big'));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toBe('The answer is larger than 4096 bytes.');
    expect(seen).toEqual(['/api/file/big']);
  });

  it('is read whole when it fits', async () => {
    server.use(http.get(`${BASE}/api/file/big`, () => HttpResponse.json(big)));
    expect((await client({ maxResponseBytes: 8192 }).client.getFile('big')).id).toBe('big');
  });
});

describe('id safety', () => {
  it.each(['', '.', '..', 'a/b', 'a\\b', 'a?b', 'a#b', 'a\nb', '%2e%2e', 'x'.repeat(129)])(
    'rejects %j with invalid_id before any request',
    async (id) => {
      expect((await failure(client().client.getFile(id))).code).toBe('invalid_id');
      expect((await failure(client().client.waitForFile(id))).code).toBe('invalid_id');
      expect(seen).toEqual([]);
    },
  );

  it('never requests any path but /api/file/<one segment>, whatever the id (fuzzed)', async () => {
    // Answers each path with the id it names, so every id the client sends gets a good result.
    server.use(
      http.get(`${BASE}/*`, ({ request }) =>
        HttpResponse.json({
          id: decodeURIComponent(new URL(request.url).pathname.split('/').pop() ?? ''),
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.constantFrom('..', '.', '%2e%2e', '/', '?x', '#', '\\'),
        ),
        async (id) => {
          seen.length = 0;
          await client({ retry: false })
            .client.getFile(id)
            .catch((e: MdssError) => expect(e.code).toBe('invalid_id'));
          for (const path of seen) expect(path).toMatch(/^\/api\/file\/[^/]+$/);
          expect(seen.length).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300, seed: 20261124 },
    );
  });
});

describe('getSummary', () => {
  it('reads the proxy’s summary endpoint', async () => {
    server.use(
      http.get(`${BASE}/api/file/:id/summary`, ({ params }) =>
        HttpResponse.json({
          id: params.id,
          state: 'available',
          progress: {},
          done: true,
          decision: 'allowed',
          engines: { total: 0, detected: 0 },
          threats: [],
          sanitized: false,
        }),
      ),
    );
    expect(await client().client.getSummary('abc')).toMatchObject({
      id: 'abc',
      decision: 'allowed',
    });
  });
});
