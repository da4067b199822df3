// The 'stream' transport: a file's events from the mdss-kit proxy (`GET /api/file/{id}/events`)
// over fetch, so the token travels in Authorization as on every request (browsers' EventSource
// cannot send one). A dropped stream is taken up again with Last-Event-ID after the stream's own
// `retry:` delay, from the wait's retry budget and within its one deadline. Loaded on the first
// stream (with its parser), so a page that only polls never downloads it.
import type { FileSummary, ProxyComponents } from '@mdss-kit/contract';
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

/** What one connection came to: the end (undefined after a 204), a problem, or a cut after events. */
type Outcome = { end: FileSummary | undefined } | { problem: MdssError } | 'cut';

/** Follows the file's events to the final one: its summary, or undefined after a 204. */
export async function streamFile(
  id: string,
  options: StreamOptions,
  settings: StreamSettings,
  signal: AbortSignal,
): Promise<FileSummary | undefined> {
  let lastEventId: string | undefined;
  let retryMs: number | undefined;

  async function connect(tries: number): Promise<Outcome> {
    const headMs = tries === 1 ? options.firstHeadMs : undefined;
    let body: ReadableStream<Uint8Array> | undefined;
    try {
      body = await settings.openEvents(id, lastEventId, headMs, signal);
    } catch (error) {
      // 'auto' polls instead when the first stream does not open, within one poll interval.
      if (headMs !== undefined && !signal.aborted && !isNoStream(error)) {
        throw new MdssError('no_stream', 'The event stream did not open.', { cause: error });
      }
      throw error;
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
            if (event !== 'progress' && event !== 'done' && event !== 'problem') return false;
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
      // The stream's own `retry:` (WHATWG HTML §9.2.6) when it sent one.
      delayMs: (tries) => retryMs ?? backoffDelay(tries - 1, options, settings.random),
      done: (value): value is Exclude<Outcome, 'cut'> => value !== 'cut',
    },
    settings.clock,
    signal,
  );
  if ('problem' in outcome) throw outcome.problem;
  return outcome.end;
}
