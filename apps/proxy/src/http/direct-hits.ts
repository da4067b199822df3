// Fresh cache hits of a store that can answer synchronously (`peek`), answered before the
// router: on every runtime the framework's routing, middleware and promise chain cost more than
// the hit itself. The request is read by the same front door as the app's (file-request.ts) and
// answered by the app's own responder, so bytes and headers are identical; anything that is not
// a plain fresh hit (a miss, a bad request, a long-poll, a key only an asynchronous HMAC gives)
// goes to the app, so every rule still has one implementation.

import type { CacheEntry } from '../cache/entry.ts';
import { cacheKey, type KeyDeriver } from '../cache/key.ts';
import { freshHit } from '../cache/policy.ts';
import { accessLine, type Log } from './access-log.ts';
import { type EntryResponse, respond } from './entry-response.ts';
import { fileRequest, routes, targetOf } from './file-request.ts';
import { ProblemError } from './problem.ts';
import { requestIdFrom } from './request-id.ts';

export interface HitRequest {
  method: string;
  /** The request target as sent: path and query, percent-encoded. */
  target: string;
  header(name: string): string | undefined | null;
}

/** Answers `request` when it is a fresh hit; undefined hands it to the app. */
export type DirectHit = (request: HitRequest) => EntryResponse | undefined;

export interface DirectHitParts {
  deriveKey: KeyDeriver;
  peek: (key: string) => CacheEntry | undefined;
  now: () => number;
  log: Log;
}

export function createDirectHits(parts: DirectHitParts): DirectHit {
  return (request) => {
    if (request.method !== 'GET') return undefined;
    const file = fileRequest('GET', request.target, request.header('authorization'));
    if (file instanceof ProblemError || file.view === 'events') return undefined;
    // A long-poll (`Prefer: wait`) may have to wait: the app's path.
    if (request.header('prefer')) return undefined;
    const tokenKey = parts.deriveKey(file.token);
    if (typeof tokenKey !== 'string') return undefined;
    const now = parts.now();
    const hit = freshHit(parts.peek(cacheKey(tokenKey, file.id)), now);
    if (!hit) return undefined;

    const requestId = requestIdFrom(request.header('x-request-id'));
    const answer = respond(hit.entry, file.view, {
      now,
      outcome: hit.outcome,
      ifNoneMatch: request.header('if-none-match') ?? undefined,
    });
    answer.headers['x-request-id'] = requestId;
    parts.log(
      accessLine(
        { method: 'GET', route: routes[file.view], requestId },
        { status: answer.status, cache: 'hit', upstreamMs: undefined },
        now,
        parts.now(),
      ),
    );
    return answer;
  };
}

type FetchHandler = (request: Request) => Response | Promise<Response>;

/** `fetch`, with fresh hits answered before it (Bun, Deno and any other fetch-style server). */
export function withFetchDirectHits(fetch: FetchHandler, directHit: DirectHit): FetchHandler {
  return (request) => {
    const hit = directHit({
      method: request.method,
      target: targetOf(request.url),
      header: (name) => request.headers.get(name),
    });
    return hit
      ? new Response(hit.body, { status: hit.status, headers: hit.headers })
      : fetch(request);
  };
}
