// When polling may stop. See docs/decisions/001-unknown-processing-state.md and
// docs/decisions/003-processing-state-2-and-3.md.
import { ProcessingState, ScanResultCode } from './generated/mdss-codes.ts';
import type { FileResult } from './types.ts';

const complete = (percent: number | undefined) => percent === 100;
const completeIfPresent = (percent: number | undefined) => percent === undefined || percent === 100;

/**
 * Whether every progress figure the record carries says done: upload and scan at 100, a scan
 * result present, not "Processing", not code 255, and Core's own percentages at 100 where given.
 */
export function isFullyProcessed(result: FileResult): boolean {
  const scan = result.scanResult;
  if (!scan || !complete(result.progress?.upload) || !complete(result.progress?.scan)) {
    return false;
  }
  return (
    scan.processInfo?.result !== 'Processing' &&
    scan.scanResults?.scanAllResultI !== ScanResultCode.InProgress &&
    completeIfPresent(scan.scanResults?.progressPercentage) &&
    completeIfPresent(scan.processInfo?.progressPercentage)
  );
}

/**
 * Whether polling this file may stop. States 1 (Failed), 2 (Canceled or Available: final under
 * either reading) and 3 (Available) are final; 0 is not. A state no source names is final only
 * when the record is fully processed: never treat it as a failure, never poll it forever
 * (callers bound polling with a deadline).
 */
export function isTerminal(result: FileResult): boolean {
  switch (result.processingState) {
    case ProcessingState.Failed:
    case ProcessingState.CanceledOrAvailable:
    case ProcessingState.Available:
      return true;
    case ProcessingState.InProgress:
      return false;
    default:
      return isFullyProcessed(result);
  }
}

/**
 * Whether a state-2 record is a canceled file: its scan never finished (no scan result, or a
 * figure below 100). MDSS's file API table names 2 Canceled, the reference names it Available;
 * a record whose scan did finish is read as Available, since that is what it shows.
 */
export function isCanceled(result: FileResult): boolean {
  return (
    result.processingState === ProcessingState.CanceledOrAvailable && !isFullyProcessed(result)
  );
}
