// One credential flooding the proxy: `concurrency` requests at once for `ids` distinct ids, over
// and over in order, until `until` settles or `maxRequests` have been sent; answers are counted
// by status and their bodies dropped. Runs in the bench process, on the load core.
import { closedLoop, type PollsOutcome } from './polls.ts';

export type FloodOutcome = PollsOutcome;

export function flood(
  url: string,
  options: {
    token: string;
    ids: number;
    concurrency: number;
    until: Promise<unknown>;
    maxRequests: number;
  },
): Promise<FloodOutcome> {
  const { token, ids, concurrency, until, maxRequests } = options;
  return closedLoop(url, {
    workers: concurrency,
    next: (n) => ({ token, path: `/api/file/flood-${n % ids}` }),
    until,
    maxRequests,
  });
}
