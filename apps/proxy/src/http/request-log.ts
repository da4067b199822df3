// A request as the access log and its trace see it, on the router's path and the direct path
// alike: a request id (kept from the caller when sane, sent back and upstream), a span in the
// caller's trace context, and one access line when the answer is ready.
import type { MiddlewareHandler } from 'hono';
import type { CacheLabel } from '../cache/outcome.ts';
import type { TraceRequest } from '../observe/observer.ts';
import type { TraceSpan } from '../observe/trace-span.ts';
import { accessLine, type Log } from './access-log.ts';
import type { AppEnv } from './app-env.ts';
import { requestIdFrom } from './request-id.ts';

export interface RequestLogParts {
  log: Log;
  now: () => number;
  traceRequest: TraceRequest;
}

/** How a request was answered, as its access line says. */
export interface Answer {
  status: number;
  cache: CacheLabel;
  upstreamMs: number | undefined;
}

export interface LoggedRequest {
  requestId: string;
  /** The request's span, when something traces. */
  trace: TraceSpan | undefined;
  /** Ends the span and writes the access line; `route` is the template, never the path. */
  answered(route: string, answer: Answer): void;
}

export function logRequest(
  parts: RequestLogParts,
  method: string,
  header: (name: string) => string | undefined | null,
): LoggedRequest {
  const started = parts.now();
  const requestId = requestIdFrom(header('x-request-id'));
  const traced = parts.traceRequest(
    header('traceparent') ?? undefined,
    header('tracestate') ?? undefined,
  );
  return {
    requestId,
    trace: traced?.span,
    answered(route, answer) {
      traced?.close({ method, route, status: answer.status, cache: answer.cache, requestId });
      parts.log(accessLine({ method, route, requestId }, answer, started, parts.now()));
    },
  };
}

/** The router's middleware: every request it answers is logged, and traced. */
export function logRequests(parts: RequestLogParts): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const request = logRequest(parts, c.req.method, (name) => c.req.header(name));
    c.set('requestId', request.requestId);
    c.set('trace', request.trace);
    // Set before the handler runs: a header added to a finished response makes Hono copy it,
    // which on Node turns the light response into a full WHATWG one (a stream per request).
    c.header('x-request-id', request.requestId);
    await next();
    request.answered(c.get('route') ?? c.req.routePath, {
      status: c.res.status,
      cache: c.get('outcome')?.kind ?? 'none',
      upstreamMs: c.get('upstreamMs'),
    });
  };
}
