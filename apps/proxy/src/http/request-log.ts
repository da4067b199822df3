// The router's access log: a request id for every request it answers (kept from the caller when
// sane, sent back and upstream), and one access line when the answer is ready.
import type { MiddlewareHandler } from 'hono';
import { accessLine, type Log } from './access-log.ts';
import type { AppEnv } from './app-env.ts';
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
