// createMdssClient: the typed client for MDSS `GET /api/file/{id}` (and the proxy's summary),
// built on openapi-fetch, whose client stays reachable as `raw` for anything not wrapped here.
import type { FileResult, FileSummary, ProxyPaths, paths } from '@mdss-kit/contract';
import createClient, { type Client } from 'openapi-fetch';
import { boundedFetch } from './bounded-fetch.ts';
import { type Clock, systemClock } from './clock.ts';
import { createRequester, type RetryOptions, type Send, type TokenSource } from './request-file.ts';
import { type WaitForFileOptions, waitForFile } from './wait-for-file.ts';

export interface MdssClientOptions {
  /** MDSS (or the mdss-kit proxy) origin and optional path prefix, e.g. `https://mdss.example`. */
  baseUrl: string;
  /** The bearer token, or a function returning it (sync or async), called for every request. */
  token: TokenSource;
  /** Default: the global fetch, looked up at each request (so MSW and test doubles apply). */
  fetch?: (request: Request) => Promise<Response>;
  /** Deadline of each attempt; default 10000. */
  timeoutMs?: number;
  /**
   * The largest answer read, in bytes; a larger one is an `invalid_response`. Default 5 MiB,
   * the proxy's own `UPSTREAM_MAX_BYTES`. Not applied to `raw`.
   */
  maxResponseBytes?: number;
  /** Retries of one GET on network errors, timeouts, 429 and 5xx; `false` for none. */
  retry?: RetryOptions | false;
  /** Time, for tests; default the system clock and timers. */
  clock?: Clock;
  /** Jitter source, for tests; default Math.random. */
  random?: () => number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface MdssClient {
  /** One GET of the file's processing result. */
  getFile(id: string, options?: RequestOptions): Promise<FileResult>;
  /** Polls until the file's processing is over; resolves with the final result, failed ones too. */
  waitForFile(id: string, options?: WaitForFileOptions): Promise<FileResult>;
  /** The proxy's summary of the file (`GET /api/file/{id}/summary`; the mdss-kit proxy only). */
  getSummary(id: string, options?: RequestOptions): Promise<FileSummary>;
  /** The underlying openapi-fetch client. */
  raw: Client<paths>;
}

export function createMdssClient(options: MdssClientOptions): MdssClient {
  // Looked up per request, never captured: a client made before MSW starts is still intercepted.
  const fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const retry = options.retry === false ? { retries: 0 } : (options.retry ?? {});
  const requester = createRequester({
    token: options.token,
    timeoutMs: options.timeoutMs ?? 10_000,
    retry: {
      retries: retry.retries ?? 2,
      minDelayMs: retry.minDelayMs ?? 250,
      maxDelayMs: retry.maxDelayMs ?? 5_000,
    },
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
  });
  const raw = createClient<paths>({ baseUrl: options.baseUrl, fetch });
  const proxy = createClient<ProxyPaths>({
    baseUrl: options.baseUrl,
    fetch: boundedFetch(fetch, options.maxResponseBytes ?? 5 * 1024 * 1024),
  });

  // Bodies are read as text and parsed by the requester, so a malformed one is an error value.
  const sender =
    (route: '/api/file/{id}' | '/api/file/{id}/summary'): Send =>
    async (path, init) => {
      const { response, data, error } = await proxy.GET(route, {
        params: { path },
        parseAs: 'text',
        ...init,
      });
      return { response, text: (data ?? error) as string | undefined };
    };
  const sendFile = sender('/api/file/{id}');
  const sendSummary = sender('/api/file/{id}/summary');

  return {
    raw,
    getFile: (id, { signal } = {}) => requester.request<FileResult>(sendFile, id, signal),
    getSummary: (id, { signal } = {}) => requester.request<FileSummary>(sendSummary, id, signal),
    waitForFile: (id, waitOptions = {}) =>
      waitForFile(id, waitOptions, {
        clock: options.clock ?? systemClock,
        random: options.random ?? Math.random,
        retries: retry.retries ?? 2,
        poll: (fileId, signal) => requester.checkedAttempt<FileResult>(sendFile, fileId, signal),
      }),
  };
}
