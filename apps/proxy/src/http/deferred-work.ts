// Work that runs past its response (store writes): on Workers it is handed to the request's
// `waitUntil`, which keeps the isolate alive for it; elsewhere the process keeps it in a set, so
// a stopping proxy can finish it (`drain`) before it exits.
import type { Context } from 'hono';
import type { Defer } from '../file-call.ts';

export function createDeferredWork(executionContext: boolean) {
  const pending = new Set<Promise<unknown>>();
  return {
    deferFor(c: Context): Defer {
      return (work) => {
        const settled = work.catch(() => {});
        if (executionContext) c.executionCtx.waitUntil(settled);
        else {
          pending.add(settled);
          void settled.finally(() => pending.delete(settled));
        }
      };
    },
    async drain(): Promise<void> {
      await Promise.all(pending);
    },
  };
}
