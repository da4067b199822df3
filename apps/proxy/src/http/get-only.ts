// A route that serves GET (and so HEAD, which Hono answers from it) and answers every other
// method 405 with `Allow`, as the file endpoints' front door does: for /healthz, /readyz, /metrics.
import type { Handler, Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { methodNotAllowed, sendProblem } from './problem.ts';

export function getOnly(
  app: Hono<AppEnv>,
  path: string,
  handler: Handler<AppEnv>,
  guard?: MiddlewareHandler<AppEnv>,
): void {
  if (guard) app.get(path, guard, handler);
  else app.get(path, handler);
  app.all(path, (c) => sendProblem(c, methodNotAllowed));
}
