// Named types for the contract's schemas, so users write `FileResult`, not
// `components['schemas']['FileResult']`.
import type { components, operations, paths } from './generated/mdss.ts';

type Schemas = components['schemas'];

export type {
  components as ProxyComponents,
  operations as ProxyOperations,
  paths as ProxyPaths,
} from './generated/proxy.ts';
export type { components, operations, paths };
export type FileResult = Schemas['FileResult'];
export type FileOwner = Schemas['FileOwner'];
export type Progress = Schemas['Progress'];
export type ScanResult = Schemas['ScanResult'];
export type ScanResults = Schemas['ScanResults'];
export type ScanDetail = Schemas['ScanDetail'];
/** A `scanDetails` entry: an engine, or something that is not one (domain notes §8.8). */
export type ScanDetailsEntry = Schemas['ScanDetailsEntry'];
export type SanitizationDetails = Schemas['SanitizationDetails'];
export type SanitizationDetail = Schemas['SanitizationDetail'];
/** An object Deep CDR sanitized or removed, as Core's schema names it; an embedded file's details. */
export type SanitizedObject = Schemas['SanitizedObject'];
export type FileInfo = Schemas['FileInfo'];
export type ProcessInfo = Schemas['ProcessInfo'];
export type PostProcessing = Schemas['PostProcessing'];
export type BlockedProcessInfo = Schemas['BlockedProcessInfo'];
export type DlpInfo = Schemas['DlpInfo'];
/** The fields of a DLP result: `DlpInfo`'s, and those of the second `dlpInfo` Core's schema nests. */
export type DlpResult = Schemas['DlpResult'];
export type DlpRuleHits = Schemas['DlpRuleHits'];
export type DlpHit = Schemas['DlpHit'];
export type VulnerabilityInfo = Schemas['VulnerabilityInfo'];
export type ExtractedFiles = Schemas['ExtractedFiles'];
export type ExtractedFile = Schemas['ExtractedFile'];
export type ErrorBody = Schemas['ErrorBody'];
/** Any integer: the known codes are `ProcessingState`'s values. */
export type ProcessingStateCode = Schemas['ProcessingState'];
/** Any integer: the known codes are `ScanResultCode`'s values. */
export type ScanResultCodeValue = Schemas['ScanResultCode'];
/** Any integer: the known codes are `DlpVerdict`'s values. */
export type DlpVerdictCode = Schemas['DlpVerdict'];
/** Any integer: the known codes are `StorageType`'s values. */
export type StorageTypeCode = Schemas['StorageType'];
/** Any integer: the known codes are `FileResultCode`'s values. */
export type FileResultCodeValue = Schemas['FileResultCode'];
/** Any integer: the known codes are `ScanType`'s values. */
export type ScanTypeCode = Schemas['ScanType'];
/** Any integer: the known codes are `Remediation`'s values. */
export type RemediationCode = Schemas['Remediation'];
/** Any string: the known levels are `DlpCertainty`'s values. */
export type DlpCertaintyLevel = Schemas['DlpCertainty'];
