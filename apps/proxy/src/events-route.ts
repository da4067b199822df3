// GET /api/file/{id}/events: the file's summary pushed as server-sent events whenever it
// changes, fed by the one watch of its (credential, file) (file-watches.ts). Authentication and
// isolation are the GET's: the front door has read the credential, and a watch is keyed by it.
import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';
import { cacheKey, type KeyDeriver } from './cache-key.ts';
import { summaryOf } from './entry-summary.ts';
import type { FileRequest } from './file-request.ts';
import type { Defer, ResolveFile } from './file-results.ts';
import type { FileEventOut, FileWatches, Subscriber } from './file-watches.ts';
import { ProblemError } from './problem.ts';
import type { createStreamLimits } from './stream-limits.ts';

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
}

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(': heartbeat\n\n');
const frame = (event: FileEventOut) =>
  encoder.encode(`id: ${event.id}\nevent: ${event.event}\ndata: ${event.data}\n\n`);

/** The client's Last-Event-ID as a number; anything else counts as none. */
function lastEventId(header: string | undefined): number {
  return header && /^\d{1,16}$/.test(header.trim()) ? Number(header) : 0;
}

/**
 * The stream's body: `retry:` first, a heartbeat every 15 s, each event of the subscription, and
 * the end at the final event or at `lifetimeMs` (the client reconnects with Last-Event-ID).
 * `close` (idempotent) stops it all and gives the stream's place back.
 */
function eventStream(
  lifetimeMs: number,
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
      write(encoder.encode(`retry: ${RETRY_MS}\n\n`));
      timers.push(setInterval(() => write(HEARTBEAT), HEARTBEAT_MS));
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
  const ask = { token: file.token, tokenKey: await parts.deriveKey(file.token), id: file.id };
  const headers = {
    authorization: `Bearer ${file.token}`,
    accept: 'application/json',
    requestId: c.get('requestId'),
    trace: c.get('trace'),
  };
  const defer = parts.deferFor(c);
  const after = lastEventId(c.req.header('last-event-id'));
  if (after > 0) {
    // A reconnect after the final event was delivered: nothing is left to say.
    const now = await parts.resolve(ask, headers, defer);
    if (now.kind === 'entry' && summaryOf(now.entry).summary.done && now.entry.changedAt <= after) {
      return c.body(null, 204, { 'cache-control': 'no-store' });
    }
  }
  const release = parts.limits.open(ask.tokenKey);
  if (release instanceof ProblemError) throw release;

  const { body, close } = eventStream(parts.streamMaxMs, release, (subscriber) =>
    parts.watches.subscribe(cacheKey(ask.tokenKey, ask.id), ask, headers, defer, {
      ...subscriber,
      after,
    }),
  );
  c.req.raw.signal?.addEventListener('abort', close);
  return c.body(body, 200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
  });
}
