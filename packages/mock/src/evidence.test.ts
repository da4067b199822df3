// Bodies shaped as the new evidence shows them (domain notes §8), built with the fixture builder
// and held to the contract: each would have failed validation, or summarized wrongly, before
// the contract admitted it.
import {
  type FileResult,
  FileResultCode,
  isTerminal,
  ProcessingState,
  Remediation,
  ScanType,
  StorageType,
  summarize,
} from '@mdss-kit/contract';
import { mdssContract, proxyContract } from '@mdss-kit/contract/validate';
import { describe, expect, it } from 'vitest';
import { buildFileResult } from './build-file-result.ts';
import { presets } from './presets.ts';

/** The record, once it validates against FileResult; its summary, once that validates too. */
function checked(result: unknown) {
  expect(mdssContract.responseErrors('/api/file/{id}', 200, result)).toEqual([]);
  const summary = summarize(result as FileResult);
  expect(proxyContract.schemaErrors('FileSummary', summary)).toEqual([]);
  return summary;
}

// Changes edit untyped JSON copies, shapes the old contract refused included.
// biome-ignore lint/suspicious/noExplicitAny: a test's stand-in for arbitrary JSON
type Json = any;

/** A built record with `change` applied to its JSON, as a server could send it. */
function builtWith(change: (result: Json) => void, base = buildFileResult()) {
  const copy = structuredClone(base) as Json;
  change(copy);
  return copy;
}

describe('1. processingState 2 and 3 (§8.1)', () => {
  it('a finished file in state 3 (Available in MDSS’s file API table) is available', () => {
    const result = buildFileResult({ processingState: ProcessingState.Available });
    expect(result.processingState).toBe(3);
    expect(checked(result)).toMatchObject({ state: 'available', done: true, decision: 'allowed' });
  });

  it('a state-2 file whose scan finished (the reference’s reading) is available', () => {
    const result = buildFileResult({ processingState: ProcessingState.CanceledOrAvailable });
    expect(checked(result)).toMatchObject({ state: 'available', done: true, decision: 'allowed' });
  });

  it('the canceled preset is a state-2 file stopped part-way: canceled, done, never allowed', () => {
    const result = presets.canceled();
    expect(result).toMatchObject({ processingState: 2, progress: { upload: 100, scan: 40 } });
    expect(isTerminal(result)).toBe(true);
    const summary = checked(result);
    expect(summary).toMatchObject({ state: 'canceled', done: true });
    expect(summary.decision).not.toBe('allowed');
  });

  it('a canceled file that never reached Core is canceled too', () => {
    const result = presets.canceled({ scan: 0 }, { progress: { upload: 30 } });
    expect(result.scanResult).toBeUndefined();
    expect(checked(result)).toMatchObject({ state: 'canceled', done: true, decision: 'unknown' });
  });
});

describe('2. types that real data breaks', () => {
  it('a Cloud engine: threatFound null, decimal scan and wait times, decimal totalTime (§8.5)', () => {
    const result = builtWith((r) => {
      r.scanResult.scanResults.scanDetails[0] = {
        engineName: 'ClamAV',
        scanResultI: 1,
        threatFound: null,
        scanTime: 10002.0,
        waitTime: 3.5,
        defTime: '2026-11-24T00:00:00.000Z',
      };
      r.scanResult.scanResults.totalTime = 10050.25;
    });
    expect(checked(result).threats).toEqual([{ engine: 'ClamAV', name: 'Infected' }]);
  });

  it('a DLP hit whose severity is the string "0" (Core v4, §8.4), and one without certainty', () => {
    const result = presets.dlp();
    const hits = result.scanResult?.dlpInfo?.hits?.ccn?.hits ?? [];
    hits.push({ hit: 'XXXX XXXX XXXX 0005', severity: '0' });
    expect(checked(result).dlp).toMatchObject({ hits: 3 });
  });

  it.each([
    ['a plain string', 'Macros removed'],
    [
      'a list whose items lack count or objectName',
      [{ action: 'removed' }, { action: 'sanitized', objectName: 'macro', count: 2 }],
    ],
  ])('sanitization details as %s (§8.6)', (_name, details) => {
    const result = presets.sanitized({
      scanResult: { processInfo: { postProcessing: { sanitizationDetails: { details } } } },
    });
    expect(checked(result)).toMatchObject({ sanitized: true, convertedTo: 'docx' });
  });

  it('scanDetails entries that are not engines (§8.8) are neither engines nor detections', () => {
    const result = builtWith((r) => {
      r.scanResult.scanResults.scanDetails.push(100, { progressPercentage: 100, scanResultI: 1 });
    });
    const summary = checked(result);
    expect(summary.engines).toEqual({ total: 4, detected: 0 });
    expect(summary.threats).toEqual([]);
  });

  it('the CVE list spelt vulnerabilites, as Core’s own OpenAPI writes it (§8.7)', () => {
    const result = builtWith((r) => {
      const info = r.scanResult.vulnerabilityInfo.result;
      info.vulnerabilites = info.vulnerabilities;
      delete info.vulnerabilities;
    }, presets.vulnerable());
    expect(checked(result).vulnerabilities).toEqual({ count: 1, highestSeverity: 'critical' });
  });
});

describe('3. what users look for first', () => {
  it('the vulnerable preset summarizes its CVEs and their highest severity', () => {
    expect(checked(presets.vulnerable()).vulnerabilities).toEqual({
      count: 1,
      highestSeverity: 'critical',
    });
  });

  it('a sanitized file gives its converted type; a clean one has no vulnerabilities', () => {
    expect(checked(presets.sanitized())).toMatchObject({ sanitized: true, convertedTo: 'docx' });
    expect(checked(presets.clean()).vulnerabilities).toEqual({ count: 0 });
  });
});

describe('4. more of the record, named (§8.2, §8.3)', () => {
  it('accepts the file-level fields of MDSS’s file API table, and open codes in each', () => {
    const named = buildFileResult({
      storageType: StorageType.AzureBlob,
      result: FileResultCode.Blocked,
      scanType: ScanType.RealTime,
      remediations: [Remediation.Tagging, Remediation.SanitizedCopied, Remediation.SoftDelete],
      storageId: '0198f02f-ed4d-7c0d-8668-1036d322209c',
      scanWorkflowSnapshotId: '66a0c1f2e4b0a1b2c3d4e5f6',
      scanResultICount: 2,
      vulnerabilityCount: 1,
      dlpDetection: true,
    });
    checked(named);
    checked(buildFileResult({ storageType: 42, result: 7, scanType: 9, remediations: 101 }));
    expect(
      mdssContract.responseErrors('/api/file/{id}', 200, { id: 'x', scanResultICount: -1 }),
    ).not.toEqual([]);
    expect(
      mdssContract.responseErrors('/api/file/{id}', 200, { id: 'x', dlpDetection: 'yes' }),
    ).not.toEqual([]);
  });
});
