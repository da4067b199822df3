// What the client knows of the proxy's events route without reading a stream: the settings a
// stream needs, whether an answer is a stream at all, and what "no such route" looks like. Small
// and loaded with the client; the stream reader itself (stream-file.ts) is loaded on demand.
import type { Backoff } from './backoff.ts';
import { isEventStream } from './bounded-body.ts';
import type { Clock } from './clock.ts';
import { MdssError } from './mdss-error.ts';
import { type Answer, type AttemptSettings, attempt } from './request-file.ts';

export interface StreamSettings {
  clock: Clock;
  random: () => number;
  /** Consecutive failed connections tolerated. */
  retries: number;
  /** The largest event read, in bytes. */
  maxEventBytes: number;
  /** Opens the stream after `lastEventId`, its head due within `headMs` (default: per attempt). */
  openEvents(
    id: string,
    lastEventId: string | undefined,
    headMs: number | undefined,
    signal: AbortSignal,
  ): Promise<ReadableStream<Uint8Array> | undefined>;
}

// What MDSS itself answers for a route it does not have.
const NO_ROUTE = new Set([404, 405, 501]);

/** The events answer's body, or undefined for a 204 (the final event was delivered already). */
export function eventStream({ response, data }: Answer): ReadableStream<Uint8Array> | undefined {
  if (response.status === 204) return undefined;
  if (!isEventStream(response)) {
    throw new MdssError('no_stream', 'The server answered without an event stream.', {
      status: response.status,
    });
  }
  return data as ReadableStream<Uint8Array>;
}

export const isNoStream = (error: unknown): error is MdssError =>
  error instanceof MdssError && error.code === 'no_stream';

/** Whether a server may offer a route: false once it answered that it has none. */
export interface Offered {
  offered: boolean;
}

/** How a stream paces its reconnections, and ('auto') how long its first head may take. */
export interface StreamOptions extends Backoff {
  /**
   * 'auto': the first stream's head deadline; a first stream that does not open is `no_stream`,
   * not retried.
   */
  firstHeadMs: number | undefined;
}

/**
 * The stream when `transport` asks for it, or ('auto') when the server may offer it; else, or
 * when 'auto' finds none, `poll`. Both pace by `minDelayMs` and `maxDelayMs`.
 */
export async function streamOrPoll<T>(
  options: { transport?: 'poll' | 'stream' | 'auto'; minDelayMs?: number; maxDelayMs?: number },
  route: Offered,
  stream: (paced: StreamOptions) => Promise<T>,
  poll: () => Promise<T>,
): Promise<T> {
  const { transport = 'auto', minDelayMs = 1000, maxDelayMs = 10_000 } = options;
  if (transport === 'stream' || (transport === 'auto' && route.offered)) {
    try {
      return await stream({
        minDelayMs,
        maxDelayMs,
        firstHeadMs: transport === 'auto' ? minDelayMs : undefined,
      });
    } catch (error) {
      if (transport === 'stream' || !isNoStream(error)) throw error;
      // Remembered when the server said so (a status), not when the stream failed to open.
      if (error.status !== undefined) route.offered = false;
    }
  }
  return poll();
}

/**
 * Whether an error answer is the proxy's word on the file (a problem naming the upstream's
 * status: an unknown file's 404), not a server without the route.
 */
const isFileProblem = (body: unknown) =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { upstreamStatus?: unknown }).upstreamStatus === 'number';

/** A failed open as `no_stream` when the server has no events route. */
export function noRoute(error: unknown): unknown {
  if (!(error instanceof MdssError) || isFileProblem(error.body)) return error;
  const { status } = error;
  return status !== undefined && NO_ROUTE.has(status)
    ? new MdssError('no_stream', `The server has no event stream (${status}).`, {
        status,
        body: error.body,
        cause: error,
      })
    : error;
}

/**
 * Opens an events route: `get` (given the stream's signal), its head due within `headMs` (default:
 * per attempt); the body, undefined for a 204, or `no_stream` from a server without the route.
 */
export const openStream = (
  get: (signal: AbortSignal) => Promise<Answer>,
  headMs: number | undefined,
  settings: AttemptSettings,
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array> | undefined> =>
  attempt(
    // The body outlives the attempt: the wait's own signal ends the request with it.
    (s) => get(AbortSignal.any([s, signal])),
    eventStream,
    { ...settings, timeoutMs: headMs ?? settings.timeoutMs },
    signal,
  ).catch((error: unknown) => {
    throw noRoute(error);
  });

/**
 * An events route's request: its `params` (with `header`, the Last-Event-ID of a reconnection,
 * none on a first connection), the stream accepted and read as it comes.
 */
export const streamInit = <Params>(
  params: Params,
  lastEventId: string | undefined,
  signal: AbortSignal,
) => ({
  params: { ...params, header: lastEventId === undefined ? {} : { 'Last-Event-ID': lastEventId } },
  headers: { accept: 'text/event-stream' },
  parseAs: 'stream' as const,
  signal,
});
