// The one loop behind every repeated GET: getFile's retries and waitForFile's polls. Its policy
// is data, as in TanStack Query's retryer: how many failures in a row, which failures another
// try may cure, and the pause before the next try. The server's Retry-After (RFC 9110 §10.2.3),
// when it asks for longer, wins.
import { type Clock, sleep } from './clock.ts';
import { MdssError } from './mdss-error.ts';

export interface RetryPolicy<T, Done extends T = T> {
  /** Failures in a row tried again before giving up. */
  retries: number;
  /** Which failures another try may cure. */
  retryable: (error: MdssError) => boolean;
  /** The pause before the next try, in ms, from the tries made so far. */
  delayMs: (tries: number) => number;
  /**
   * Polling: whether a value ends the loop; one that does not is tried again after the same
   * pause, and ends a run of failures. Default: every value does.
   */
  done?: (value: T) => value is Done;
}

/** Tries `attempt` until a value is done or the policy gives up; a pause cut by `signal` is `aborted`. */
export async function retrying<T, Done extends T = T>(
  attempt: (tries: number) => Promise<T>,
  policy: RetryPolicy<T, Done>,
  clock: Clock,
  signal?: AbortSignal,
): Promise<Done> {
  let failures = 0;
  for (let tries = 1; ; tries++) {
    let retryAfterMs = 0;
    try {
      const value = await attempt(tries);
      if (!policy.done || policy.done(value)) return value as Done;
      failures = 0;
    } catch (error) {
      if (!(error instanceof MdssError) || !policy.retryable(error)) throw error;
      if (failures++ >= policy.retries) throw error;
      retryAfterMs = error.retryAfterMs ?? 0;
    }
    try {
      await sleep(clock, Math.max(policy.delayMs(tries), retryAfterMs), signal);
    } catch (reason) {
      throw new MdssError('aborted', 'The request was aborted.', { cause: reason });
    }
  }
}
