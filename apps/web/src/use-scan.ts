// Watches one scan: through the proxy over its event stream (the summary pushed as it changes,
// the last one the proxy's final summary), from MDSS itself by polling (the summary computed
// here from the raw result). A new id, token or retry aborts the wait under way.
import { createMdssClient } from '@mdss-kit/client';
import { type FileResult, type FileSummary, summarize } from '@mdss-kit/contract';
import { useEffect, useState } from 'react';
import type { WatchConfig } from './config.ts';

export interface ScanRequest {
  id: string;
  token: string;
  /** Bumped by "Try again", so the same id and token start a new wait. */
  attempt: number;
}

export type ScanState =
  | { status: 'waiting'; upload: number | undefined; scan: number | undefined }
  | { status: 'done'; result: FileResult; summary: FileSummary }
  /** An MdssError, or anything else the page itself threw (a bug here, not MDSS). */
  | { status: 'error'; error: unknown };

export function useScan(
  request: ScanRequest | undefined,
  config: WatchConfig,
): ScanState | undefined {
  const [state, setState] = useState<ScanState>();

  useEffect(() => {
    if (!request) return;
    const controller = new AbortController();
    const client = createMdssClient({ baseUrl: config.baseUrl, token: request.token });
    setState({ status: 'waiting', upload: undefined, scan: undefined });
    (async () => {
      try {
        // The proxy pushes the summary as it changes; MDSS itself only answers polls.
        const proxy = config.upstream === 'proxy';
        let pushed: FileSummary | undefined;
        const result = await client.waitForFile(request.id, {
          transport: proxy ? 'stream' : 'poll',
          signal: controller.signal,
          minDelayMs: config.minDelayMs,
          maxDelayMs: config.maxDelayMs,
          maxWaitMs: config.maxWaitMs,
          onProgress: ({ upload, scan, summary }) => {
            pushed = summary;
            setState({ status: 'waiting', upload, scan });
          },
        });
        // The stream's final event is the proxy's summary; after a reconnect that found the
        // final event delivered, the proxy's summary endpoint has it.
        const summary = !proxy
          ? summarize(result)
          : pushed?.done
            ? pushed
            : await client.getSummary(request.id, { signal: controller.signal });
        setState({ status: 'done', result, summary });
      } catch (error) {
        if (controller.signal.aborted) return;
        setState({ status: 'error', error });
      }
    })();
    return () => controller.abort();
  }, [request, config]);

  return request ? state : undefined;
}
