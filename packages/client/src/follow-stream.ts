// The connection loop of the proxy's event streams, one file's or many files' alike: opens the
// stream, reads the contract's events (progress, done, problem) to the end its plan names, takes
// a dropped stream up again with Last-Event-ID after the stream's own `retry:` delay (from the
// wait's retry budget, within its one deadline), and waits out a refusal for now. Loaded with the
// first stream, as the parser is.
import type { ProxyComponents } from '@mdss-kit/contract';
import { type FileEventName, isFileEventName } from '@mdss-kit/contract/events';
import { backoffDelay } from './backoff.ts';
import { isNoStream, type StreamOptions, type StreamSettings } from './event-route.ts';
import { MdssError } from './mdss-error.ts';
import { readEvents } from './read-events.ts';
import { statusCode } from './request-file.ts';
import { retrying } from './retrying.ts';

type Problem = ProxyComponents['schemas']['Problem'];

/** What one stream is for: how it opens, what its events mean, and where it ends. */
export interface StreamPlan<End> {
  /** Opens the stream after `lastEventId`: its body, or undefined for a 204 (nothing is left). */
  open(
    lastEventId: string | undefined,
    headMs: number | undefined,
    signal: AbortSignal,
  ): Promise<ReadableStream<Uint8Array> | undefined>;
  /** One of the contract's events, its data read from JSON: the end, or undefined to read on. */
  onEvent(event: FileEventName, data: unknown): End | undefined;
  /** The end a 204 means. */
  over(): End;
}

// The proxy sends a heartbeat comment every 15 s: three missed, and the connection is dead.
const IDLE_MS = 45_000;

/** A problem (an event's, a listed file's) as the error a GET answering its status would have been. */
export function problemError(problem: Problem): MdssError {
  const status = problem.upstreamStatus ?? problem.status;
  return new MdssError(statusCode(status), problem.detail ?? problem.title, {
    status,
    body: problem,
  });
}

/**
 * What one connection came to: the end, a cut after events, or a refusal for now (the stream
 * did not begin: it is opened again after the refusal's Retry-After).
 */
type Outcome<End> = { end: End } | 'cut' | 'refused';

/** What the connections of one stream share: where the last left off, and the pause asked for. */
interface Resume {
  lastEventId: string | undefined;
  retryMs: number | undefined;
  /** The Retry-After of a refusal, which the next pause waits out. */
  refusedForMs: number | undefined;
}

interface Connection<End> {
  plan: StreamPlan<End>;
  settings: StreamSettings;
  signal: AbortSignal;
  resume: Resume;
}

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

/** Reads one opened stream to its end or its cut. */
async function readStream<End>(
  body: ReadableStream<Uint8Array>,
  { plan, settings, signal, resume }: Connection<End>,
): Promise<Outcome<End>> {
  let outcome: Outcome<End> = 'cut';
  let events = 0;
  try {
    await readEvents(
      body,
      { maxEventBytes: settings.maxEventBytes, idleMs: IDLE_MS, clock: settings.clock },
      {
        onRetry: (ms) => {
          resume.retryMs = ms;
        },
        onEvent: ({ id: eventId, event, data }) => {
          if (eventId) resume.lastEventId = eventId;
          // Other event names may come with later versions of the proxy: skipped.
          if (!isFileEventName(event)) return false;
          events++;
          let json: unknown;
          try {
            json = JSON.parse(data);
          } catch (cause) {
            throw new MdssError('invalid_response', `The ${event} event is not JSON.`, { cause });
          }
          const end = plan.onEvent(event, json);
          if (end !== undefined) outcome = { end };
          return end !== undefined;
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

/** One connection: opened (or refused), then read. */
async function connect<End>(
  headMs: number | undefined,
  connection: Connection<End>,
): Promise<Outcome<End>> {
  const { plan, signal, resume } = connection;
  let body: ReadableStream<Uint8Array> | undefined;
  try {
    body = await plan.open(resume.lastEventId, headMs, signal);
  } catch (error) {
    // 'auto' polls instead when the first stream does not open, within one poll interval;
    // but the proxy's answer on the request itself (an unknown file's 404, a 401) is final.
    if (headMs !== undefined && !signal.aborted && !isNoStream(error) && !isRefusal(error)) {
      throw new MdssError('no_stream', 'The event stream did not open.', { cause: error });
    }
    if (!isRefusedForNow(error)) throw error;
    resume.refusedForMs = error.retryAfterMs;
    return 'refused';
  }
  return body ? readStream(body, connection) : { end: plan.over() };
}

/** Follows a stream to the end its plan names, reconnecting as often as its budget allows. */
export async function followStream<End>(
  plan: StreamPlan<End>,
  options: StreamOptions,
  settings: StreamSettings,
  signal: AbortSignal,
): Promise<End> {
  const resume: Resume = { lastEventId: undefined, retryMs: undefined, refusedForMs: undefined };
  const connection = { plan, settings, signal, resume };
  const outcome = await retrying(
    (tries) => connect(tries === 1 ? options.firstHeadMs : undefined, connection),
    {
      retries: settings.retries,
      retryable: (error) => error.retryable,
      // A refusal's Retry-After; else the stream's own `retry:` (WHATWG HTML §9.2.6) when it
      // sent one.
      delayMs: (tries) => {
        const wait = resume.refusedForMs;
        resume.refusedForMs = undefined;
        return wait ?? resume.retryMs ?? backoffDelay(tries - 1, options, settings.random);
      },
      done: (value): value is { end: End } => value !== 'cut' && value !== 'refused',
    },
    settings.clock,
    signal,
  );
  return outcome.end;
}
