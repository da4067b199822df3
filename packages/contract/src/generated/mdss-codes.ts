// Generated from openapi/mdss.yaml by `pnpm generate`. Do not edit by hand.

/** The values of `ProcessingState` that the contract names. */
export const ProcessingState = {
  InProgress: 0,
  Failed: 1,
  Available: 2,
} as const;

/** Labels of the known `ProcessingState` values. */
export const processingStateLabels: ReadonlyMap<number, string> = /* @__PURE__ */ new Map([
  [0, "In Progress"],
  [1, "Failed"],
  [2, "Available"],
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
