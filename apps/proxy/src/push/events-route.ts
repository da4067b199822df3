// GET /api/file/{id}/events: the file's summary pushed as server-sent events whenever it
// changes, fed by the one watch of its (credential, file) (file-watches.ts). Authentication and
// isolation are the GET's: the front door has read the credential, and a watch is keyed by it.
// A stream that cannot begin (its file's first answer a refusal or a limit) is answered with its
// problem's status, never opened: a conforming EventSource reconnects after a stream that ends,
// but not after a status other than 200.
import { eventIdOf, isStreamOver } from '@mdss-kit/contract/events';
import type { Context } from 'hono';
import type { CacheEntry } from '../cache/entry.ts';
import { summaryOf } from '../cache/entry-summary.ts';
import type { ResolveFile } from '../cache/file-results.ts';
import type { FileCall } from '../file-call.ts';
import type { AppEnv } from '../http/app-env.ts';
import { ProblemError } from '../http/problem.ts';
import { failureProblem, holdBack } from '../upstream/failures.ts';
import type { FileFailure } from '../upstream/outcome.ts';
import { eventStream, type StreamTiming } from './event-stream.ts';
import type { FileWatches } from './file-watches.ts';
import { type createStreamLimits, streamsFull } from './stream-limits.ts';

/** A client that accepts nothing for this many heartbeats' time loses its stream. */
const STALL_HEARTBEATS = 4;

export const STREAM_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-store',
  'x-accel-buffering': 'no',
};

export interface EventsRouteParts {
  resolve: ResolveFile;
  watches: FileWatches;
  limits: ReturnType<typeof createStreamLimits>;
  streamMaxMs: number;
  upstreamTimeoutMs: number;
  heartbeatMs: number;
}

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

/** Whether the stream of a client whose last event was `after` is over, given `entry`. */
function isOver(entry: CacheEntry, after: string | undefined): boolean {
  const { summary, eventId } = summaryOf(entry);
  return isStreamOver(after, summary.done ? eventId : undefined);
}

/** A stream's lifetime, heartbeat and stall bound, from the settings. */
export function streamTiming({ streamMaxMs, heartbeatMs }: EventsRouteParts): StreamTiming {
  return { lifetimeMs: streamMaxMs, heartbeatMs, stallMs: STALL_HEARTBEATS * heartbeatMs };
}

export async function eventsResponse(
  c: Context<AppEnv>,
  call: FileCall,
  parts: EventsRouteParts,
): Promise<Response> {
  const after = eventIdOf(c.req.header('last-event-id'));
  // The stream that client was on ended with a problem: nothing is left to say, and nothing is
  // asked of the upstream.
  if (isStreamOver(after)) return c.body(null, 204, { 'cache-control': 'no-store' });
  // Evicted before the stream began (a credential below its fair share needed the place): the
  // stream is refused as a full proxy's would be.
  let evict: () => void = () => {
    evicted = true;
  };
  let evicted = false;
  const release = parts.limits.open(call.ask.tokenKey, () => evict());
  if (release instanceof ProblemError) throw release;
  const first = await parts.resolve(call).catch((error: unknown) => {
    release();
    throw error;
  });
  if (first.kind === 'failure' && !isPassing(first.failure)) {
    release();
    await holdBack(first.failure);
    throw failureProblem(first.failure, parts.upstreamTimeoutMs);
  }
  // HEAD: the head a GET would have, and nothing held (no place, no watch).
  const head = c.req.method === 'HEAD';
  if (head || evicted || (first.kind === 'entry' && isOver(first.entry, after))) {
    release();
    if (evicted) throw streamsFull;
    // The client has the final event: its stream is over.
    if (!head) return c.body(null, 204, { 'cache-control': 'no-store' });
    return c.body(null, 200, STREAM_HEADERS);
  }

  const stream = eventStream(streamTiming(parts), release, (subscriber) =>
    parts.watches.subscribe(call, { ...subscriber, after: { id: after, at: 0 } }),
  );
  evict = stream.evict;
  c.req.raw.signal?.addEventListener('abort', stream.close);
  return c.body(stream.body, 200, STREAM_HEADERS);
}
