// The operations endpoints (GET /readyz, GET /metrics) are for whoever runs the proxy, not for its
// clients: a scrape costs milliseconds of CPU, and both tell how the proxy is doing. With
// OPS_TOKEN they answer only a request that carries it as its bearer token; with OPS_PORT the
// runtime serves them on a port of their own, and the public port answers 404 for them.
import type { Handler, Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { requireBearer } from '../http/bearer-secret.ts';
import { getOnly } from '../http/get-only.ts';

/** Adds one operations endpoint (a GET) wherever they are served, behind the token if any. */
export type OperationsRoute = (path: string, handler: Handler<AppEnv>) => void;

/** Lets through a request that carries OPS_TOKEN as its bearer token, else answers 401. */
export const requireOpsToken = (token: string): MiddlewareHandler<AppEnv> =>
  requireBearer(token, {
    realm: 'mdss-proxy operations',
    detail: 'This operations endpoint needs the OPS_TOKEN bearer token.',
  });

/** Adds GET-only routes to `app` (405 for other methods), each behind `guard` when there is one. */
export function operationsRoute(
  app: Hono<AppEnv>,
  guard: MiddlewareHandler<AppEnv> | undefined,
): OperationsRoute {
  return (path, handler) => getOnly(app, path, handler, guard);
}
