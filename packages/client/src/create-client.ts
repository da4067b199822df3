// createMdssClient: the typed client for MDSS `GET /api/file/{id}` (and the proxy's summary).
// One openapi-fetch client, extended with its own middleware (the token, the bounded body), is
// both what the calls here use and `raw`, for anything not wrapped here.
import type { FileResult, FileSummary, ProxyPaths, paths } from '@mdss-kit/contract';
import createClient, { type Client } from 'openapi-fetch';
import { auth, type TokenSource } from './auth.ts';
import { type Backoff, backoffDelay } from './backoff.ts';
import { boundedBody } from './bounded-body.ts';
import { type Clock, systemClock } from './clock.ts';
import { openStream, streamInit } from './event-route.ts';
import type { FilesSettings, WaitForFilesOptions, WatchFilesOptions } from './files-settings.ts';
import type { FileUpdate } from './listed-files.ts';
import { type Answer, attempt, checkedResult, checkId } from './request-file.ts';
import { retrying } from './retrying.ts';
import { type TraceContextSource, traceContext } from './trace-context.ts';
import { type WaitForFileOptions, type WaitSettings, waitForFile } from './wait-for-file.ts';
import { type WatchFileOptions, watchFile } from './watch-file.ts';

export interface RetryOptions extends Partial<Backoff> {
  /** Further attempts after the first; 0 turns retries off. Default 2. */
  retries?: number;
}

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
   * the proxy's own `UPSTREAM_MAX_BYTES`.
   */
  maxResponseBytes?: number;
  /** Retries of one GET on network errors, timeouts, 429 and 5xx; `false` for none. */
  retry?: RetryOptions | false;
  /** Time, for tests; default the system clock and timers. */
  clock?: Clock;
  /** Jitter source, for tests; default Math.random. */
  random?: () => number;
  /**
   * The W3C trace context each request carries (`traceparent`, `tracestate`), asked for per
   * request; `openTelemetryContext(api)` reads OpenTelemetry's active one. Default: none.
   */
  traceContext?: TraceContextSource;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface MdssClient {
  /** One GET of the file's processing result. */
  getFile(id: string, options?: RequestOptions): Promise<FileResult>;
  /**
   * Waits until the file's processing is over, over the proxy's event stream or by polling
   * (`transport`); resolves with the final result, failed ones too.
   */
  waitForFile(id: string, options?: WaitForFileOptions): Promise<FileResult>;
  /** The file's summaries as they change, ending after the final one (`done: true`). */
  watchFile(id: string, options?: WatchFileOptions): AsyncGenerator<FileSummary, void, undefined>;
  /**
   * Many files (1 to 100) at once: each file's new summary as it changes, and each file's end (its
   * done summary, or its error); the loop ends when every file has ended. One stream for them all
   * against the proxy (`GET /api/files/events`).
   */
  watchFiles(
    ids: readonly string[],
    options?: WatchFilesOptions,
  ): AsyncGenerator<FileUpdate, void, undefined>;
  /**
   * Waits until every listed file has ended; resolves with each file's end in the order of
   * `ids`: its final summary, or its error (one file's error never hides the others' verdicts).
   * Rejects only for the wait as a whole (the list, the token, the deadline, an abort).
   */
  waitForFiles(ids: readonly string[], options?: WaitForFilesOptions): Promise<FileUpdate[]>;
  /** The proxy's summary of the file (`GET /api/file/{id}/summary`; the mdss-kit proxy only). */
  getSummary(id: string, options?: RequestOptions): Promise<FileSummary>;
  /**
   * The openapi-fetch client the calls above use: it sends the token (asked once more after a
   * 401) and refuses an answer over `maxResponseBytes`, but neither retries nor times out.
   */
  raw: Client<paths>;
}

export function createMdssClient(options: MdssClientOptions): MdssClient {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const retry = options.retry === false ? { retries: 0 } : (options.retry ?? {});
  const retries = retry.retries ?? 2;
  const backoff = { minDelayMs: retry.minDelayMs ?? 250, maxDelayMs: retry.maxDelayMs ?? 5_000 };
  const settings = { timeoutMs: options.timeoutMs ?? 10_000, clock };

  const raw = createClient<paths>({
    baseUrl: options.baseUrl,
    // Looked up per request, never captured: a client made before MSW starts is still intercepted.
    fetch: options.fetch ?? ((request: Request) => globalThis.fetch(request)),
    headers: { accept: 'application/json' },
  });
  // Registered in this order, so auth's answer (after its one retry on a 401) is what is bounded.
  const maxResponseBytes = options.maxResponseBytes ?? 5 * 1024 * 1024;
  raw.use(boundedBody(maxResponseBytes), auth(options.token));
  if (options.traceContext) raw.use(traceContext(options.traceContext));
  // The same client: the summary is the proxy's path, in the proxy's contract.
  const proxy = raw as unknown as Client<ProxyPaths>;

  const getFile = (id: string, signal: AbortSignal | undefined) =>
    attempt(
      (s): Promise<Answer> => raw.GET('/api/file/{id}', { params: { path: { id } }, signal: s }),
      (answer) => checkedResult<FileResult>(answer.data, id),
      settings,
      signal,
    );
  const getSummary = (id: string, signal: AbortSignal | undefined) =>
    attempt(
      (s): Promise<Answer> =>
        proxy.GET('/api/file/{id}/summary', { params: { path: { id } }, signal: s }),
      (answer) => checkedResult<FileSummary>(answer.data, id),
      settings,
      signal,
    );
  const openEvents = (
    id: string,
    lastEventId: string | undefined,
    headMs: number | undefined,
    signal: AbortSignal,
  ) =>
    openStream(
      (s): Promise<Answer> =>
        proxy.GET('/api/file/{id}/events', streamInit({ path: { id } }, lastEventId, s)),
      headMs,
      settings,
      signal,
    );

  /** One GET, retried on failures that may pass, within the budget. */
  async function retried<T>(
    get: (id: string, signal: AbortSignal | undefined) => Promise<T>,
    id: string,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    checkId(id);
    return retrying(
      () => get(id, signal),
      {
        retries,
        retryable: (error) => error.retryable,
        delayMs: (tries) => backoffDelay(tries - 1, backoff, random),
      },
      clock,
      signal,
    );
  }

  const waitSettings: WaitSettings = {
    clock,
    random,
    retries,
    maxEventBytes: maxResponseBytes,
    poll: getFile,
    getFile: (id, signal) => retried(getFile, id, signal),
    openEvents,
    // Per client: a server without the events route is asked once, not on every wait.
    events: { offered: true },
  };

  const filesSettings: FilesSettings = { ...waitSettings, proxy, attempt: settings };

  return {
    raw,
    getFile: (id, { signal } = {}) => retried(getFile, id, signal),
    getSummary: (id, { signal } = {}) => retried(getSummary, id, signal),
    waitForFile: async (id, waitOptions = {}) => {
      checkId(id);
      return waitForFile(id, waitOptions, waitSettings);
    },
    watchFile: (id, watchOptions = {}) => watchFile(id, watchOptions, waitSettings),
    // The many-file code comes with the first many-file wait, not with the client.
    async *watchFiles(ids, watchOptions = {}) {
      yield* (await import('./follow-files.ts')).watchListed(ids, watchOptions, filesSettings);
    },
    waitForFiles: async (ids, waitOptions = {}) =>
      (await import('./follow-files.ts')).waitListed(ids, waitOptions, filesSettings),
  };
}
