// Watches one scan through the proxy, over its event stream: the summary pushed as it changes,
// the last one the proxy's final summary. A new request aborts the stream under way.
import { createMdssClient } from '@mdss-kit/client';
import type { FileSummary } from '@mdss-kit/contract';
import { useEffect, useState } from 'react';
import type { WatchConfig } from './config.ts';
import type { ScanRequest, ScanState } from './use-scan.ts';

export function useStreamedScan(
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
        let pushed: FileSummary | undefined;
        const result = await client.waitForFile(request.id, {
          transport: 'stream',
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
        const summary = pushed?.done
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
