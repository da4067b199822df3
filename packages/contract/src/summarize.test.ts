import { describe, expect, it } from 'vitest';
import mdss from './generated/mdss.openapi.json' with { type: 'json' };
import { summarize } from './summarize.ts';
import type { FileResult } from './types.ts';
import { proxyContract } from './validate.ts';

const examples = mdss.components.examples;
const reference = examples.ReferenceResult.value as FileResult;

/** Summarizes and holds the summary to the proxy contract's FileSummary schema. */
function summary(result: unknown) {
  const value = summarize(result as FileResult);
  proxyContract.assertSchema('FileSummary', value);
  return value;
}

describe('summarize', () => {
  it('condenses the reference’s finished, clean, allowed record', () => {
    expect(summary(reference)).toEqual({
      id: '5e91c094efe27b0006489533',
      name: '1K.mp4',
      size: 1000,
      sha256: '541b3e9daa09b20bf85fa273e5cbd3e80185aa4ec298e765db87742b70138a53',
      state: 'available',
      processingState: 3,
      progress: { upload: 100, scan: 100 },
      done: true,
      decision: 'allowed',
      verdict: { code: 0, label: 'No Threat Detected' },
      engines: { total: 11, detected: 0 },
      threats: [],
      sanitized: false,
      vulnerabilities: { count: 0 },
      dlp: { verdict: 4, label: 'Not Scanned', hits: 0 },
    });
  });

  it('says processing and not done for a record in progress', () => {
    const value = summary(examples.InProgressResult.value);
    expect(value).toMatchObject({
      state: 'in_progress',
      done: false,
      decision: 'processing',
      progress: { upload: 100, scan: 50 },
      verdict: { code: 255, label: 'In Progress' },
      engines: { total: 4, detected: 0 },
    });
  });

  it('carries the exceptionDetails of a failed record as its failure', () => {
    const value = summary(examples.FailedResult.value);
    expect(value).toMatchObject({ state: 'failed', done: true, decision: 'unknown' });
    expect(value.failure).toMatch(/^Failed to download the file/);
  });

  it('names a failure even when exceptionDetails is missing or empty', () => {
    expect(summary({ id: 'f', processingState: 1, exceptionDetails: '' }).failure).toBe(
      'Processing failed (no details given)',
    );
  });

  it('lists the engines that detected something, with their threat names', () => {
    const value = summary({
      id: 'i',
      processingState: 2,
      scanResult: {
        scanResults: {
          scanAllResultI: 1,
          totalAvs: 4,
          scanDetails: [
            { engineName: 'Clamav', scanResultI: 1, threatFound: 'Eicar-Test-Signature' },
            { engineName: 'ESET', scanResultI: 2, threatFound: '' },
            { engId: 'k7_1_linux', scanResultI: 22, threatFound: 'Adware.X' },
            { engineName: 'Avira', scanResultI: 0, threatFound: '' },
            { engineName: 'Broken', scanResultI: 3, threatFound: 'engine crashed' },
          ],
        },
        processInfo: { result: 'Blocked', blockedReason: 'Infected' },
      },
    });
    expect(value.threats).toEqual([
      { engine: 'Clamav', name: 'Eicar-Test-Signature' },
      { engine: 'ESET', name: 'Suspicious' },
      { engine: 'k7_1_linux', name: 'Adware.X' },
    ]);
    expect(value.engines).toEqual({ total: 5, detected: 3 });
    expect(value.decision).toBe('blocked');
    expect(value.blockedReason).toBe('Infected');
    expect(value.verdict).toEqual({ code: 1, label: 'Infected' });
  });

  it('sees sanitization among other post actions, in any case and spacing', () => {
    const ran = (actionsRan: string) =>
      summary({
        id: 's',
        scanResult: { processInfo: { postProcessing: { actionsRan } } },
      }).sanitized;
    expect(ran('Sanitized | PAscript')).toBe(true);
    expect(ran('PAscript|sanitized')).toBe(true);
    expect(ran('PAscript')).toBe(false);
    expect(ran('')).toBe(false);
  });

  it('counts DLP hits over every rule and labels the verdict', () => {
    const value = summary({
      id: 'd',
      scanResult: {
        dlpInfo: {
          verdict: 1,
          hits: {
            ccn: { display_name: 'Credit Card Number', hits: [{ hit: 'x' }, { hit: 'y' }] },
            regex_1: { hits: [{ hit: 'z' }] },
            ssn: { hits: 'not an array' },
          },
        },
      },
    });
    expect(value.dlp).toEqual({ verdict: 1, label: 'Found Matched Data', hits: 3 });
  });

  it('reads the DLP fields nested in a second dlpInfo (Core’s OpenAPI schema), each where the outer lacks it', () => {
    const nested = { verdict: 1, hits: { ccn: { hits: [{ hit: 'x' }] } } };
    expect(summary({ id: 'n', scanResult: { dlpInfo: { dlpInfo: nested } } }).dlp).toEqual({
      verdict: 1,
      label: 'Found Matched Data',
      hits: 1,
    });
    const both = { verdict: 0, hits: {}, dlpInfo: nested };
    expect(summary({ id: 'o', scanResult: { dlpInfo: both } }).dlp).toEqual({
      verdict: 0,
      label: 'Clean',
      hits: 0,
    });
  });

  it('labels codes the tables do not know', () => {
    const value = summary({
      id: 'u',
      processingState: 9,
      scanResult: { scanResults: { scanAllResultI: 77 }, dlpInfo: { verdict: 12 } },
    });
    expect(value.state).toBe('unknown');
    expect(value.verdict).toEqual({ code: 77, label: 'Unknown (77)' });
    expect(value.dlp?.label).toBe('Unknown (12)');
  });

  it('gives absent or neutral fields for a record with only an id', () => {
    expect(summary({ id: 'bare' })).toEqual({
      id: 'bare',
      state: 'unknown',
      progress: {},
      done: false,
      decision: 'processing',
      engines: { total: 0, detected: 0 },
      threats: [],
      sanitized: false,
      vulnerabilities: { count: 0 },
    });
  });

  it.each([
    ['null everywhere', { id: null, progress: null, scanResult: null, processingState: null }],
    [
      'wrong types everywhere',
      {
        id: 7,
        name: ['a'],
        size: -5,
        progress: { upload: '100', scan: 250 },
        processingState: '2',
        scanResult: {
          scanResults: { scanDetails: [null, 3, 'x', { scanResultI: '1' }], totalAvs: 'many' },
          processInfo: { result: 42, postProcessing: 'Sanitized', blockedReason: {} },
          dlpInfo: { verdict: 1.5, hits: [] },
          fileInfo: 'none',
        },
      },
    ],
    ['scanResult as an array', { id: 'a', scanResult: [] }],
    ['an empty object', {}],
  ])('never throws, and stays valid, on %s', (_name, body) => {
    expect(() => summary(body)).not.toThrow();
  });
});

// Records shaped as the new evidence shows them (domain notes §8), built from the reference's.
// biome-ignore lint/suspicious/noExplicitAny: a test's stand-in for arbitrary JSON
type Json = any;
function referenceWith(change: (result: Json) => void): FileResult {
  const copy = structuredClone(reference) as Json;
  change(copy);
  return copy;
}
const inProgress = examples.InProgressResult.value as FileResult;

describe('summarize, on the evidence of domain notes §8', () => {
  it.each<[string, FileResult, Partial<ReturnType<typeof summarize>>]>([
    [
      'the reference’s own state-3 record is available (§8.1), not unknown',
      reference,
      { state: 'available', done: true, decision: 'allowed' },
    ],
    [
      'a state-2 record whose scan finished is available, with the scan’s decision',
      referenceWith((r) => {
        r.processingState = 2;
      }),
      { state: 'available', done: true, decision: 'allowed' },
    ],
    [
      'a state-2 record without a scan result is canceled, done, and not allowed',
      { id: 'c1', processingState: 2, progress: { upload: 100, scan: 0 } },
      { state: 'canceled', done: true, decision: 'unknown' },
    ],
    [
      'a state-2 record stopped at 50 % is canceled, even if its partial record says Allowed',
      referenceWith((r) => {
        r.processingState = 2;
        r.progress.scan = 50;
        r.scanResult.scanResults.progressPercentage = 50;
      }),
      { state: 'canceled', done: true, decision: 'unknown' },
    ],
    [
      'a canceled record that Core had already blocked stays blocked',
      {
        ...inProgress,
        processingState: 2,
        scanResult: { processInfo: { result: 'Blocked', progressPercentage: 40 } },
      },
      { state: 'canceled', done: true, decision: 'blocked' },
    ],
  ])('%s', (_name, record, expected) => {
    expect(summary(record)).toMatchObject(expected);
  });

  it('names a detection whose threatFound is null (MetaDefender Cloud, §8.5) by its code', () => {
    const value = summary(
      referenceWith((r) => {
        r.scanResult.scanResults.scanDetails[0] = {
          engineName: 'Ahnlab',
          scanResultI: 1,
          threatFound: null,
          scanTime: 10002.0,
          defTime: '2020-04-11T00:00:00.000z',
        };
        r.scanResult.scanResults.totalTime = 142.5;
      }),
    );
    expect(value.threats).toEqual([{ engine: 'Ahnlab', name: 'Infected' }]);
    expect(value.engines).toEqual({ total: 11, detected: 1 });
  });

  it('counts DLP hits whose severity is a string (Core v4, §8.4)', () => {
    const value = summary(
      referenceWith((r) => {
        r.scanResult.dlpInfo = {
          verdict: 1,
          hits: {
            ccn: { display_name: 'Credit Card Number', hits: [{ hit: 'X', severity: '0' }] },
          },
        };
      }),
    );
    expect(value.dlp).toEqual({ verdict: 1, label: 'Found Matched Data', hits: 1 });
  });

  it('does not count an entry that is not an engine (§8.8) as an engine or a detection', () => {
    const value = summary(
      referenceWith((r) => {
        r.scanResult.scanResults.totalAvs = 2;
        r.scanResult.scanResults.scanDetails = [
          { engineName: 'ClamAV', scanResultI: 1, threatFound: 'Eicar' },
          { progressPercentage: 100, scanResultI: 1 },
          100,
          { engId: 'eset_1_linux', scanResultI: 0, threatFound: '' },
          { engineName: 'K7', scanResultI: 0 },
        ];
      }),
    );
    expect(value.engines).toEqual({ total: 3, detected: 1 });
    expect(value.threats).toEqual([{ engine: 'ClamAV', name: 'Eicar' }]);
  });

  it.each([
    ['vulnerabilities', 'vulnerabilities'],
    ['vulnerabilites (Core’s own spelling, §8.7)', 'vulnerabilites'],
  ])('counts CVEs spelt %s, and names the highest severity', (_name, key) => {
    const value = summary(
      referenceWith((r) => {
        r.scanResult.vulnerabilityInfo = {
          result: {
            [key]: [
              { severity: 'MODERATE', severity_index: 3, details: { cve: 'CVE-1' } },
              { severity: 'CRITICAL', severity_index: 5, details: { cve: 'CVE-2' } },
              { severity: 'low', details: { cve: 'CVE-3' } },
            ],
          },
        };
      }),
    );
    expect(value.vulnerabilities).toEqual({ count: 3, highestSeverity: 'critical' });
  });

  it('counts both spellings when a record carries both, ranking words without an index', () => {
    const value = summary(
      referenceWith((r) => {
        r.scanResult.vulnerabilityInfo = {
          result: {
            vulnerabilities: [{ severity: 'low' }],
            vulnerabilites: [{ severity: 'Important' }, 'not a CVE'],
          },
        };
      }),
    );
    expect(value.vulnerabilities).toEqual({ count: 2, highestSeverity: 'important' });
  });

  it('gives the converted type of a sanitized file, and none for a file not sanitized', () => {
    const sanitized = referenceWith((r) => {
      r.scanResult.processInfo.postProcessing.actionsRan = 'Sanitized | PAscript';
      r.scanResult.processInfo.postProcessing.convertedTo = 'pdf';
      r.scanResult.processInfo.postProcessing.sanitizationDetails = { details: 'Removed macros' };
    });
    expect(summary(sanitized)).toMatchObject({ sanitized: true, convertedTo: 'pdf' });
    const notSanitized = referenceWith((r) => {
      r.scanResult.processInfo.postProcessing.convertedTo = 'pdf';
    });
    expect(summary(notSanitized)).not.toHaveProperty('convertedTo');
  });
});
