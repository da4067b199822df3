// The proxy as a Hono app, free of any runtime: entries in src/runtimes/ give it a store, a
// fetch and a clock, and serve it on Node, workerd, Deno or Bun.
import { fileIdProblem } from '@mdss-kit/contract';
import { type Context, Hono } from 'hono';
import { createKeyDeriver, type KeyDeriver } from './cache-key.ts';
import type { Config } from './config.ts';
import { bearerToken } from './credentials.ts';
import { CACHE_NAME, createEntryResponder, type View } from './entry-response.ts';
import {
  createFileResults,
  type Defer,
  type Resolution,
  type UpstreamFailure,
} from './file-results.ts';
import { isoTime, type LogLine } from './line-log.ts';
import { type Problem, type ProblemKind, problem } from './problem.ts';
import { requestIdFrom } from './request-id.ts';
import type { CacheStore } from './stores/store.ts';
import { createUpstream, type UpstreamExchange } from './upstream.ts';

export type { LogLine };

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
  /** How the upstream is reached; default: the global fetch. */
  exchange?: UpstreamExchange;
  deriveKey?: KeyDeriver;
  now?: () => number;
  /**
   * Requests arrive with an ExecutionContext (Workers), whose `waitUntil` must hold work that
   * runs past the response. Elsewhere the app holds that work itself, for `drain()`.
   */
  executionContext?: boolean;
  /** One JSON object per line; never receives a token. Default: stdout. */
  log?: (line: LogLine) => void;
}

type Env = {
  Variables: { requestId: string; cache: string; upstreamMs: number | undefined };
};

function defaultLog(line: LogLine): void {
  console.log(JSON.stringify(line));
}

export type ProxyApp = Hono<Env> & {
  /** Resolves once the work deferred past responses (store writes) is done; for a clean stop. */
  drain(): Promise<void>;
};

export function createApp(options: AppOptions): ProxyApp {
  const now = options.now ?? Date.now;
  const log = options.log ?? defaultLog;
  const { config, store } = options;
  const resolve = createFileResults({
    store,
    fetchFile: createUpstream({
      baseUrl: config.mdssUrl,
      timeoutMs: config.upstreamTimeoutMs,
      maxBytes: config.upstreamMaxBytes,
      ...(options.exchange ? { exchange: options.exchange } : {}),
    }),
    deriveKey: options.deriveKey ?? createKeyDeriver(config.cacheKeySecret),
    cacheTtlSeconds: config.cacheTtlSeconds,
    staleIfErrorSeconds: config.staleIfErrorSeconds,
    now,
  });
  const respond = createEntryResponder();

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

  // Work still running after its response (store writes), so a stopping process can finish it.
  const pending = new Set<Promise<unknown>>();

  function deferFor(c: Context<Env>): Defer {
    return (work) => {
      const settled = work.catch(() => {});
      if (options.executionContext) c.executionCtx.waitUntil(settled);
      else {
        pending.add(settled);
        void settled.finally(() => pending.delete(settled));
      }
    };
  }

  const app = new Hono<Env>();

  app.use(async (c, next) => {
    const started = now();
    const requestId = requestIdFrom(c.req.header('x-request-id'));
    c.set('requestId', requestId);
    c.set('cache', 'none');
    // Set before the handler runs: a header added to a finished response makes Hono copy it,
    // which on Node turns the light response into a full WHATWG one (a stream per request).
    c.header('x-request-id', requestId);
    await next();
    log({
      time: isoTime(started),
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

  const fileRoute = (view: View) => async (c: Context<Env>) => {
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
    if (resolution.kind === 'failure') {
      c.header('cache-status', `${CACHE_NAME}; ${resolution.cacheStatus}`);
      return sendFailure(c, resolution.failure);
    }

    const answer = respond(resolution.entry, view, {
      now: now(),
      cacheStatus: resolution.cacheStatus,
      stale: resolution.stale,
      ifNoneMatch: c.req.header('if-none-match'),
    });
    return answer.body === null
      ? c.body(null, 304, answer.headers)
      : c.body(answer.body, 200, answer.headers);
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
  return Object.assign(app, {
    async drain() {
      await Promise.all(pending);
    },
  });
}
