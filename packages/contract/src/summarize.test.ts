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
      state: 'unknown',
      processingState: 3,
      progress: { upload: 100, scan: 100 },
      done: true,
      decision: 'allowed',
      verdict: { code: 0, label: 'No Threat Detected' },
      engines: { total: 11, detected: 0 },
      threats: [],
      sanitized: false,
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
