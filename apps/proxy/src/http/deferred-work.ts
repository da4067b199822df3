// Work that runs past its response (store writes): on Workers it is handed to the request's
// `waitUntil`, which keeps the isolate alive for it; elsewhere the process keeps it in a set, so
// a stopping proxy can finish it (`drain`) before it exits.
import type { Context } from 'hono';
import type { Defer } from '../file-call.ts';

export function createDeferredWork(executionContext: boolean) {
  const pending = new Set<Promise<unknown>>();
  /** Work the process holds until it is done, for `drain`. */
  const hold: Defer = (work) => {
    const settled = work.catch(() => {});
    pending.add(settled);
    void settled.finally(() => pending.delete(settled));
  };
  return {
    hold,
    deferFor(c: Context): Defer {
      return executionContext ? (work) => c.executionCtx.waitUntil(work.catch(() => {})) : hold;
    },
    async drain(): Promise<void> {
      await Promise.all(pending);
    },
  };
}
