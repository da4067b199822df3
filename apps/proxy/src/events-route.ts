// GET /api/file/{id}/events: the file's summary pushed as server-sent events whenever it
// changes, fed by the one watch of its (credential, file) (file-watches.ts). Authentication and
// isolation are the GET's: the front door has read the credential, and a watch is keyed by it.
// A stream that cannot begin (its file's first answer a refusal or a limit) is answered with its
// problem's status, never opened: a conforming EventSource reconnects after a stream that ends,
// but not after a status other than 200.
import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';
import { cacheKey, type KeyDeriver } from './cache-key.ts';
import { summaryOf } from './entry-summary.ts';
import type { FileRequest } from './file-request.ts';
import type { Defer, FileFailure, ResolveFile } from './file-results.ts';
import type { FileEventOut, FileWatches, Subscriber } from './file-watches.ts';
import { ProblemError } from './problem.ts';
import type { CacheEntry } from './stores/store.ts';
import type { createStreamLimits } from './stream-limits.ts';
import { failureProblem, holdBack } from './upstream-problem.ts';

/** Comment lines keep intermediaries from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
/** The reconnection delay the stream asks of its client (`retry:`). */
const RETRY_MS = 1000;

export interface EventsRouteParts {
  resolve: ResolveFile;
  watches: FileWatches;
  deriveKey: KeyDeriver;
  deferFor(c: Context): Defer;
  limits: ReturnType<typeof createStreamLimits>;
  streamMaxMs: number;
  upstreamTimeoutMs: number;
  /** Between heartbeats; default 15 s. */
  heartbeatMs?: number;
}

const encoder = new TextEncoder();
// A comment line alone, with no blank line after it: a client that dispatches on every blank
// line (@microsoft/fetch-event-source) would otherwise see an empty message at each heartbeat.
const HEARTBEAT = encoder.encode(': heartbeat\n');
const RETRY = encoder.encode(`retry: ${RETRY_MS}\n`);
const frame = (event: FileEventOut) =>
  encoder.encode(`id: ${event.id}\nevent: ${event.event}\ndata: ${event.data}\n\n`);

/**
 * A failure the stream waits out (its watch polls on, up to its patience), rather than one that
 * refuses it: the upstream failing or unreachable, not its answers (401, 403, 404, a 429 or a
 * busy 503 with Retry-After) nor this proxy's limits.
 */
const isPassing = (failure: FileFailure) =>
  failure.kind === 'unreachable' ||
  failure.kind === 'timeout' ||
  failure.kind === 'invalid' ||
  (failure.kind === 'server-error' && failure.status !== 503);

/** Whether a client whose last event was `after` has had the final one of `entry`. */
function isOver(entry: CacheEntry, after: string | undefined): boolean {
  const { summary, eventId } = summaryOf(entry);
  return summary.done && after === eventId;
}

/** The client's Last-Event-ID when it can be one of ours (the contract's EventId); else none. */
function lastEventId(header: string | undefined): string | undefined {
  const id = header?.trim();
  return id && /^[0-9a-z-]{1,64}$/.test(id) ? id : undefined;
}

/**
 * The stream's body: `retry:` at once, a heartbeat every `heartbeatMs`, each event of the
 * subscription, and the end at the final event or at `lifetimeMs` (the client reconnects with
 * Last-Event-ID). The `retry:` line opens the first event's block rather than a block of its own
 * (a client that dispatches at every blank line would take that for an empty message), and is
 * written at once, so a runtime that sends the head with the first bytes (Bun) sends it now, not
 * with the first event or heartbeat. `close` (idempotent) stops it all and gives the stream's
 * place back.
 */
function eventStream(
  { lifetimeMs, heartbeatMs }: { lifetimeMs: number; heartbeatMs: number },
  release: () => void,
  subscribe: (subscriber: Omit<Subscriber, 'after'>) => () => void,
) {
  const timers: ReturnType<typeof setTimeout>[] = [];
  let unsubscribe = () => {};
  const close = () => {
    for (const timer of timers) clearTimeout(timer);
    unsubscribe();
    release();
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (bytes: Uint8Array) => {
        try {
          controller.enqueue(bytes);
        } catch {
          close();
        }
      };
      const end = () => {
        close();
        try {
          controller.close();
        } catch {}
      };
      write(RETRY);
      timers.push(setInterval(() => write(HEARTBEAT), heartbeatMs));
      timers.push(setTimeout(end, lifetimeMs));
      unsubscribe = subscribe({ send: (event) => write(frame(event)), end });
    },
    cancel: close,
  });
  return { body, close };
}

export async function eventsResponse(
  c: Context<AppEnv>,
  file: FileRequest,
  parts: EventsRouteParts,
): Promise<Response> {
  const after = lastEventId(c.req.header('last-event-id'));
  // The stream that client was on ended with a problem: nothing is left to say, and nothing is
  // asked of the upstream.
  if (after?.startsWith('problem-')) return c.body(null, 204, { 'cache-control': 'no-store' });
  const ask = { token: file.token, tokenKey: await parts.deriveKey(file.token), id: file.id };
  const release = parts.limits.open(ask.tokenKey);
  if (release instanceof ProblemError) throw release;
  const headers = {
    authorization: `Bearer ${file.token}`,
    accept: 'application/json',
    requestId: c.get('requestId'),
    trace: c.get('trace'),
  };
  const defer = parts.deferFor(c);
  const first = await parts.resolve(ask, headers, defer).catch((error: unknown) => {
    release();
    throw error;
  });
  if (first.kind === 'failure' && !isPassing(first.failure)) {
    release();
    await holdBack(first.failure);
    throw failureProblem(first.failure, parts.upstreamTimeoutMs);
  }
  if (first.kind === 'entry' && isOver(first.entry, after)) {
    // The client has the final event: its stream is over.
    release();
    return c.body(null, 204, { 'cache-control': 'no-store' });
  }

  const stream = { lifetimeMs: parts.streamMaxMs, heartbeatMs: parts.heartbeatMs ?? HEARTBEAT_MS };
  const { body, close } = eventStream(stream, release, (subscriber) =>
    parts.watches.subscribe(cacheKey(ask.tokenKey, ask.id), ask, headers, defer, {
      ...subscriber,
      after: { id: after, at: 0 },
    }),
  );
  c.req.raw.signal?.addEventListener('abort', close);
  return c.body(body, 200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
  });
}
