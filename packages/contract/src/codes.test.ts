import { describe, expect, it } from 'vitest';
import {
  DlpCertainty,
  DlpVerdict,
  dlpVerdictLabel,
  ProcessingState,
  processingStateLabel,
  ScanResultCode,
  scanResultLabel,
} from './codes.ts';

describe('code tables', () => {
  it('name the processing states the reference documents', () => {
    expect(processingStateLabel(ProcessingState.InProgress)).toBe('In Progress');
    expect(processingStateLabel(1)).toBe('Failed');
    expect(processingStateLabel(2)).toBe('Available');
  });

  it('label an unknown code with the code itself, and a missing one plainly', () => {
    expect(processingStateLabel(3)).toBe('Unknown (3)');
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
