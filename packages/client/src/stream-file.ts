// The 'stream' transport: a file's events from the mdss-kit proxy (`GET /api/file/{id}/events`)
// over fetch, so the token travels in Authorization as on every request (browsers' EventSource
// cannot send one). A dropped stream is taken up again with Last-Event-ID after the stream's own
// `retry:` delay, from the wait's retry budget and within its one deadline. Loaded on the first
// stream (with its parser), so a page that only polls never downloads it.
import type { FileSummary, ProxyComponents } from '@mdss-kit/contract';
import { isFileEventName } from '@mdss-kit/contract/events';
import { type Backoff, backoffDelay } from './backoff.ts';
import { isNoStream, type StreamSettings } from './event-route.ts';
import { MdssError } from './mdss-error.ts';
import { readEvents } from './read-events.ts';
import { checkedResult, statusCode } from './request-file.ts';
import { retrying } from './retrying.ts';

type Problem = ProxyComponents['schemas']['Problem'];

export interface StreamOptions extends Backoff {
  /**
   * 'auto': the first stream's head deadline; a first stream that does not open is `no_stream`,
   * not retried.
   */
  firstHeadMs: number | undefined;
  onSummary(summary: FileSummary): void;
}

// The proxy sends a heartbeat comment every 15 s: three missed, and the connection is dead.
const IDLE_MS = 45_000;

/** A problem event as the error a GET answering its status would have been. */
function problemError(problem: Problem): MdssError {
  const status = problem.upstreamStatus ?? problem.status;
  return new MdssError(statusCode(status), problem.detail ?? problem.title, {
    status,
    body: problem,
  });
}

/** How a wait on the stream ends: its final summary (undefined after a 204), or a problem. */
type End = { end: FileSummary | undefined } | { problem: MdssError };

/**
 * What one connection came to: the end, a cut after events, or a refusal for now (the stream
 * did not begin: it is opened again after the refusal's Retry-After).
 */
type Outcome = End | 'cut' | 'refused';

/**
 * A stream refused for now (429: too many streams, a spent budget; 503: the proxy full, MDSS
 * busy) is not over: it is opened again after its Retry-After, within the wait's deadline, and
 * costs nothing of the retry budget, which is for failures.
 */
const isRefusedForNow = (error: unknown): error is MdssError =>
  error instanceof MdssError && (error.status === 429 || error.status === 503);

/** A stream refused for good: a 4xx on the request or the file (its token, its id). */
const isRefusal = (error: unknown): error is MdssError =>
  error instanceof MdssError &&
  error.status !== undefined &&
  error.status >= 400 &&
  error.status < 500 &&
  error.status !== 429;

/** Follows the file's events to the final one: its summary, or undefined after a 204. */
export async function streamFile(
  id: string,
  options: StreamOptions,
  settings: StreamSettings,
  signal: AbortSignal,
): Promise<FileSummary | undefined> {
  let lastEventId: string | undefined;
  let retryMs: number | undefined;
  /** The Retry-After of a refusal, which the next pause waits out. */
  let refusedForMs: number | undefined;

  async function connect(tries: number): Promise<Outcome> {
    const headMs = tries === 1 ? options.firstHeadMs : undefined;
    let body: ReadableStream<Uint8Array> | undefined;
    try {
      body = await settings.openEvents(id, lastEventId, headMs, signal);
    } catch (error) {
      // 'auto' polls instead when the first stream does not open, within one poll interval;
      // but the proxy's answer on the request itself (an unknown file's 404, a 401) is final.
      if (headMs !== undefined && !signal.aborted && !isNoStream(error) && !isRefusal(error)) {
        throw new MdssError('no_stream', 'The event stream did not open.', { cause: error });
      }
      if (!isRefusedForNow(error)) throw error;
      refusedForMs = error.retryAfterMs;
      return 'refused';
    }
    if (!body) return { end: undefined };
    let outcome: Outcome = 'cut';
    let events = 0;
    try {
      await readEvents(
        body,
        { maxEventBytes: settings.maxEventBytes, idleMs: IDLE_MS, clock: settings.clock },
        {
          onRetry: (ms) => {
            retryMs = ms;
          },
          onEvent: ({ id: eventId, event, data }) => {
            if (eventId) lastEventId = eventId;
            // Other event names may come with later versions of the proxy: skipped.
            if (!isFileEventName(event)) return false;
            events++;
            let json: unknown;
            try {
              json = JSON.parse(data);
            } catch (cause) {
              throw new MdssError('invalid_response', `The ${event} event is not JSON.`, { cause });
            }
            if (event === 'problem') {
              outcome = { problem: problemError(json as Problem) };
              return true;
            }
            const summary = checkedResult<FileSummary>(json, id);
            options.onSummary(summary);
            if (event === 'done') outcome = { end: summary };
            return event === 'done';
          },
        },
        signal,
      );
    } catch (error) {
      // A stream cut after events made progress: taken up again, not counted as a failure.
      if (events === 0 || signal.aborted || !(error instanceof MdssError) || !error.retryable) {
        throw error;
      }
    }
    // A connection that brought nothing is a failure.
    if (outcome === 'cut' && events === 0) {
      throw new MdssError('network', 'The event stream ended before its first event.');
    }
    return outcome;
  }

  const outcome = await retrying(
    connect,
    {
      retries: settings.retries,
      retryable: (error) => error.retryable,
      // A refusal's Retry-After; else the stream's own `retry:` (WHATWG HTML §9.2.6) when it
      // sent one.
      delayMs: (tries) => {
        const wait = refusedForMs;
        refusedForMs = undefined;
        return wait ?? retryMs ?? backoffDelay(tries - 1, options, settings.random);
      },
      done: (value): value is End => value !== 'cut' && value !== 'refused',
    },
    settings.clock,
    signal,
  );
  if ('problem' in outcome) throw outcome.problem;
  return outcome.end;
}
