// @mdss-kit/client/query: TanStack Query options that poll a file's result until `isTerminal`,
// with the client's backoff, and fail with the client's MdssError. Types only from query-core.
import { type FileResult, isTerminal } from '@mdss-kit/contract';
import type { Query, QueryObserverOptions } from '@tanstack/query-core';
import { type Backoff, backoffDelay } from './backoff.ts';
import type { MdssClient } from './create-client.ts';
import type { MdssError } from './mdss-error.ts';

export type FileQueryKey = readonly ['mdss-kit', 'file', string, number];

export interface FileQueryOptionsOptions {
  /** First delay between polls; default 1000, as `waitForFile`'s. */
  minDelayMs?: number;
  /** Longest delay between polls; default 10000. */
  maxDelayMs?: number;
}

export type FileQueryOptions = QueryObserverOptions<
  FileResult,
  MdssError,
  FileResult,
  FileResult,
  FileQueryKey
> & { queryKey: FileQueryKey };

type FileQuery = Query<FileResult, MdssError, FileResult, FileQueryKey>;

// Each client's results under a key of their own: a cached result fetched with one token must
// never answer for another. A number, not the token, because keys show in devtools and persisters.
const clientKeys = new WeakMap<MdssClient, number>();
let clients = 0;
const keyOf = (client: MdssClient): number => {
  const known = clientKeys.get(client);
  if (known !== undefined) return known;
  clientKeys.set(client, ++clients);
  return clients;
};

const terminal = (query: FileQuery) =>
  query.state.data !== undefined && isTerminal(query.state.data);

/**
 * Options for `useQuery` (or any QueryObserver) that GET the file, and GET it again after the
 * client's backoff while it is in progress: no more polls once the result is terminal or a poll
 * failed.
 */
export function fileQueryOptions(
  client: MdssClient,
  id: string,
  { minDelayMs = 1000, maxDelayMs = 10_000 }: FileQueryOptionsOptions = {},
): FileQueryOptions {
  const backoff: Backoff = { minDelayMs, maxDelayMs };
  return {
    queryKey: ['mdss-kit', 'file', id, keyOf(client)],
    queryFn: ({ signal }) => client.getFile(id, { signal }),
    // getFile already retries network errors, timeouts, 429 and 5xx, waiting at least their
    // Retry-After; Query's own retries (3 by default, its own delays) would run each of those
    // runs again, up to 4 × 3 requests per poll. A poll that fails has spent the client's budget,
    // as a failed poll ends waitForFile: the error is the answer, and the polling stops with it.
    retry: false,
    // After the n-th answer in progress, the n-th pause of waitForFile's backoff (jittered).
    refetchInterval: (query) =>
      query.state.error !== null || terminal(query)
        ? false
        : backoffDelay(Math.max(0, query.state.dataUpdateCount - 1), backoff, Math.random),
    // A terminal result does not change: no refetch on mount or focus, but invalidation works.
    staleTime: (query) => (terminal(query) ? Number.POSITIVE_INFINITY : 0),
  };
}
