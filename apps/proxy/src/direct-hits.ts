// Fresh cache hits of a synchronous store, answered before the router: on every runtime the
// framework's routing, middleware and promise chain cost more than the hit itself. Anything that
// is not a plain fresh hit (a miss, a bad id or token, a query string, an async store) is left to
// the app, so every rule still has one implementation; the answer comes from the same responder
// as the app's, so bytes and headers are identical.
import { fileIdProblem } from '@mdss-kit/contract';
import { cacheKey, type KeyDeriver } from './cache-key.ts';
import { bearerToken } from './credentials.ts';
import { createEntryResponder, type EntryResponse } from './entry-response.ts';
import { freshHit } from './file-results.ts';
import { isoTime, type LogLine } from './line-log.ts';
import { requestIdFrom } from './request-id.ts';
import type { CacheStore } from './stores/store.ts';

export interface HitRequest {
  method: string;
  /** The request target as sent: path and query, percent-encoded. */
  target: string;
  header(name: string): string | undefined;
}

export interface DirectHitOptions {
  deriveKey: KeyDeriver;
  store: CacheStore;
  now: () => number;
  log: (line: LogLine) => void;
}

const PREFIX = '/api/file/';
const SUMMARY = '/summary';

/** Answers `request` when it is a fresh hit; undefined hands it to the app. */
export function createDirectHits(options: DirectHitOptions) {
  const respond = createEntryResponder();

  return function directHit(request: HitRequest): EntryResponse | undefined {
    const { target } = request;
    if (request.method !== 'GET' || !target.startsWith(PREFIX)) return undefined;
    const summary = target.endsWith(SUMMARY);
    let id: string;
    try {
      id = decodeURIComponent(target.slice(PREFIX.length, summary ? -SUMMARY.length : undefined));
    } catch {
      return undefined;
    }
    // A query, a second segment or any other oddity decodes into a character the id rule
    // refuses: the app answers those.
    const token = bearerToken(request.header('authorization'));
    if (fileIdProblem(id) !== undefined || token === undefined) return undefined;
    const tokenKey = options.deriveKey(token);
    if (typeof tokenKey !== 'string') return undefined;
    const held = options.store.get(cacheKey(tokenKey, id));
    const now = options.now();
    const hit = held instanceof Promise ? undefined : freshHit(held, now);
    if (!hit) return undefined;

    const requestId = requestIdFrom(request.header('x-request-id'));
    const answer = respond(hit.entry, summary ? 'summary' : 'raw', {
      now,
      cacheStatus: hit.cacheStatus,
      stale: false,
      ifNoneMatch: request.header('if-none-match'),
    });
    answer.headers['x-request-id'] = requestId;
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
    return answer;
  };
}

type FetchHandler = (request: Request) => Response | Promise<Response>;

/** `fetch`, with fresh hits answered before it (Bun, Deno and any other fetch-style server). */
export function withFetchDirectHits(fetch: FetchHandler, options: DirectHitOptions): FetchHandler {
  const directHit = createDirectHits(options);
  return (request) => {
    const url = request.url;
    // The target is what follows the authority; a URL object per request costs more than this.
    const hit = directHit({
      method: request.method,
      target: url.slice(url.indexOf('/', url.indexOf('//') + 2)),
      header: (name) => request.headers.get(name) ?? undefined,
    });
    return hit
      ? new Response(hit.body, { status: hit.status, headers: hit.headers })
      : fetch(request);
  };
}
