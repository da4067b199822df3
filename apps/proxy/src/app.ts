// The proxy as a Hono app, free of any runtime: entries in src/runtimes/ give it a store, a
// fetch and a clock, and serve it on Node, workerd, Deno or Bun. This file is wiring and routes;
// the rules live in the modules named after them.
import { type Context, Hono } from 'hono';
import { accessLine, type Log, type LogLine } from './access-log.ts';
import { cacheKey, createKeyDeriver, type KeyDeriver } from './cache-key.ts';
import { type CacheOutcome, cacheStatus } from './cache-outcome.ts';
import type { Config } from './config.ts';
import { createDeferredWork } from './deferred-work.ts';
import { createDirectHits, type DirectHit } from './direct-hits.ts';
import { createEntryResponder } from './entry-response.ts';
import { fileRequest, routes, targetOf } from './file-request.ts';
import { createFileResults } from './file-results.ts';
import { ProblemError } from './problem.ts';
import { requestIdFrom } from './request-id.ts';
import type { CacheStore } from './stores/store.ts';
import { createUpstream, type UpstreamExchange } from './upstream.ts';
import { answerFailure } from './upstream-failure.ts';

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
  log?: Log;
}

type Env = {
  Variables: {
    requestId: string;
    /** The file route, once the front door has read the request as one. */
    route: string | undefined;
    outcome: CacheOutcome | undefined;
    upstreamMs: number | undefined;
  };
};

export type ProxyApp = Hono<Env> & {
  /**
   * Fresh hits answered before the router, for servers that can ask first; undefined when the
   * store cannot answer synchronously (it has no `peek`).
   */
  directHit: DirectHit | undefined;
  /** Resolves once the work deferred past responses (store writes) is done; for a clean stop. */
  drain(): Promise<void>;
};

const defaultLog: Log = (line) => console.log(JSON.stringify(line));

export function createApp(options: AppOptions): ProxyApp {
  const now = options.now ?? Date.now;
  const log = options.log ?? defaultLog;
  const { config, store } = options;
  const deriveKey = options.deriveKey ?? createKeyDeriver(config.cacheKeySecret);
  const respond = createEntryResponder();
  const deferred = createDeferredWork(options.executionContext ?? false);
  const resolve = createFileResults({
    store,
    fetchFile: createUpstream({
      baseUrl: config.mdssUrl,
      timeoutMs: config.upstreamTimeoutMs,
      maxBytes: config.upstreamMaxBytes,
      ...(options.exchange ? { exchange: options.exchange } : {}),
    }),
    cacheTtlSeconds: config.cacheTtlSeconds,
    staleIfErrorSeconds: config.staleIfErrorSeconds,
    now,
  });

  async function fileRoute(c: Context<Env>) {
    const file = fileRequest(c.req.method, targetOf(c.req.url), c.req.header('authorization'));
    if (file instanceof ProblemError) throw file;
    c.set('route', routes[file.view]);
    const tokenKey = await deriveKey(file.token);
    const resolution = await resolve(
      cacheKey(tokenKey, file.id),
      file.token,
      file.id,
      {
        authorization: `Bearer ${file.token}`,
        accept: c.req.header('accept') ?? 'application/json',
        requestId: c.get('requestId'),
      },
      deferred.deferFor(c),
    );
    c.set('upstreamMs', resolution.upstreamMs);
    c.set('outcome', resolution.outcome);
    if (resolution.kind === 'failure') {
      c.header('cache-status', cacheStatus(resolution.outcome));
      const answer = answerFailure(resolution.failure, config.upstreamTimeoutMs);
      if (answer instanceof ProblemError) throw answer;
      return c.body(JSON.stringify(answer.json), answer.status as 400, {
        ...answer.headers,
        'content-type': 'application/json',
      });
    }
    const answer = respond(resolution.entry, file.view, {
      now: now(),
      outcome: resolution.outcome,
      ifNoneMatch: c.req.header('if-none-match'),
    });
    return answer.body === null
      ? c.body(null, 304, answer.headers)
      : c.body(answer.body, 200, answer.headers);
  }

  const app = new Hono<Env>();

  app.use(async (c, next) => {
    const started = now();
    const requestId = requestIdFrom(c.req.header('x-request-id'));
    c.set('requestId', requestId);
    // Set before the handler runs: a header added to a finished response makes Hono copy it,
    // which on Node turns the light response into a full WHATWG one (a stream per request).
    c.header('x-request-id', requestId);
    await next();
    log(
      accessLine(
        { method: c.req.method, route: c.get('route') ?? c.req.routePath, requestId },
        {
          status: c.res.status,
          cache: c.get('outcome')?.kind ?? 'none',
          upstreamMs: c.get('upstreamMs'),
        },
        started,
        now(),
      ),
    );
  });

  app.get('/healthz', (c) =>
    c.json({ status: 'ok', store: { kind: store.kind, available: store.available } }, 200, {
      'cache-control': 'no-store',
    }),
  );
  // Every path under /api goes through the front door, which tells a file request from a bad
  // path, method, token or id. URL parsing has already resolved `..`, `%2e%2e` and `\`, so
  // `/api/file/..` arrives here as `/api/`.
  app.all('/api/*', fileRoute);
  const sendProblem = (c: Context<Env>, problem: ProblemError) => {
    const { body, headers } = problem.render(c.req.path, c.get('requestId'));
    return c.body(body, problem.status as 400, headers);
  };
  app.notFound((c) => sendProblem(c, new ProblemError('not-found', 404, 'No such endpoint.')));
  app.onError((error, c) => {
    if (error instanceof ProblemError) return sendProblem(c, error);
    log({
      level: 'error',
      msg: 'unhandled error',
      requestId: c.get('requestId'),
      error: error.message,
    });
    return sendProblem(
      c,
      new ProblemError('internal', 500, 'The proxy failed to answer this request.'),
    );
  });

  const directHit = store.peek
    ? createDirectHits({ deriveKey, peek: store.peek.bind(store), respond, now, log })
    : undefined;
  return Object.assign(app, { directHit, drain: deferred.drain });
}
