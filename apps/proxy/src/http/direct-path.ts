// Plain file requests (a GET of a file's result or summary, no long-poll) answered before the
// router: on every runtime the framework's routing, middleware, WHATWG Request and Response and
// promise chain cost more than the proxy's own work, on a hit and on a miss alike (bench
// `missOverhead`). The request is read by the same front door as the app's (file-request.ts),
// resolved by the same file results and answered by the same responder (file-answer.ts), logged
// and traced as the router's middleware does (request-log.ts), so bytes, headers and lines are
// identical. A fresh hit of a store that can answer synchronously (`peek`) is answered at once;
// anything else that is not a plain file request (a bad request, a stream, a long-poll) goes to
// the app, so every rule still has one implementation. An answer is sent before its request is
// logged and its span closed: the caller waits for the bytes, not for the bookkeeping.

import type { CacheEntry } from '../cache/entry.ts';
import type { Resolution, ResolveFile } from '../cache/file-results.ts';
import { cacheKey, type KeyDeriver } from '../cache/key.ts';
import { freshHit } from '../cache/policy.ts';
import type { Defer } from '../file-call.ts';
import { accessLine } from './access-log.ts';
import { respond } from './entry-response.ts';
import { answerResolution, type FileAnswer, problemAnswer } from './file-answer.ts';
import { type FileRequest, fileCall, fileRequest, routes, targetOf } from './file-request.ts';
import { internalProblem, ProblemError } from './problem.ts';
import { requestIdFrom } from './request-id.ts';
import { logRequest, type RequestLogParts } from './request-log.ts';

export interface DirectRequest {
  method: string;
  /** The request target as sent: path and query, percent-encoded. */
  target: string;
  header(name: string): string | undefined | null;
}

/**
 * Sends an answer: writes it to the connection (node:http), or makes it a Response (fetch); what
 * it returns (the response) is an object, so a path that sent something never returns undefined.
 */
export type Send<R extends object> = (answer: FileAnswer) => R;

/**
 * Answers `request` by `send` when it is a plain file request: at once for a fresh hit, else once
 * it is resolved; undefined (nothing sent) hands it to the app.
 */
export type DirectPath = <R extends object>(
  request: DirectRequest,
  send: Send<R>,
) => R | Promise<R> | undefined;

export interface DirectPathParts extends RequestLogParts {
  deriveKey: KeyDeriver;
  /** The store's synchronous read, where it has one. */
  peek: ((key: string) => CacheEntry | undefined) | undefined;
  resolve: ResolveFile;
  defer: Defer;
  upstreamTimeoutMs: number;
}

type Plain = FileRequest & { view: 'raw' | 'summary' };

/** A fresh hit, sent and logged without a promise; undefined (nothing sent) for anything else. */
function hitOf<R extends object>(
  file: Plain,
  request: DirectRequest,
  parts: DirectPathParts,
  send: Send<R>,
) {
  const { peek } = parts;
  if (!peek) return undefined;
  const tokenKey = parts.deriveKey(file.token);
  if (typeof tokenKey !== 'string') return undefined;
  const now = parts.now();
  const hit = freshHit(peek(cacheKey(tokenKey, file.id)), now);
  if (!hit) return undefined;
  const requestId = requestIdFrom(request.header('x-request-id'));
  const answer = respond(hit.entry, file.view, {
    now,
    outcome: hit.outcome,
    ifNoneMatch: request.header('if-none-match') ?? undefined,
  });
  answer.headers['x-request-id'] = requestId;
  const sent = send(answer);
  const route = routes[file.view];
  parts.log(
    accessLine(
      { method: 'GET', route, requestId },
      { status: answer.status, cache: 'hit', upstreamMs: undefined },
      now,
      parts.now(),
    ),
  );
  return sent;
}

/** The path a problem names as its `instance`, as the router reads it. */
const pathOf = (target: string) => new URL(target, 'http://h').pathname;

/**
 * A miss (or a hit of a store without `peek`): resolved, sent, logged and traced; what the
 * router does not expect, a 500 problem. Only what may wait is awaited: each await costs a miss
 * a turn of the microtask queue.
 */
async function answered<R extends object>(
  file: Plain,
  request: DirectRequest,
  parts: DirectPathParts,
  send: Send<R>,
): Promise<R> {
  const logged = logRequest(parts, 'GET', request.header);
  const { requestId, trace } = logged;
  const instance = () => pathOf(request.target);
  let answer: FileAnswer;
  let resolved: Resolution | undefined;
  try {
    const call = fileCall(file, {
      deriveKey: parts.deriveKey,
      accept: request.header('accept') ?? 'application/json',
      requestId,
      trace,
      defer: parts.defer,
    });
    const resolution = await parts.resolve(call instanceof Promise ? await call : call);
    const answering = answerResolution(resolution, file.view, {
      now: parts.now(),
      ifNoneMatch: request.header('if-none-match') ?? undefined,
      upstreamTimeoutMs: parts.upstreamTimeoutMs,
      instance,
      requestId,
    });
    answer = answering instanceof Promise ? await answering : answering;
    resolved = resolution;
  } catch (error) {
    answer = problemAnswer(internalProblem(parts.log, requestId, error), instance(), requestId);
  }
  answer.headers['x-request-id'] = requestId;
  const sent = send(answer);
  logged.answered(routes[file.view], {
    status: answer.status,
    cache: resolved?.outcome.kind ?? 'none',
    upstreamMs: resolved?.upstreamMs,
  });
  return sent;
}

export function createDirectPath(parts: DirectPathParts): DirectPath {
  return (request, send) => {
    // A long-poll (`Prefer: wait`) may have to wait, and HEAD is the router's: the app's path.
    if (request.method !== 'GET' || request.header('prefer')) return undefined;
    const file = fileRequest('GET', request.target, request.header('authorization'));
    // Problems and streams are rare, and the app's alone: one place renders them.
    if (file instanceof ProblemError || file.view === 'events') return undefined;
    const plain = file as Plain;
    return hitOf(plain, request, parts, send) ?? answered(plain, request, parts, send);
  };
}

type FetchHandler = (request: Request) => Response | Promise<Response>;

const responseOf = (answer: FileAnswer) =>
  new Response(answer.body, { status: answer.status, headers: answer.headers });

/** `fetch`, with plain file requests answered before it (Bun, Deno and any fetch-style server). */
export function withFetchDirectPath(fetch: FetchHandler, directPath: DirectPath): FetchHandler {
  return (request) => {
    const direct = {
      method: request.method,
      target: targetOf(request.url),
      header: (name: string) => request.headers.get(name),
    };
    return directPath(direct, responseOf) ?? fetch(request);
  };
}
