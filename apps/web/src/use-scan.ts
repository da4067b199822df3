// Watches one scan: from MDSS itself by polling, through TanStack Query (use-polled-scan.ts), or
// through the proxy over its event stream (use-streamed-scan.ts). A new id, token or retry starts
// a new watch and ends the one under way.
import type { FileResult, FileSummary } from '@mdss-kit/contract';
import type { WatchConfig } from './config.ts';
import { usePolledScan } from './use-polled-scan.ts';
import { useStreamedScan } from './use-streamed-scan.ts';

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
  // Both hooks always run (React's rule); each watches only in its own mode.
  const polled = usePolledScan(config.upstream === 'mdss' ? request : undefined, config);
  const streamed = useStreamedScan(config.upstream === 'proxy' ? request : undefined, config);
  return config.upstream === 'proxy' ? streamed : polled;
}
