import { describe, expect, it } from 'vitest';
import mdss from './generated/mdss.openapi.json' with { type: 'json' };
import { isCanceled, isFullyProcessed, isTerminal } from './is-terminal.ts';
import type { FileResult } from './types.ts';

const examples = mdss.components.examples;
const reference = examples.ReferenceResult.value as FileResult;
const inProgress = examples.InProgressResult.value as FileResult;
const failed = examples.FailedResult.value as FileResult;

const withState = (result: FileResult, processingState: number | undefined): FileResult => {
  const { processingState: _, ...rest } = structuredClone(result);
  return processingState === undefined ? rest : { ...rest, processingState };
};

describe('isTerminal', () => {
  it('is true for state 2 (Available) and state 1 (Failed), whatever the progress says', () => {
    expect(isTerminal(withState(inProgress, 2))).toBe(true);
    expect(isTerminal(failed)).toBe(true);
  });

  it('is false for state 0 (In Progress), even when every figure says 100', () => {
    expect(isTerminal(withState(reference, 0))).toBe(false);
    expect(isTerminal(inProgress)).toBe(false);
  });

  it('treats the reference’s state 3 record (all figures 100, Allowed) as done', () => {
    expect(reference.processingState).toBe(3);
    expect(isTerminal(reference)).toBe(true);
  });

  it('treats state 3 (Available in MDSS’s file API table) as done, and 2 whether canceled or not', () => {
    expect(isTerminal(withState(inProgress, 3))).toBe(true);
    const { scanResult: _, ...canceled } = withState(inProgress, 2);
    expect(isTerminal(canceled)).toBe(true);
    expect(isCanceled(canceled)).toBe(true);
    expect(isCanceled(withState(inProgress, 2))).toBe(true);
    expect(isCanceled(withState(reference, 2))).toBe(false);
    expect(isCanceled(reference)).toBe(false);
    expect(isCanceled(withState(inProgress, 0))).toBe(false);
  });

  it('keeps polling an unknown state while any figure is below 100', () => {
    const partial = withState(inProgress, 4);
    expect(isTerminal(partial)).toBe(false);
    expect(isTerminal({ ...withState(reference, 9), progress: { upload: 100, scan: 99 } })).toBe(
      false,
    );
  });

  it('judges a record without processingState by its figures, like an unknown state', () => {
    expect(isTerminal(withState(reference, undefined))).toBe(true);
    expect(isTerminal({ id: 'a' })).toBe(false);
  });

  it('keeps polling an unknown state with no progress or no scanResult', () => {
    const { scanResult: _, ...noScan } = withState(reference, 4);
    expect(isTerminal(noScan)).toBe(false);
    const { progress: __, ...noProgress } = withState(reference, 4);
    expect(isTerminal(noProgress)).toBe(false);
  });

  it('keeps polling an unknown state whose scan still says Processing, 255 or below 100 %', () => {
    const base = withState(reference, 5);
    const scan = base.scanResult ?? {};
    const variants: FileResult[] = [
      {
        ...base,
        scanResult: { ...scan, processInfo: { ...scan.processInfo, result: 'Processing' } },
      },
      {
        ...base,
        scanResult: { ...scan, scanResults: { ...scan.scanResults, scanAllResultI: 255 } },
      },
      {
        ...base,
        scanResult: { ...scan, scanResults: { ...scan.scanResults, progressPercentage: 90 } },
      },
      {
        ...base,
        scanResult: { ...scan, processInfo: { ...scan.processInfo, progressPercentage: 80 } },
      },
    ];
    for (const variant of variants) expect(isFullyProcessed(variant)).toBe(false);
    for (const variant of variants) expect(isTerminal(variant)).toBe(false);
  });

  it('accepts an unknown state whose Core percentages are simply absent', () => {
    const base = withState(reference, 6);
    const scan = base.scanResult ?? {};
    expect(
      isTerminal({
        ...base,
        scanResult: { processInfo: { result: scan.processInfo?.result ?? '' } },
      }),
    ).toBe(true);
  });
});
