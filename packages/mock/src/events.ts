// The mdss-kit proxy's event stream, `GET /api/file/{id}/events`, driven by the files' scenarios:
// each step is one poll of the file (counted with GET /api/file/{id}'s, so the result fetched
// after `done` is the final one), its summary sent as a `progress` event when it changed, the end
// as `done`, an error reply as `problem`; a network-error reply cuts the stream. A stream whose
// first step is a refusal (a 4xx, a busy 503) is not opened: it is answered with that status and
// a problem, as the proxy does. Event ids name what they carried (the contract's EventId, from
// `@mdss-kit/contract/events`); a Last-Event-ID naming the latest summary gets nothing until it
// changes, and 204 once it named the final event or a final problem.
// msw's own `sse()` is not used: on Node 20 it cannot even be constructed (it requires a global
// EventSource), and its resolver can answer neither 204 nor 401. A plain handler returning a
// `text/event-stream` ReadableStream works wherever MSW does, and through the mock server.
import { type FileResult, type ProxyComponents, summarize } from '@mdss-kit/contract';
import {
  eventIdOf,
  formatEvent,
  isStreamOver,
  type ParsedFileEvent,
  problemEventId,
  summaryEventId,
} from '@mdss-kit/contract/events';
import { type HttpHandler, HttpResponse, http } from 'msw';
import {
  abandoned,
  authorized,
  type FilePolls,
  type MockAuth,
  type PolledFile,
} from './file-polls.ts';
import { type Reply, scenario } from './scenarios.ts';

type Problem = ProxyComponents['schemas']['Problem'];

/** One event as the contract's `FileEvent` describes it, its `data` read from JSON. */
export type StreamEvent = ParsedFileEvent;

export interface EventsOptions {
  /** Milliseconds between a stream's steps (polls of its scenario); default 10. */
  intervalMs?: number;
  /** The reconnection delay each stream opens with (`retry:`); default 10. */
  retryMs?: number;
}

const encoder = new TextEncoder();

/** The contract's framing; the stream's `retry:` opens its first event's block. */
const frame = ({ id, event, data }: StreamEvent, retry?: number) =>
  encoder.encode(formatEvent({ retry, id, event, data: JSON.stringify(data) }));

/** The proxy's problem kind for an upstream status, and the status it answers with. */
function problemKind(status: number): [kind: string, title: string, answered: number] {
  if (status === 404) return ['not-found', 'Not found', 404];
  if (status === 401 || status === 403)
    return ['unauthorized', 'Missing or malformed bearer token', status];
  if (status === 429) return ['upstream-rate-limited', 'The upstream asked to slow down', 429];
  if (status === 503) return ['upstream-unavailable', 'The upstream is busy', 503];
  if (status < 500) return ['upstream-rejected', 'The upstream refused the request', status];
  return ['upstream-error', 'The upstream failed', 502];
}

/** The upstream's error as the proxy reports it: its 4xx and a busy 503 passed on, a 5xx as 502. */
export function problem(status: number): Problem {
  const [kind, title, answered] = problemKind(status);
  return {
    type: `urn:mdss-kit:problem:${kind}`,
    title,
    status: answered,
    detail: `The upstream answered ${status}.`,
    upstreamStatus: status,
  };
}

/** A stream refused before it began: the problem's status, as the proxy answers it. */
export const refusal = (body: Problem, retryAfter?: string) =>
  HttpResponse.json(body, {
    status: body.status,
    headers: {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      ...(retryAfter ? { 'retry-after': retryAfter } : {}),
    },
  });

/** No or malformed `Authorization`, as the proxy refuses it before any upstream call. */
export const unauthorized: Problem = {
  type: 'urn:mdss-kit:problem:unauthorized',
  title: 'Missing or malformed bearer token',
  status: 401,
  detail: 'Send the MDSS token as `Authorization: Bearer <token>`.',
};

/** Whether the proxy refuses a stream whose first answer has this status (not a passing 5xx). */
const refuses = (status: number) => status < 500 || status === 503;

/** The FileResult a reply carries: a result, or a replayed 200 (a raw JSON text). */
function resultOf(
  reply: Extract<Reply, { kind: 'result' | 'error' | 'raw' }>,
): FileResult | undefined {
  if (reply.kind === 'result') return reply.body;
  if (reply.kind === 'error' || reply.status !== 200) return undefined;
  try {
    return JSON.parse(reply.body) as FileResult;
  } catch {
    return undefined;
  }
}

/** The event a poll's reply makes. */
export function newEvent(
  reply: Extract<Reply, { kind: 'result' | 'error' | 'raw' }>,
  id: string,
): StreamEvent {
  const result = resultOf(reply);
  // An error answer of any shape, JSON or not (an NGINX page, an empty 401), ends the stream.
  if (!result && reply.kind !== 'result') {
    const data = problem(reply.status);
    return { id: problemEventId(data.status), event: 'problem', data };
  }
  const data = summarize({ ...result, id });
  const eventId = summaryEventId(JSON.stringify(data));
  return { id: eventId, event: data.done ? 'done' : 'progress', data };
}

/**
 * The event a poll's reply adds to `log`: none when the summary has not changed, the last event
 * itself when it was final and is so again (resent as it was), else a new one.
 */
function eventOf(
  reply: Extract<Reply, { kind: 'result' | 'error' | 'raw' }>,
  id: string,
  log: readonly StreamEvent[],
): StreamEvent | undefined {
  const event = newEvent(reply, id);
  const last = log.at(-1);
  if (last?.event !== event.event || JSON.stringify(last.data) !== JSON.stringify(event.data))
    return event;
  return last.event === 'progress' ? undefined : last;
}

/**
 * Waits `ms`, or less when the client leaves, and leaves no listener behind: a stream takes
 * hundreds of steps, and a listener per step is what Node warns about past ten
 * (MaxListenersExceededWarning).
 */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    // The global setTimeout looked up now: under fake timers the steps follow fake time.
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/** MDSS itself, which has no events route: a 404, so that a client's 'auto' polls instead. */
export const noEventsHandler = (baseUrl: string): HttpHandler =>
  http.get(`${baseUrl}/api/file/:id/events`, () =>
    HttpResponse.json({ err: 'Not Found' }, { status: 404 }),
  );

export function eventsHandler(
  baseUrl: string,
  auth: MockAuth,
  polls: FilePolls,
  { intervalMs = 10, retryMs = 10 }: EventsOptions,
): { handler: HttpHandler; reset(): void } {
  // Every event each file has had, in order: an event's id is its place here, from 1.
  const logs = new Map<string, StreamEvent[]>();

  const handler = http.get(`${baseUrl}/api/file/:id/events`, async ({ request, params }) => {
    const id = String(params.id);
    if (!authorized(auth, request.headers.get('authorization'))) {
      return refusal(unauthorized);
    }
    const found = polls.find(request, id);
    if ('kind' in found && found.kind === 'error' && found.status === 400) {
      return HttpResponse.json(found.body, { status: 400 });
    }
    // An unknown id streams the upstream's 404 as a problem, as the proxy does.
    const polled: PolledFile =
      'kind' in found ? { key: `404\u0000${id}`, file: scenario.sequence(found) } : found;
    const log = logs.get(polled.key) ?? [];
    logs.set(polled.key, log);

    const after = eventIdOf(request.headers.get('last-event-id'));
    const latest = log.at(-1);
    const final = latest?.event === 'progress' ? undefined : latest;
    // The stream that client was on is over: it had the final event, or ended with a problem.
    if (isStreamOver(after, final?.id)) {
      return new HttpResponse(null, { status: 204, headers: { 'cache-control': 'no-store' } });
    }
    // The latest state at once, then what changes; nothing at once to a client that has it. A
    // final latest state is polled once more first: a scenario may have started over since.
    let next = final || after === latest?.id ? log.length : Math.max(0, log.length - 1);
    // With nothing to send at once, the first step is taken before answering: a stream whose
    // first answer is a refusal is refused, as the proxy refuses it.
    let first = next === log.length ? polls.next(polled, id) : undefined;
    const status = first && 'status' in first && first.status !== 200 ? first.status : undefined;
    if (status !== undefined && refuses(status)) {
      // A refusal for now keeps the upstream's Retry-After, as the proxy keeps it.
      const retryAfter = first && 'headers' in first ? first.headers?.['retry-after'] : undefined;
      return refusal(problem(status), retryAfter);
    }
    let due = true;
    let cancelled = false;
    const gone = () => cancelled || request.signal.aborted;

    let retry: number | undefined = retryMs;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        for (;;) {
          const event = log[next];
          if (event) {
            next++;
            controller.enqueue(frame(event, retry));
            retry = undefined;
            if (event.event !== 'progress') controller.close();
            return;
          }
          // The first step at once, then one per interval while the client listens; after a
          // pause the log is read again first: another stream of this file may have stepped.
          if (!due) {
            await pause(intervalMs, request.signal);
            due = true;
            continue;
          }
          due = false;
          const reply = first ?? (gone() ? undefined : polls.next(polled, id));
          first = undefined;
          if (reply?.kind === 'never') await abandoned(request);
          if (!reply || reply.kind === 'never' || gone()) {
            if (!cancelled) controller.close();
            return;
          }
          if (reply.kind === 'network-error') {
            controller.error(new TypeError('The mock cut the event stream.'));
            return;
          }
          const added = eventOf(reply, id, log);
          // The same final state again: sent as it was, under its own id.
          if (added && added === log.at(-1)) next = log.length - 1;
          else if (added) log.push(added);
        }
      },
      cancel() {
        cancelled = true;
      },
    });
    return new HttpResponse(body, {
      headers: {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
      },
    });
  });

  return {
    handler,
    reset() {
      logs.clear();
    },
  };
}
