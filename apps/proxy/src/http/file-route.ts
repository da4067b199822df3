// The file endpoints on the router's path: the front door reads the request, the file results
// resolve it (cache, coalescing, upstream), and the answer is the shared responder's, or the
// upstream failure's pass-through or problem; the events endpoint streams (push/events-route.ts).
import type { Context } from 'hono';
import { summaryOf } from '../cache/entry-summary.ts';
import type { ResolveFile } from '../cache/file-results.ts';
import { cacheKey, type KeyDeriver } from '../cache/key.ts';
import { cacheStatus } from '../cache/outcome.ts';
import type { Defer } from '../file-call.ts';
import { type EventsRouteParts, eventsResponse } from '../push/events-route.ts';
import { preferredWait, waitsForNews } from '../push/long-poll.ts';
import { answerFailure, holdBack } from '../upstream/failures.ts';
import type { AppEnv } from './app-env.ts';
import { respond } from './entry-response.ts';
import { fileRequest, routes, targetOf } from './file-request.ts';
import { ProblemError } from './problem.ts';

export interface FileRouteParts {
  events: EventsRouteParts;
  resolve: ResolveFile;
  deriveKey: KeyDeriver;
  deferFor(c: Context): Defer;
  now: () => number;
  upstreamTimeoutMs: number;
}

export function createFileRoute(parts: FileRouteParts) {
  return async function fileRoute(c: Context<AppEnv>) {
    const file = fileRequest(c.req.method, targetOf(c.req.url), c.req.header('authorization'));
    if (file instanceof ProblemError) throw file;
    c.set('route', routes[file.view]);
    if (file.view === 'events') return eventsResponse(c, file, parts.events);
    const ask = { token: file.token, tokenKey: await parts.deriveKey(file.token), id: file.id };
    const headers = {
      authorization: `Bearer ${file.token}`,
      accept: c.req.header('accept') ?? 'application/json',
      requestId: c.get('requestId'),
      trace: c.get('trace'),
    };
    const defer = parts.deferFor(c);
    let resolution = await parts.resolve(ask, headers, defer);
    const wait = preferredWait(c.req.header('prefer'));
    if (
      wait > 0 &&
      resolution.kind === 'entry' &&
      waitsForNews(resolution.entry, file.view, c.req.header('if-none-match'))
    ) {
      const key = cacheKey(ask.tokenKey, ask.id);
      const { entry } = resolution;
      const after = { id: summaryOf(entry).eventId, at: entry.storedAt };
      // A held request counts with the streams; past a limit it is answered at once (RFC 7240
      // lets a server ignore a preference). Its place taken for a fairer share, it answers when
      // its wait ends.
      const release = parts.events.limits.open(ask.tokenKey, () => {});
      if (!(release instanceof ProblemError)) {
        const { signal } = c.req.raw;
        await parts.events.watches
          .changed(key, ask, headers, defer, { after, ms: wait * 1000, signal })
          .finally(release);
        // Nobody to answer: nothing more is asked of the upstream for a client gone. 499 is what
        // the log says, as nginx's does ("client closed request"); no client sees it.
        if (c.req.raw.signal.aborted) return c.body(null, 499 as 204);
        resolution = await parts.resolve(ask, headers, defer);
        c.header('preference-applied', `wait=${wait}`);
      }
    }
    c.set('upstreamMs', resolution.upstreamMs);
    c.set('outcome', resolution.outcome);
    if (resolution.kind === 'failure') {
      const { failure } = resolution;
      await holdBack(failure);
      c.header('cache-status', cacheStatus(resolution.outcome));
      const answer = answerFailure(failure, parts.upstreamTimeoutMs);
      if (answer instanceof ProblemError) throw answer;
      return c.body(JSON.stringify(answer.json), answer.status as 400, {
        ...answer.headers,
        'content-type': 'application/json',
      });
    }
    const answer = respond(resolution.entry, file.view, {
      now: parts.now(),
      outcome: resolution.outcome,
      ifNoneMatch: c.req.header('if-none-match'),
    });
    return answer.body === null
      ? c.body(null, 304, answer.headers)
      : c.body(answer.body, 200, answer.headers);
  };
}
