// Generated from openapi/mdss.yaml by `pnpm generate`. Do not edit by hand.

/** The values of `ProcessingState` that the contract names. */
export const ProcessingState = {
  InProgress: 0,
  Failed: 1,
  CanceledOrAvailable: 2,
  Available: 3,
} as const;

/** Labels of the known `ProcessingState` values. */
export const processingStateLabels: ReadonlyMap<number, string> = /* @__PURE__ */ new Map([
  [0, "In Progress"],
  [1, "Failed"],
  [2, "Canceled or Available"],
  [3, "Available"],
]);

/** The values of `ScanResultCode` that the contract names. */
export const ScanResultCode = {
  NoThreatDetected: 0,
  Infected: 1,
  Suspicious: 2,
  Failed: 3,
  CleanedDeleted: 4,
  Unknown: 5,
  Quarantined: 6,
  Allowlisted: 7,
  Blocklisted: 8,
  ExceededArchiveDepth: 9,
  NotScanned: 10,
  Aborted: 11,
  EncryptedArchive: 12,
  ExceededArchiveSize: 13,
  ExceededArchiveFileNumber: 14,
  PasswordProtectedDocument: 15,
  ExceededArchiveTimeout: 16,
  FileTypeMismatch: 17,
  PotentiallyVulnerableFile: 18,
  Canceled: 19,
  SensitiveDataFound: 20,
  YaraRuleMatched: 21,
  PotentiallyUnwantedProgram: 22,
  UnsupportedFileType: 23,
  InProgress: 255,
} as const;

/** Labels of the known `ScanResultCode` values. */
export const scanResultCodeLabels: ReadonlyMap<number, string> = /* @__PURE__ */ new Map([
  [0, "No Threat Detected"],
  [1, "Infected"],
  [2, "Suspicious"],
  [3, "Failed"],
  [4, "Cleaned / Deleted"],
  [5, "Unknown"],
  [6, "Quarantined"],
  [7, "Allowlisted"],
  [8, "Blocklisted"],
  [9, "Exceeded Archive Depth"],
  [10, "Not Scanned"],
  [11, "Aborted"],
  [12, "Encrypted Archive"],
  [13, "Exceeded Archive Size"],
  [14, "Exceeded Archive File Number"],
  [15, "Password Protected Document"],
  [16, "Exceeded Archive Timeout"],
  [17, "File Type Mismatch"],
  [18, "Potentially Vulnerable File"],
  [19, "Canceled"],
  [20, "Sensitive Data Found"],
  [21, "Yara Rule Matched"],
  [22, "Potentially Unwanted Program"],
  [23, "Unsupported File Type"],
  [255, "In Progress"],
]);

/** The values of `DlpVerdict` that the contract names. */
export const DlpVerdict = {
  Clean: 0,
  FoundMatchedData: 1,
  Suspicious: 2,
  Failed: 3,
  NotScanned: 4,
} as const;

/** Labels of the known `DlpVerdict` values. */
export const dlpVerdictLabels: ReadonlyMap<number, string> = /* @__PURE__ */ new Map([
  [0, "Clean"],
  [1, "Found Matched Data"],
  [2, "Suspicious"],
  [3, "Failed"],
  [4, "Not Scanned"],
]);

/** The values of `DlpCertainty` that the contract names. */
export const DlpCertainty = {
  VeryLow: "Very Low",
  Low: "Low",
  Medium: "Medium",
  High: "High",
  VeryHigh: "Very High",
} as const;

/** Labels of the known `DlpCertainty` values. */
export const dlpCertaintyLabels: ReadonlyMap<string, string> = /* @__PURE__ */ new Map([
  ["Very Low", "Very Low"],
  ["Low", "Low"],
  ["Medium", "Medium"],
  ["High", "High"],
  ["Very High", "Very High"],
]);

/** The values of `StorageType` that the contract names. */
export const StorageType = {
  AmazonS3: 0,
  OneDrive: 1,
  Box: 2,
  DellIsilon: 3,
  AzureFiles: 4,
  SmbCompatible: 5,
  S3Compatible: 6,
  AzureBlob: 7,
  AlibabaCloud: 8,
  GoogleCloud: 9,
} as const;

/** Labels of the known `StorageType` values. */
export const storageTypeLabels: ReadonlyMap<number, string> = /* @__PURE__ */ new Map([
  [0, "Amazon S3"],
  [1, "OneDrive"],
  [2, "Box"],
  [3, "Dell Isilon"],
  [4, "Azure Files"],
  [5, "SMB-compatible"],
  [6, "S3-compatible"],
  [7, "Azure Blob"],
  [8, "Alibaba Cloud"],
  [9, "Google Cloud"],
]);

/** The values of `FileResultCode` that the contract names. */
export const FileResultCode = {
  Allowed: 0,
  Blocked: 1,
  Processing: 2,
} as const;

/** Labels of the known `FileResultCode` values. */
export const fileResultCodeLabels: ReadonlyMap<number, string> = /* @__PURE__ */ new Map([
  [0, "Allowed"],
  [1, "Blocked"],
  [2, "Processing"],
]);

/** The values of `ScanType` that the contract names. */
export const ScanType = {
  Instant: 0,
  Scheduled: 1,
  RealTime: 2,
} as const;

/** Labels of the known `ScanType` values. */
export const scanTypeLabels: ReadonlyMap<number, string> = /* @__PURE__ */ new Map([
  [0, "Instant"],
  [1, "Scheduled"],
  [2, "Real-time"],
]);

/** The values of `Remediation` that the contract names. */
export const Remediation = {
  Tagging: 0,
  DeepCdrSanitization: 1,
  DeepCdrDelete: 2,
  DeepCdrEncrypt: 3,
  DeepCdrKeep: 4,
  AllowedMoved: 5,
  BlockedMoved: 6,
  BlockedDelete: 7,
  SanitizedMoved: 8,
  AllowedCopied: 9,
  BlockedCopied: 10,
  SanitizedCopied: 11,
  SoftDelete: 100,
} as const;

/** Labels of the known `Remediation` values. */
export const remediationLabels: ReadonlyMap<number, string> = /* @__PURE__ */ new Map([
  [0, "Tagging"],
  [1, "Deep CDR sanitization"],
  [2, "Deep CDR delete"],
  [3, "Deep CDR encrypt"],
  [4, "Deep CDR keep"],
  [5, "Allowed, moved"],
  [6, "Blocked, moved"],
  [7, "Blocked, deleted"],
  [8, "Sanitized, moved"],
  [9, "Allowed, copied"],
  [10, "Blocked, copied"],
  [11, "Sanitized, copied"],
  [100, "Soft delete"],
]);

/** The values of `WebhookNotificationType` that the contract names. */
export const WebhookNotificationType = {
  FileScanned: "FileScanned",
  ScanCompleted: "ScanCompleted",
} as const;

/** Labels of the known `WebhookNotificationType` values. */
export const webhookNotificationTypeLabels: ReadonlyMap<string, string> = /* @__PURE__ */ new Map([
  ["FileScanned", "File Scanned"],
  ["ScanCompleted", "Scan Completed"],
]);

/** The values of `NotifiedFileStatus` that the contract names. */
export const NotifiedFileStatus = {
  Allowed: "Allowed",
  Blocked: "Blocked",
} as const;

/** Labels of the known `NotifiedFileStatus` values. */
export const notifiedFileStatusLabels: ReadonlyMap<string, string> = /* @__PURE__ */ new Map([
  ["Allowed", "Allowed"],
  ["Blocked", "Blocked"],
]);

/** The values of `NotifiedFileState` that the contract names. */
export const NotifiedFileState = {
  Available: "Available",
  Failed: "Failed",
  Canceled: "Canceled",
  FailedRemediation: "FailedRemediation",
} as const;

/** Labels of the known `NotifiedFileState` values. */
export const notifiedFileStateLabels: ReadonlyMap<string, string> = /* @__PURE__ */ new Map([
  ["Available", "Available"],
  ["Failed", "Failed"],
  ["Canceled", "Canceled"],
  ["FailedRemediation", "Failed remediation"],
]);

/** The values of `ScanCompletionStatus` that the contract names. */
export const ScanCompletionStatus = {
  Completed: "Completed",
  Cancelled: "Cancelled",
  Failed: "Failed",
} as const;

/** Labels of the known `ScanCompletionStatus` values. */
export const scanCompletionStatusLabels: ReadonlyMap<string, string> = /* @__PURE__ */ new Map([
  ["Completed", "Completed"],
  ["Cancelled", "Cancelled"],
  ["Failed", "Failed"],
]);
