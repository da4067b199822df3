// The file endpoints on the router's path: the front door reads the request and makes its file
// call, the file results resolve it (cache, coalescing, upstream), and the answer is the one the
// direct path gives too (file-answer.ts); a long-poll waits for news first, and the events
// endpoint streams (push/events-route.ts).
import type { Context } from 'hono';
import { summaryOf } from '../cache/entry-summary.ts';
import type { Resolution, ResolveFile } from '../cache/file-results.ts';
import type { KeyDeriver } from '../cache/key.ts';
import type { Defer, FileCall } from '../file-call.ts';
import { type EventsRouteParts, eventsResponse } from '../push/events-route.ts';
import { preferredWait, waitsForNews } from '../push/long-poll.ts';
import type { AppEnv } from './app-env.ts';
import { answerResolution } from './file-answer.ts';
import { type FileRequest, fileCall, fileRequest, routes, targetOf } from './file-request.ts';
import { ProblemError } from './problem.ts';

export interface FileRouteParts {
  events: EventsRouteParts;
  resolve: ResolveFile;
  deriveKey: KeyDeriver;
  deferFor(c: Context): Defer;
  now: () => number;
  upstreamTimeoutMs: number;
}

type Entry = Extract<Resolution, { kind: 'entry' }>;

/** The call of `file`, as this request makes it. */
function callOf(c: Context<AppEnv>, file: FileRequest, parts: FileRouteParts) {
  return fileCall(file, {
    deriveKey: parts.deriveKey,
    // A stream's polls read the JSON result, whatever the stream's own Accept says.
    accept:
      file.view === 'events' ? 'application/json' : (c.req.header('accept') ?? 'application/json'),
    requestId: c.get('requestId'),
    trace: c.get('trace'),
    defer: parts.deferFor(c),
  });
}

/**
 * `Prefer: wait=<seconds>`: the resolution once the file's watch has news or the wait is over;
 * undefined for a client gone meanwhile, or `entry` itself when the limits refuse to hold it.
 */
async function afterNews(
  c: Context<AppEnv>,
  call: FileCall,
  { entry, wait }: { entry: Entry; wait: number },
  parts: FileRouteParts,
): Promise<Resolution | undefined> {
  const after = { id: summaryOf(entry.entry).eventId, at: entry.entry.storedAt };
  // A held request counts with the streams; past a limit it is answered at once (RFC 7240
  // lets a server ignore a preference). Its place taken for a fairer share, it answers when
  // its wait ends.
  const release = parts.events.limits.open(call.ask.tokenKey, () => {});
  if (release instanceof ProblemError) return entry;
  const { signal } = c.req.raw;
  await parts.events.watches.changed(call, { after, ms: wait * 1000, signal }).finally(release);
  // Nobody to answer: nothing more is asked of the upstream for a client gone.
  if (signal.aborted) return undefined;
  c.header('preference-applied', `wait=${wait}`);
  return parts.resolve(call);
}

export function createFileRoute(parts: FileRouteParts) {
  return async function fileRoute(c: Context<AppEnv>) {
    const file = fileRequest(c.req.method, targetOf(c.req.url), c.req.header('authorization'));
    if (file instanceof ProblemError) throw file;
    c.set('route', routes[file.view]);
    const call = await callOf(c, file, parts);
    if (file.view === 'events') return eventsResponse(c, call, parts.events);
    const first = await parts.resolve(call);
    const wait = preferredWait(c.req.header('prefer'));
    const ifNoneMatch = c.req.header('if-none-match');
    const held =
      wait > 0 && first.kind === 'entry' && waitsForNews(first.entry, file.view, ifNoneMatch);
    const resolution = held ? await afterNews(c, call, { entry: first, wait }, parts) : first;
    // 499 is what the log says, as nginx's does ("client closed request"); no client sees it.
    if (!resolution) return c.body(null, 499 as 204);
    c.set('upstreamMs', resolution.upstreamMs);
    c.set('outcome', resolution.outcome);
    const answer = await answerResolution(resolution, file.view, {
      now: parts.now(),
      ifNoneMatch,
      upstreamTimeoutMs: parts.upstreamTimeoutMs,
      instance: () => c.req.path,
      requestId: c.get('requestId'),
    });
    return answer.body === null
      ? c.body(null, answer.status as 304, answer.headers)
      : c.body(answer.body, answer.status as 200, answer.headers);
  };
}
