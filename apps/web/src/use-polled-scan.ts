// Watches one scan on MDSS itself, which only answers polls: TanStack Query's useQuery on the
// client's fileQueryOptions (polled with the client's backoff until the result is terminal), the
// summary computed here. The page's own deadline (`maxWaitMs`) stops the polling.
import { createMdssClient, MdssError } from '@mdss-kit/client';
import { fileQueryOptions } from '@mdss-kit/client/query';
import { isTerminal, summarize } from '@mdss-kit/contract';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { WatchConfig } from './config.ts';
import type { ScanRequest, ScanState } from './use-scan.ts';

export function usePolledScan(
  request: ScanRequest | undefined,
  config: WatchConfig,
): ScanState | undefined {
  // A client per request: its results are keyed apart from every other's, so a new token never
  // sees a result fetched with the last one, and "Try again" polls afresh; the query left behind
  // loses its observer, which ends its polling and aborts its request under way.
  const client = useMemo(
    () => createMdssClient({ baseUrl: config.baseUrl, token: request?.token ?? '' }),
    [request, config.baseUrl],
  );
  const [expired, setExpired] = useState<ScanRequest>();
  useEffect(() => {
    if (!request) return;
    const timer = setTimeout(() => setExpired(request), config.maxWaitMs);
    return () => clearTimeout(timer);
  }, [request, config]);
  const late = request !== undefined && expired === request;

  const { data, error } = useQuery({
    ...fileQueryOptions(client, request?.id ?? '', {
      minDelayMs: config.minDelayMs,
      maxDelayMs: config.maxDelayMs,
    }),
    enabled: request !== undefined && !late,
  });

  if (!request) return undefined;
  if (error) return { status: 'error', error };
  if (data && isTerminal(data)) return { status: 'done', result: data, summary: summarize(data) };
  if (late) {
    return {
      status: 'error',
      error: new MdssError('timeout', `The file was not done within ${config.maxWaitMs} ms.`),
    };
  }
  return { status: 'waiting', upload: data?.progress?.upload, scan: data?.progress?.scan };
}
