// Watches a list of files with the client's watchFiles: one row per file, each updated as its
// summary changes and ended on its own (its verdict, or its problem). Through the proxy, one
// stream carries them all; from MDSS itself, each file is polled. A new request ends the watch
// under way.
import { createMdssClient, type FileUpdate } from '@mdss-kit/client';
import type { FileSummary } from '@mdss-kit/contract';
import { useEffect, useState } from 'react';
import type { WatchConfig } from './config.ts';

export interface FilesRequest {
  ids: string[];
  token: string;
  /** Bumped by each submit, so the same list starts a new watch. */
  attempt: number;
}

export type FileRow =
  | { id: string; status: 'waiting'; summary: FileSummary | undefined }
  | { id: string; status: 'done'; summary: FileSummary }
  | { id: string; status: 'problem'; error: unknown };

export interface FilesState {
  rows: FileRow[];
  /** Every file ended, or the watch as a whole did. */
  over: boolean;
  /** What ended the watch as a whole (the list, the token, the deadline), if anything. */
  error?: unknown;
}

const rowOf = (update: FileUpdate): FileRow =>
  'error' in update
    ? { id: update.id, status: 'problem', error: update.error }
    : ({
        id: update.id,
        status: update.summary.done ? 'done' : 'waiting',
        summary: update.summary,
      } as FileRow);

export function useWatchedFiles(
  request: FilesRequest | undefined,
  config: WatchConfig,
): FilesState | undefined {
  const [state, setState] = useState<FilesState>();

  useEffect(() => {
    if (!request) return;
    const controller = new AbortController();
    const client = createMdssClient({ baseUrl: config.baseUrl, token: request.token });
    const rows = new Map<string, FileRow>(
      request.ids.map((id) => [id, { id, status: 'waiting', summary: undefined }]),
    );
    const show = (end: Omit<FilesState, 'rows'>) => setState({ rows: [...rows.values()], ...end });
    show({ over: false });
    (async () => {
      try {
        const updates = client.watchFiles(request.ids, {
          transport: config.upstream === 'proxy' ? 'auto' : 'poll',
          signal: controller.signal,
          minDelayMs: config.minDelayMs,
          maxDelayMs: config.maxDelayMs,
          maxWaitMs: config.maxWaitMs,
        });
        for await (const update of updates) {
          rows.set(update.id, rowOf(update));
          show({ over: false });
        }
        show({ over: true });
      } catch (error) {
        if (!controller.signal.aborted) show({ over: true, error });
      }
    })();
    return () => controller.abort();
  }, [request, config]);

  return request ? state : undefined;
}
