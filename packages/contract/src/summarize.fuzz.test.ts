import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTerminal } from './is-terminal.ts';
import { summarize } from './summarize.ts';
import type { FileResult } from './types.ts';
import { proxyContract } from './validate.ts';

// Bounded runs with a fixed seed: the same cases on every run. A seed that ever fails is kept
// below as its own case.
const runs = { numRuns: 400, seed: 20261124 };

/** Any JSON object, weighted towards the shapes and names the real API uses. */
const anyObject = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(
      null,
      true,
      false,
      0,
      1,
      2,
      3,
      100,
      255,
      -1,
      1.5,
      '',
      'Allowed',
      'Blocked',
      'Processing',
      'Sanitized | PAscript',
    ),
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.array(tie('value'), { maxLength: 4 }),
    tie('object'),
  ),
  object: fc.dictionary(
    fc.oneof(
      fc.constantFrom(
        'id',
        'name',
        'size',
        'processingState',
        'progress',
        'upload',
        'scan',
        'scanResult',
        'scanResults',
        'scanDetails',
        'scanAllResultI',
        'scanResultI',
        'threatFound',
        'engineName',
        'totalAvs',
        'processInfo',
        'result',
        'blockedReason',
        'postProcessing',
        'actionsRan',
        'dlpInfo',
        'verdict',
        'hits',
        'fileInfo',
        'sha256',
        'exceptionDetails',
        'progressPercentage',
      ),
      fc.string(),
    ),
    tie('value'),
    { maxKeys: 8 },
  ),
})).object;

describe('summarize over any JSON object', () => {
  it('never throws, and always gives a summary valid against the proxy contract', () => {
    fc.assert(
      fc.property(anyObject, (value) => {
        const summary = summarize(value as FileResult);
        expect(proxyContract.schemaErrors('FileSummary', summary)).toEqual([]);
        expect(summary.done).toBe(isTerminal(value as FileResult));
      }),
      runs,
    );
  });

  it('never throws on objects whose every known field has the wrong type', () => {
    const wrong = fc.oneof(
      fc.constant(null),
      fc.string(),
      fc.integer(),
      fc.array(fc.integer()),
      fc.constant({}),
    );
    const nested = fc.record({
      id: wrong,
      processingState: wrong,
      progress: fc.oneof(wrong, fc.record({ upload: wrong, scan: wrong })),
      scanResult: fc.oneof(
        wrong,
        fc.record({
          scanResults: fc.oneof(
            wrong,
            fc.record({
              scanDetails: fc.oneof(wrong, fc.array(wrong)),
              scanAllResultI: wrong,
              totalAvs: wrong,
            }),
          ),
          processInfo: fc.oneof(
            wrong,
            fc.record({ result: wrong, postProcessing: wrong, blockedReason: wrong }),
          ),
          dlpInfo: fc.oneof(
            wrong,
            fc.record({ verdict: wrong, hits: fc.oneof(wrong, fc.dictionary(fc.string(), wrong)) }),
          ),
        }),
      ),
    });
    fc.assert(
      fc.property(nested, (value) => {
        expect(
          proxyContract.schemaErrors('FileSummary', summarize(value as unknown as FileResult)),
        ).toEqual([]);
      }),
      runs,
    );
  });
});
