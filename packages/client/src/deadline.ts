// One signal for a whole wait, whatever its transport: the caller's abort or `maxWaitMs`, each an
// MdssError that ends the wait at once, the request or stream under way included.
import type { Clock } from './clock.ts';
import { MdssError } from './mdss-error.ts';

export interface DeadlineOptions {
  /** The whole wait; default 10 minutes. */
  maxWaitMs?: number;
  signal?: AbortSignal;
}

/** Runs `work` with a signal that aborts at the deadline or with the caller's; rejects with its reason. */
export async function withinDeadline<T>(
  options: DeadlineOptions,
  clock: Clock,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const maxWaitMs = options.maxWaitMs ?? 600_000;
  const controller = new AbortController();
  const timer = clock.setTimeout(
    () =>
      controller.abort(new MdssError('timeout', `The file was not done within ${maxWaitMs} ms.`)),
    maxWaitMs,
  );
  const onAbort = () =>
    controller.abort(
      new MdssError('aborted', 'Waiting for the file was aborted.', {
        cause: options.signal?.reason,
      }),
    );
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await work(controller.signal);
  } catch (error) {
    throw controller.signal.aborted ? (controller.signal.reason as MdssError) : error;
  } finally {
    clock.clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
