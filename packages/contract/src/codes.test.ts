import { describe, expect, it } from 'vitest';
import {
  DlpCertainty,
  DlpVerdict,
  dlpVerdictLabel,
  FileResultCode,
  fileResultLabel,
  ProcessingState,
  processingStateLabel,
  Remediation,
  remediationLabel,
  ScanResultCode,
  ScanType,
  StorageType,
  scanResultLabel,
  scanTypeLabel,
  storageTypeLabel,
} from './codes.ts';

describe('code tables', () => {
  it('name the processing states, and claim no certainty on 2, where the sources disagree', () => {
    expect(processingStateLabel(ProcessingState.InProgress)).toBe('In Progress');
    expect(processingStateLabel(1)).toBe('Failed');
    expect(ProcessingState.CanceledOrAvailable).toBe(2);
    expect(processingStateLabel(2)).toBe('Canceled or Available');
    expect(ProcessingState.Available).toBe(3);
    expect(processingStateLabel(3)).toBe('Available');
  });

  it('name the file-level codes of MDSS’s file API table (§8.2, §8.3)', () => {
    expect([FileResultCode.Allowed, FileResultCode.Blocked, FileResultCode.Processing]).toEqual([
      0, 1, 2,
    ]);
    expect(fileResultLabel(1)).toBe('Blocked');
    expect(scanTypeLabel(ScanType.RealTime)).toBe('Real-time');
    expect(Remediation.SanitizedCopied).toBe(11);
    expect(remediationLabel(Remediation.SoftDelete)).toBe('Soft delete');
    expect(remediationLabel(12)).toBe('Unknown (12)');
    expect(StorageType.AzureBlob).toBe(7);
    expect(storageTypeLabel(0)).toBe('Amazon S3');
    expect(storageTypeLabel(10)).toBe('Unknown (10)');
  });

  it('label an unknown code with the code itself, and a missing one plainly', () => {
    expect(processingStateLabel(4)).toBe('Unknown (4)');
    expect(scanResultLabel(99)).toBe('Unknown (99)');
    expect(dlpVerdictLabel(undefined)).toBe('Unknown');
  });

  it('cover scan result codes 0–23 and 255', () => {
    for (let code = 0; code <= 23; code++) expect(scanResultLabel(code)).not.toMatch(/^Unknown \(/);
    expect(scanResultLabel(ScanResultCode.InProgress)).toBe('In Progress');
    expect(scanResultLabel(ScanResultCode.Infected)).toBe('Infected');
    expect(scanResultLabel(24)).toBe('Unknown (24)');
  });

  it('name the DLP verdicts and certainty levels', () => {
    expect(dlpVerdictLabel(DlpVerdict.FoundMatchedData)).toBe('Found Matched Data');
    expect(dlpVerdictLabel(4)).toBe('Not Scanned');
    expect(Object.values(DlpCertainty)).toEqual(['Very Low', 'Low', 'Medium', 'High', 'Very High']);
  });
});
