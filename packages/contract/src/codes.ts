// Labels for the contract's open code tables. The tables themselves are generated from the
// contract; an unknown code gets a label that says so and carries the code, never a crash.
import {
  dlpVerdictLabels,
  processingStateLabels,
  scanResultCodeLabels,
} from './generated/mdss-codes.ts';

export {
  DlpCertainty,
  DlpVerdict,
  dlpCertaintyLabels,
  dlpVerdictLabels,
  ProcessingState,
  processingStateLabels,
  ScanResultCode,
  scanResultCodeLabels,
} from './generated/mdss-codes.ts';

function labelFrom(table: ReadonlyMap<number, string>) {
  return (code: number | undefined): string =>
    table.get(code as number) ?? (code === undefined ? 'Unknown' : `Unknown (${code})`);
}

/** `processingStateLabel(2) === 'Available'`; `processingStateLabel(3) === 'Unknown (3)'`. */
export const processingStateLabel = labelFrom(processingStateLabels);

/** Label of a scan result code, overall (`scanAllResultI`) or per engine (`scanResultI`). */
export const scanResultLabel = labelFrom(scanResultCodeLabels);

/** Label of a DLP verdict (`dlpInfo.verdict`). */
export const dlpVerdictLabel = labelFrom(dlpVerdictLabels);
