// GET /api/files/summary: many files' summaries in one answer, each read through the same cache
// entry, single flight and budget as its own endpoint, each a summary or that file's problem. Its
// entity tag covers the whole body; with `Prefer: wait` and that tag, the answer is held until
// any listed file's watch has news (the watches of its files, as a long-poll of one is held).
import type { Context } from 'hono';
import { summaryOf } from '../cache/entry-summary.ts';
import { etagOf } from '../cache/etag.ts';
import type { Resolution } from '../cache/file-results.ts';
import type { FileCall } from '../file-call.ts';
import type { AppEnv } from '../http/app-env.ts';
import { matchesIfNoneMatch } from '../http/entry-response.ts';
import { ProblemError, problem } from '../http/problem.ts';
import { failureProblem, holdBack } from '../upstream/failures.ts';
import type { EventsRouteParts } from './events-route.ts';
import { preferredWait } from './long-poll.ts';

const ROUTE = '/api/files/summary';
const encoder = new TextEncoder();

/** The answer now: its body, tag, and the files still in progress (with what they showed). */
interface Summaries {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  pending: { call: FileCall; after: { id: string; at: number } }[];
}

/** Each file's entry (summary or problem, as JSON text), in the order listed. */
async function summaries(calls: FileCall[], parts: EventsRouteParts) {
  const resolutions = await Promise.all(calls.map((call) => parts.resolve(call)));
  // A spent budget holds the answer back once, as it would hold one file's.
  await Promise.all(resolutions.map((r) => (r.kind === 'failure' ? holdBack(r.failure) : null)));
  const pending: Summaries['pending'] = [];
  const entries = resolutions.map((resolution: Resolution, index) => {
    const call = calls[index] as FileCall;
    const id = JSON.stringify(call.ask.id);
    if (resolution.kind === 'failure') {
      const { kind, status, detail, options } = failureProblem(
        resolution.failure,
        parts.upstreamTimeoutMs,
      );
      // No request id in it: the answer's entity tag must stay the same while nothing changes.
      const { upstreamStatus } = options;
      const extra =
        upstreamStatus === undefined ? { instance: ROUTE } : { instance: ROUTE, upstreamStatus };
      return `{"id":${id},"problem":${JSON.stringify(problem(kind, status, detail, extra))}}`;
    }
    const { json, summary, eventId } = summaryOf(resolution.entry);
    if (!summary.done)
      pending.push({ call, after: { id: eventId, at: resolution.entry.storedAt } });
    return `{"id":${id},"summary":${json}}`;
  });
  const body = encoder.encode(`{"files":[${entries.join(',')}]}`);
  return { body, etag: etagOf(body), pending };
}

/** Resolves once any of `pending` has news, or after `ms`, or when `signal` aborts. */
async function anyNews(
  { watches }: EventsRouteParts,
  pending: Summaries['pending'],
  { ms, signal }: { ms: number; signal: AbortSignal },
): Promise<void> {
  const done = new AbortController();
  const stop = () => done.abort();
  signal.addEventListener('abort', stop);
  const waits = pending.map(({ call, after }) =>
    watches.changed(call, { after, ms, signal: done.signal }),
  );
  await Promise.race(waits);
  // The others leave their watches now.
  stop();
  signal.removeEventListener('abort', stop);
  await Promise.all(waits);
}

/** Holds the request for news when it asks to wait and holds the current answer; whether it did. */
async function held(c: Context<AppEnv>, now: Summaries, parts: EventsRouteParts): Promise<boolean> {
  const wait = preferredWait(c.req.header('prefer'));
  const ifNoneMatch = c.req.header('if-none-match');
  if (wait === 0 || now.pending.length === 0) return false;
  if (ifNoneMatch !== undefined && !matchesIfNoneMatch(ifNoneMatch, now.etag)) return false;
  const tokenKey = now.pending[0]?.call.ask.tokenKey ?? '';
  // Held, it counts as one against the limits, as one held summary does; past them, at once.
  const release = parts.limits.open(tokenKey, () => {});
  if (release instanceof ProblemError) return false;
  await anyNews(parts, now.pending, { ms: wait * 1000, signal: c.req.raw.signal }).finally(release);
  c.header('preference-applied', `wait=${wait}`);
  return true;
}

export async function filesSummaryResponse(
  c: Context<AppEnv>,
  calls: FileCall[],
  parts: EventsRouteParts,
): Promise<Response> {
  let answer = await summaries(calls, parts);
  if (await held(c, answer, parts)) {
    // Nobody to answer: nothing more is asked of the upstream for a client gone.
    if (c.req.raw.signal.aborted) return c.body(null, 499 as 204);
    answer = await summaries(calls, parts);
  }
  const headers = { 'cache-control': 'private, no-cache', etag: answer.etag };
  if (matchesIfNoneMatch(c.req.header('if-none-match'), answer.etag)) {
    return c.body(null, 304, headers);
  }
  return c.body(answer.body, 200, { ...headers, 'content-type': 'application/json' });
}
