// The proxy in-process (`app.request`) in front of a real upstream on 127.0.0.1, with a clock
// the test moves, captured log lines, and every response held to the proxy's contract.
import { proxyContract } from '@mdss-kit/contract/validate';
import { expect } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { type AppOptions, createApp, type LogLine } from '../src/http/app.ts';
import { createMemoryStore } from '../src/stores/memory.ts';
import type { CacheStore } from '../src/stores/store.ts';
import { startUpstream } from './upstream-server.ts';

// Response bodies are read field by field in assertions, after the contract check above.
// biome-ignore lint/suspicious/noExplicitAny: a test's stand-in for a checked JSON body
export type Json = any;

export const TOKEN_A = 'token-a';
export const TOKEN_B = 'token-b';
export const ID = '5e91c094efe27b0006489533';

export type Endpoint =
  | '/api/file/{id}'
  | '/api/file/{id}/summary'
  | '/api/file/{id}/events'
  | '/api/files/summary'
  | '/api/files/events'
  | '/healthz'
  | '/readyz'
  | '/metrics';

/** The route template a request path falls under, to pick the contract's response schema. */
function templateOf(path: string): Endpoint {
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return path;
  if (path.startsWith('/api/files/')) return path.split('?')[0] as '/api/files/summary';
  if (path.endsWith('/events')) return '/api/file/{id}/events';
  return path.endsWith('/summary') ? '/api/file/{id}/summary' : '/api/file/{id}';
}

/** The body of `response`, after checking it against the proxy contract for its status. */
export async function contractBody(response: Response, path: string): Promise<Json> {
  const text = await response.text();
  if (response.status === 304) {
    expect(text).toBe('');
    return undefined;
  }
  const body: unknown = JSON.parse(text);
  proxyContract.assertResponse(templateOf(path), response.status, body, {
    contentType: response.headers.get('content-type'),
  });
  return body;
}

export interface HarnessOptions {
  config?: Partial<AppOptions['config']>;
  observers?: AppOptions['observers'];
  store?: (now: () => number) => CacheStore;
}

export async function startHarness(options: HarnessOptions = {}) {
  const upstream = await startUpstream();
  const clock = {
    time: Date.parse('2026-11-24T10:00:00Z'),
    now: () => clock.time,
    advance(ms: number) {
      clock.time += ms;
    },
  };
  const logs: LogLine[] = [];
  const store =
    options.store?.(clock.now) ?? createMemoryStore({ maxBytes: 1024 * 1024, now: clock.now });
  const app = createApp({
    config: {
      // The defaults, but a known secret and a small body limit; an upstream deadline only a
      // hang reaches on a busy machine (the tests of the deadline set a short one).
      ...parseConfig({}),
      mdssUrl: upstream.url,
      cacheKeySecret: 'a test secret of some length',
      upstreamTimeoutMs: 10_000,
      upstreamMaxBytes: 64 * 1024,
      ...options.config,
    },
    store,
    now: clock.now,
    log: (line) => logs.push(line),
    ...(options.observers ? { observers: options.observers } : {}),
  });

  /** GET `path` with `token` as bearer (none when null); checks the response against the contract. */
  async function get(
    path: string,
    {
      token = TOKEN_A,
      headers = {},
    }: { token?: string | null; headers?: Record<string, string> } = {},
  ) {
    const response = await app.request(path, {
      headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers },
    });
    const body = await contractBody(response, path);
    return { status: response.status, headers: response.headers, body };
  }

  return {
    app,
    upstream,
    clock,
    logs,
    store,
    get,
    async close() {
      await upstream.close();
      await store.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
