// Labels for the contract's open code tables. The tables themselves are generated from the
// contract; an unknown code gets a label that says so and carries the code, never a crash.
import {
  dlpVerdictLabels,
  fileResultCodeLabels,
  processingStateLabels,
  remediationLabels,
  scanResultCodeLabels,
  scanTypeLabels,
  storageTypeLabels,
} from './generated/mdss-codes.ts';

export {
  DlpCertainty,
  DlpVerdict,
  dlpCertaintyLabels,
  dlpVerdictLabels,
  FileResultCode,
  fileResultCodeLabels,
  ProcessingState,
  processingStateLabels,
  Remediation,
  remediationLabels,
  ScanResultCode,
  ScanType,
  StorageType,
  scanResultCodeLabels,
  scanTypeLabels,
  storageTypeLabels,
} from './generated/mdss-codes.ts';

function labelFrom(table: ReadonlyMap<number, string>) {
  return (code: number | undefined): string =>
    table.get(code as number) ?? (code === undefined ? 'Unknown' : `Unknown (${code})`);
}

/**
 * `processingStateLabel(3) === 'Available'`; `processingStateLabel(2) === 'Canceled or
 * Available'`, because the sources disagree on 2 (docs/decisions/003): a record's own figures
 * tell which (`summarize` does); `processingStateLabel(7) === 'Unknown (7)'`.
 */
export const processingStateLabel = labelFrom(processingStateLabels);

/** Label of a scan result code, overall (`scanAllResultI`) or per engine (`scanResultI`). */
export const scanResultLabel = labelFrom(scanResultCodeLabels);

/** Label of a DLP verdict (`dlpInfo.verdict`). */
export const dlpVerdictLabel = labelFrom(dlpVerdictLabels);

/** Label of MDSS's file-level `result` code (0 Allowed, 1 Blocked, 2 Processing). */
export const fileResultLabel = labelFrom(fileResultCodeLabels);

/** Label of a `scanType` (0 Instant, 1 Scheduled, 2 Real-time). */
export const scanTypeLabel = labelFrom(scanTypeLabels);

/** Label of a remediation code (0 Tagging … 11 Sanitized, copied, 100 Soft delete). */
export const remediationLabel = labelFrom(remediationLabels);

/**
 * Label of a `storageType`, by the storage vendor table of OPSWAT's deployment examples: very
 * likely the same numbering, not confirmed (only 0, S3, has been seen in a file record).
 */
export const storageTypeLabel = labelFrom(storageTypeLabels);
