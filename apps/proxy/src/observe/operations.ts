// The operations endpoints (GET /readyz, GET /metrics) are for whoever runs the proxy, not for its
// clients: a scrape costs milliseconds of CPU, and both tell how the proxy is doing. With
// OPS_TOKEN they answer only a request that carries it as its bearer token; with OPS_PORT the
// runtime serves them on a port of their own, and the public port answers 404 for them.
import type { Handler, Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { getOnly } from '../http/get-only.ts';
import { ProblemError } from '../http/problem.ts';

/** Adds one operations endpoint (a GET) wherever they are served, behind the token if any. */
export type OperationsRoute = (path: string, handler: Handler<AppEnv>) => void;

const encoder = new TextEncoder();
const digest = async (text: string) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));

/** Equal in time independent of where they differ (both are digests: of one length). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/**
 * Lets through a request whose `Authorization` is `Bearer <token>`, else answers 401. The tokens
 * are compared as SHA-256 digests, in constant time: neither a guess's length nor where it first
 * differs shows in the time of the answer (Web Crypto, so on every runtime).
 */
export function requireOpsToken(token: string): MiddlewareHandler<AppEnv> {
  const expected = digest(token);
  return async (c, next) => {
    const given = /^Bearer ([^\s,]+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!sameBytes(await digest(given), await expected)) {
      throw new ProblemError(
        'unauthorized',
        401,
        'This operations endpoint needs the OPS_TOKEN bearer token.',
        { headers: { 'www-authenticate': 'Bearer realm="mdss-proxy operations"' } },
      );
    }
    return next();
  };
}

/** Adds GET-only routes to `app` (405 for other methods), each behind `guard` when there is one. */
export function operationsRoute(
  app: Hono<AppEnv>,
  guard: MiddlewareHandler<AppEnv> | undefined,
): OperationsRoute {
  return (path, handler) => getOnly(app, path, handler, guard);
}
