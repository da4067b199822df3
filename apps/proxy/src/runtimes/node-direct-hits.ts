// Node only: fresh cache hits answered straight on node:http, without WHATWG Request and Response
// objects or the router, because on Node those cost more than the hit itself. Anything that is
// not a plain fresh hit of a synchronous store goes to the Hono app unchanged, so every rule
// (auth, id checks, misses, coalescing, errors) still has one implementation.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileIdProblem } from '@mdss-kit/contract';
import { cacheKey, type KeyDeriver } from '../cache-key.ts';
import { bearerToken } from '../credentials.ts';
import { createEntryResponder } from '../entry-response.ts';
import { freshHit } from '../file-results.ts';
import { isoTime, type LogLine } from '../line-log.ts';
import { requestIdFrom } from '../request-id.ts';
import type { CacheStore } from '../stores/store.ts';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const PREFIX = '/api/file/';
const SUMMARY = '/summary';

export function withDirectHits(
  next: Listener,
  options: {
    deriveKey: KeyDeriver;
    store: CacheStore;
    now: () => number;
    log: (line: LogLine) => void;
  },
): Listener {
  const respond = createEntryResponder();

  return (req, res) => {
    const url = req.url ?? '';
    if (req.method !== 'GET' || !url.startsWith(PREFIX)) return next(req, res);
    const summary = url.endsWith(SUMMARY);
    const segment = url.slice(PREFIX.length, summary ? -SUMMARY.length : undefined);
    let id: string;
    try {
      id = decodeURIComponent(segment);
    } catch {
      return next(req, res);
    }
    // A query, a second segment or any other oddity decodes into a character the id rule
    // refuses: the app answers those.
    const token = bearerToken(req.headers.authorization);
    if (fileIdProblem(id) !== undefined || token === undefined) return next(req, res);
    const tokenKey = options.deriveKey(token);
    if (typeof tokenKey !== 'string') return next(req, res);
    const held = options.store.get(cacheKey(tokenKey, id));
    const now = options.now();
    const hit = held instanceof Promise ? undefined : freshHit(held, now);
    if (!hit) return next(req, res);

    const requestId = requestIdFrom(req.headers['x-request-id'] as string | undefined);
    const answer = respond(hit.entry, summary ? 'summary' : 'raw', {
      now,
      cacheStatus: hit.cacheStatus,
      stale: false,
      ifNoneMatch: req.headers['if-none-match'],
    });
    answer.headers['x-request-id'] = requestId;
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body ?? undefined);
    options.log({
      time: isoTime(now),
      method: 'GET',
      route: summary ? '/api/file/:id/summary' : '/api/file/:id',
      status: answer.status,
      cache: 'hit',
      upstreamMs: undefined,
      durationMs: options.now() - now,
      requestId,
    });
  };
}
