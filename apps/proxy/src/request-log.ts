// The router's bookends: a request id and an access line for every request it answers, and
// every problem rendered in one place, whether thrown where it was found or unforeseen.
import type { Context, ErrorHandler, MiddlewareHandler } from 'hono';
import { accessLine, type Log } from './access-log.ts';
import type { AppEnv } from './app-env.ts';
import { ProblemError } from './problem.ts';
import { requestIdFrom } from './request-id.ts';

export function logRequests(log: Log, now: () => number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
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
  };
}

export function sendProblem(c: Context<AppEnv>, problem: ProblemError): Response {
  const { body, headers } = problem.render(c.req.path, c.get('requestId'));
  return c.body(body, problem.status as 400, headers);
}

/** `onError`: a ProblemError as the problem it is; anything else logged, and a 500. */
export function renderErrors(log: Log): ErrorHandler<AppEnv> {
  return (error, c) => {
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
  };
}
