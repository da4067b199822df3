// The proxy as a Hono app, free of any runtime: entries in src/runtimes/ give it a store, a
// fetch and a clock, and serve it on Node, workerd, Deno or Bun.
import { type FileResult, fileIdProblem, summarize } from '@mdss-kit/contract';
import { type Context, Hono } from 'hono';
import { createKeyDeriver, type KeyDeriver } from './cache-key.ts';
import type { Config } from './config.ts';
import { bearerToken } from './credentials.ts';
import {
  createFileResults,
  type Defer,
  type Resolution,
  type UpstreamFailure,
} from './file-results.ts';
import { type Problem, type ProblemKind, problem } from './problem.ts';
import { requestIdFrom } from './request-id.ts';
import type { CacheEntry, CacheStore } from './stores/store.ts';
import { createUpstream, type UpstreamFetch } from './upstream.ts';

export type LogLine = Record<string, unknown>;

export interface AppOptions {
  config: Pick<
    Config,
    | 'cacheTtlSeconds'
    | 'staleIfErrorSeconds'
    | 'cacheKeySecret'
    | 'upstreamTimeoutMs'
    | 'upstreamMaxBytes'
  > & { mdssUrl: string };
  store: CacheStore;
  fetch?: UpstreamFetch;
  deriveKey?: KeyDeriver;
  now?: () => number;
  /** One JSON object per line; never receives a token. Default: stdout. */
  log?: (line: LogLine) => void;
}

type Env = {
  Variables: { requestId: string; cache: string; upstreamMs: number | undefined };
};

const CACHE_NAME = 'mdss-proxy';
const SUMMARY_ETAG_VERSION = 's1';

/** RFC 9110 §13.1.2: weak comparison, a list of tags, or `*`. */
function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function defaultLog(line: LogLine): void {
  console.log(JSON.stringify(line));
}

export function createApp(options: AppOptions): Hono<Env> {
  const now = options.now ?? Date.now;
  const log = options.log ?? defaultLog;
  const { config, store } = options;
  const resolve = createFileResults({
    store,
    fetchFile: createUpstream({
      baseUrl: config.mdssUrl,
      timeoutMs: config.upstreamTimeoutMs,
      maxBytes: config.upstreamMaxBytes,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
    deriveKey: options.deriveKey ?? createKeyDeriver(config.cacheKeySecret),
    cacheTtlSeconds: config.cacheTtlSeconds,
    staleIfErrorSeconds: config.staleIfErrorSeconds,
    now,
  });
  // Summaries are derived once per cached entry object (the memory store hands out the same one).
  const summaries = new WeakMap<CacheEntry, { body: string; etag: string }>();

  function summaryOf(entry: CacheEntry) {
    let summary = summaries.get(entry);
    if (!summary) {
      summary = {
        body: JSON.stringify(summarize(JSON.parse(entry.body) as FileResult)),
        etag: `${entry.etag.slice(0, -1)}-${SUMMARY_ETAG_VERSION}"`,
      };
      summaries.set(entry, summary);
    }
    return summary;
  }

  function sendProblem(
    c: Context<Env>,
    kind: ProblemKind,
    status: number,
    detail: string,
    upstreamStatus?: number,
  ) {
    const body: Problem = problem(kind, status, detail, {
      instance: c.req.path,
      requestId: c.get('requestId'),
      ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
    });
    return c.body(JSON.stringify(body), status as 400, {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
    });
  }

  function sendFailure(c: Context<Env>, failure: UpstreamFailure) {
    switch (failure.kind) {
      case 'client-error': {
        const headers: Record<string, string> = { 'cache-control': 'no-store' };
        if (failure.retryAfter) headers['retry-after'] = failure.retryAfter;
        if (failure.json === undefined) {
          return sendProblem(
            c,
            'upstream-invalid-response',
            failure.status,
            `The upstream answered ${failure.status} with a body that is not JSON.`,
            failure.status,
          );
        }
        return c.body(JSON.stringify(failure.json), failure.status as 400, {
          ...headers,
          'content-type': 'application/json',
        });
      }
      case 'server-error':
        return sendProblem(
          c,
          'upstream-error',
          502,
          `The upstream answered ${failure.status}.`,
          failure.status,
        );
      case 'invalid':
        return sendProblem(
          c,
          'upstream-invalid-response',
          502,
          `The upstream's answer was refused: ${failure.reason}.`,
        );
      case 'unreachable':
        return sendProblem(c, 'upstream-unreachable', 502, 'The upstream could not be reached.');
      case 'timeout':
        return sendProblem(
          c,
          'upstream-timeout',
          504,
          `The upstream did not answer within ${config.upstreamTimeoutMs} ms.`,
        );
    }
  }

  function deferFor(c: Context<Env>): Defer {
    return (work) => {
      const settled = work.catch(() => {});
      try {
        c.executionCtx.waitUntil(settled);
      } catch {
        // No execution context outside Workers: the promise simply runs to its end.
      }
    };
  }

  const app = new Hono<Env>();

  app.use(async (c, next) => {
    const started = now();
    const requestId = requestIdFrom(c.req.header('x-request-id'));
    c.set('requestId', requestId);
    c.set('cache', 'none');
    await next();
    c.header('x-request-id', requestId);
    log({
      time: new Date(started).toISOString(),
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      cache: c.get('cache'),
      upstreamMs: c.get('upstreamMs'),
      durationMs: now() - started,
      requestId,
    });
  });

  app.get('/healthz', (c) =>
    c.json({ status: 'ok', store: { kind: store.kind, available: store.available } }, 200, {
      'cache-control': 'no-store',
    }),
  );

  const fileRoute = (view: 'raw' | 'summary') => async (c: Context<Env>) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) {
      return sendProblem(
        c,
        'unauthorized',
        401,
        'Send the MDSS token as `Authorization: Bearer <token>`.',
      );
    }
    const id = c.req.param('id') ?? '';
    const idProblem = fileIdProblem(id);
    if (idProblem) return sendProblem(c, 'invalid-id', 400, `Not a file id: ${idProblem}.`);

    const resolution: Resolution = await resolve(
      token,
      id,
      {
        authorization: `Bearer ${token}`,
        accept: c.req.header('accept') ?? 'application/json',
        requestId: c.get('requestId'),
      },
      deferFor(c),
    );
    c.set('upstreamMs', resolution.upstreamMs);
    c.set('cache', resolution.cacheStatus.split(';')[0] ?? 'none');
    c.header('cache-status', `${CACHE_NAME}; ${resolution.cacheStatus}`);
    if (resolution.kind === 'failure') return sendFailure(c, resolution.failure);

    const { entry } = resolution;
    const maxAge = resolution.stale
      ? 0
      : Math.max(0, Math.floor((entry.freshUntil - now()) / 1000));
    const { body, etag } = view === 'raw' ? entry : summaryOf(entry);
    c.header('cache-control', `private, max-age=${maxAge}`);
    c.header('etag', etag);
    c.header('vary', 'Authorization');
    c.header('age', String(Math.max(0, Math.floor((now() - entry.storedAt) / 1000))));
    if (matchesIfNoneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.body(body, 200, { 'content-type': 'application/json' });
  };

  app.get('/api/file/:id', fileRoute('raw'));
  app.get('/api/file/:id/summary', fileRoute('summary'));
  app.all('/api/file/:id', (c) => {
    c.header('allow', 'GET, HEAD');
    return sendProblem(c, 'method-not-allowed', 405, 'Only GET is supported.');
  });
  app.all('/api/file/:id/summary', (c) => {
    c.header('allow', 'GET, HEAD');
    return sendProblem(c, 'method-not-allowed', 405, 'Only GET is supported.');
  });
  // URL parsing already resolved `..`, `%2e%2e` and `\` in the path, so `/api/file/..` arrives
  // as `/api/`: every other path under /api is a file path that was not one safe segment.
  app.all('/api/*', (c) =>
    sendProblem(
      c,
      'invalid-path',
      400,
      'File paths are /api/file/<id> and /api/file/<id>/summary, with the id one path segment.',
    ),
  );
  app.notFound((c) => sendProblem(c, 'not-found', 404, 'No such endpoint.'));
  app.onError((error, c) => {
    log({
      level: 'error',
      msg: 'unhandled error',
      requestId: c.get('requestId'),
      error: error.message,
    });
    return sendProblem(c, 'internal', 500, 'The proxy failed to answer this request.');
  });
  return app;
}
