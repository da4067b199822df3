// Every error answer of domain notes §8.9, from the mock MDSS over real HTTP on 127.0.0.1: each
// becomes an MdssError with its status and a message read from whatever shape arrived, and is
// retried (under Retry-After) only when another try may cure it.
import { type ErrorShape, errorShapes, presets, scenario } from '@mdss-kit/mock';
import { type MockServer, startMockServer } from '@mdss-kit/mock/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../test/failure.ts';
import type { Clock } from './clock.ts';
import { createMdssClient } from './create-client.ts';

const TIMEOUT_MS = 5_000;
let server: MockServer;
const requests: string[] = [];

/** Real timers, except that every pause but the attempt deadline passes at once, recorded. */
const pauses: number[] = [];
const quickClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    if (ms !== TIMEOUT_MS) pauses.push(ms);
    return setTimeout(callback, ms === TIMEOUT_MS ? ms : 0);
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

beforeAll(async () => {
  const shapes = Object.keys(errorShapes) as ErrorShape[];
  server = await startMockServer({
    port: 0,
    files: {
      ...Object.fromEntries(shapes.map((shape) => [shape, scenario.errorShape(shape)])),
      'busy-then-clean': scenario.sequence(errorShapes['busy-503'](), presets.clean()),
      'limited-then-clean': scenario.sequence(errorShapes['rate-limited-429'](), presets.clean()),
    },
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  pauses.length = 0;
  requests.length = 0;
});

const client = () =>
  createMdssClient({
    baseUrl: server.url,
    token: 'good',
    clock: quickClock,
    random: () => 0.5,
    timeoutMs: TIMEOUT_MS,
    retry: { retries: 2, minDelayMs: 100, maxDelayMs: 400 },
    fetch: (request) => {
      requests.push(new URL(request.url).pathname);
      return fetch(request);
    },
  });

describe('error answers as they really come (domain notes §8.9), over HTTP', () => {
  it.each<[ErrorShape, string, number, string, number]>([
    [
      'html-502',
      'server_error',
      502,
      'MDSS answered 502: 502 Bad Gateway (an HTML page from its web server).',
      3,
    ],
    [
      'html-504',
      'server_error',
      504,
      'MDSS answered 504: 504 Gateway Time-out (an HTML page from its web server).',
      3,
    ],
    ['empty-401', 'unauthorized', 401, 'MDSS answered 401 with an empty body.', 1],
    ['core-err-500', 'server_error', 500, 'MDSS answered 500: Internal server error.', 3],
    ['core-not-found', 'not_found', 404, 'MDSS answered 404: Not Found (core-not-found).', 1],
    ['pascal-case-400', 'bad_request', 400, 'MDSS answered 400: The file id is not valid.', 1],
    ['forbidden-403', 'unauthorized', 403, 'MDSS answered 403: Access to this file is denied.', 1],
    ['method-not-allowed-405', 'bad_request', 405, 'MDSS answered 405: Method not allowed.', 1],
    ['rate-limited-429', 'server_error', 429, 'MDSS answered 429: Too many requests.', 3],
    ['busy-503', 'server_error', 503, 'MDSS answered 503: Server is too busy. Try again later.', 3],
  ])('%s: %s, status %i, a readable message', async (shape, code, status, message, calls) => {
    const error = await failure(client().getFile(shape));
    expect(error).toMatchObject({ code, status, message });
    expect(error.message).not.toMatch(/Unexpected token|JSON/);
    // Retried: the statuses another try may cure (5xx, 429), up to the budget; never 4xx.
    expect(requests).toHaveLength(calls);
  });

  it('waits out a busy MDSS’s Retry-After (503), then answers the result', async () => {
    const result = await client().getFile('busy-then-clean');
    expect(result.id).toBe('busy-then-clean');
    expect(pauses).toEqual([2_000]);
  });

  it('waits out a 429’s Retry-After, then answers the result', async () => {
    const result = await client().getFile('limited-then-clean');
    expect(result.id).toBe('limited-then-clean');
    expect(pauses).toEqual([2_000]);
  });

  it('never retries a 403', async () => {
    await failure(client().getFile('forbidden-403'));
    expect(requests).toEqual(['/api/file/forbidden-403']);
    expect(pauses).toEqual([]);
  });
});
