import { type FileResult, isTerminal, ProcessingState } from '@mdss-kit/contract';
import { mdssContract } from '@mdss-kit/contract/validate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFileResult } from './build-file-result.ts';

const valid = (result: FileResult) => {
  mdssContract.assertSchema('FileResult', result);
  return result;
};

describe('buildFileResult', () => {
  it('gives the same output for the same input, byte for byte', () => {
    const override = { name: 'a.txt', processingState: 2 };
    expect(JSON.stringify(buildFileResult(override))).toBe(
      JSON.stringify(buildFileResult(override)),
    );
    expect(JSON.stringify(buildFileResult({}, { seed: 7 }))).toBe(
      JSON.stringify(buildFileResult({}, { seed: 7 })),
    );
  });

  it('varies ids, hashes and sizes with the seed', () => {
    const [a, b] = [buildFileResult({}, { seed: 1 }), buildFileResult({}, { seed: 2 })];
    expect(a.id).not.toBe(b.id);
    expect(a.scanResult?.fileInfo?.sha256).not.toBe(b.scanResult?.fileInfo?.sha256);
    expect(a.size).not.toBe(b.size);
  });

  it('is complete and consistent by default: a finished, clean, allowed file', () => {
    const result = valid(buildFileResult());
    const scan = result.scanResult;
    expect(result).toMatchObject({
      processingState: ProcessingState.Available,
      progress: { upload: 100, scan: 100 },
    });
    expect(result.id).toMatch(/^[0-9a-f]{24}$/);
    expect(scan?.scanResults?.totalAvs).toBe(scan?.scanResults?.scanDetails?.length);
    expect(scan?.scanResults?.progressPercentage).toBe(100);
    expect(scan?.scanResults?.dataId).toBe(scan?.dataId);
    expect(scan?.fileInfo?.fileSize).toBe(result.size);
    expect(scan?.fileInfo?.md5).toBe(result.hash);
    expect(scan?.fileInfo?.displayName).toBe(result.name);
    expect(Date.parse(result.uploadCompleted ?? '') - Date.parse(result.created ?? '')).toBe(
      result.uploadTimeSpanMs,
    );
    expect(scan?.fileInfo?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(scan?.processInfo?.result).toBe('Allowed');
    expect(isTerminal(result)).toBe(true);
  });

  it('derives the verdict, decision and engine count from the engines given', () => {
    const result = valid(
      buildFileResult({
        scanResult: {
          scanResults: {
            scanDetails: [
              { engineName: 'ClamAV', scanResultI: 1, threatFound: 'Eicar-Test-Signature' },
              { engineName: 'ESET', scanResultI: 0 },
            ],
          },
        },
      }),
    );
    const scan = result.scanResult;
    expect(scan?.scanResults?.totalAvs).toBe(2);
    expect(scan?.scanResults?.scanAllResultI).toBe(1);
    expect(scan?.scanResults?.scanAllResultA).toBe('Infected');
    expect(scan?.processInfo).toMatchObject({ result: 'Blocked', blockedReason: 'Infected' });
    expect(scan?.scanResults?.scanDetails?.[0]).toMatchObject({
      engineName: 'ClamAV',
      engId: 'clamav_1_linux',
      threatFound: 'Eicar-Test-Signature',
    });
  });

  it('lets every explicit field win, even against consistency', () => {
    const result = buildFileResult({
      scanResult: { scanResults: { totalAvs: 11 } },
      id: 'fixed',
      size: 5,
    });
    expect(result.scanResult?.scanResults?.totalAvs).toBe(11);
    expect(result.id).toBe('fixed');
    expect(result.scanResult?.fileInfo?.fileSize).toBe(5);
  });

  it('builds a file in progress: engines that are done, 255, Processing, not terminal', () => {
    const result = valid(
      buildFileResult({ processingState: 0, progress: { upload: 100, scan: 50 } }),
    );
    const scan = result.scanResult;
    expect(scan?.scanResults?.scanDetails).toHaveLength(2);
    expect(scan?.scanResults?.totalAvs).toBe(4);
    expect(scan?.scanResults?.scanAllResultI).toBe(255);
    expect(scan?.processInfo?.result).toBe('Processing');
    expect(isTerminal(result)).toBe(false);
  });

  it('builds a file still uploading without a scan result, and a failed one with its details', () => {
    const uploading = valid(buildFileResult({ processingState: 0, progress: { upload: 40 } }));
    expect(uploading.scanResult).toBeUndefined();
    expect(uploading.uploadCompleted).toBeUndefined();
    const failed = valid(buildFileResult({ processingState: 1 }));
    expect(failed.exceptionDetails).toMatch(/Failed to download/);
    expect(failed.scanResult).toBeUndefined();
    expect(isTerminal(failed)).toBe(true);
  });
});

describe('any builder output validates against the contract', () => {
  const percent = fc.integer({ min: 0, max: 100 });
  const engine = fc.record(
    {
      engineName: fc.string({ minLength: 1, maxLength: 12 }),
      scanResultI: fc.constantFrom(0, 1, 2, 3, 10, 19, 22, 23, 42),
      threatFound: fc.string({ maxLength: 20 }),
    },
    { requiredKeys: ['engineName'] },
  );
  const override = fc.record(
    {
      processingState: fc.integer({ min: 0, max: 5 }),
      progress: fc.record({ upload: percent, scan: percent }, { requiredKeys: [] }),
      name: fc.string({ maxLength: 30 }),
      size: fc.integer({ min: 0, max: 2 ** 40 }),
      scanResult: fc.record(
        {
          scanResults: fc.record(
            { scanDetails: fc.array(engine, { maxLength: 12 }) },
            { requiredKeys: [] },
          ),
          dlpInfo: fc.record({ verdict: fc.integer({ min: 0, max: 4 }) }),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );

  it('over many seeds and overrides (fixed seed, bounded runs)', () => {
    fc.assert(
      fc.property(override, fc.integer({ min: 0, max: 2 ** 31 }), (o, seed) => {
        const result = buildFileResult(o, { seed });
        expect(mdssContract.schemaErrors('FileResult', result)).toEqual([]);
        expect(JSON.stringify(buildFileResult(o, { seed }))).toBe(JSON.stringify(result));
      }),
      { numRuns: 300, seed: 20261124 },
    );
  });
});
