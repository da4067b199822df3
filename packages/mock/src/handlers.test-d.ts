import type { FileResult } from '@mdss-kit/contract';
import { describe, expectTypeOf, it } from 'vitest';
import { createMdssHandlers, type Respond } from './handlers.ts';
import { presets } from './presets.ts';
import { type Reply, scenario } from './scenarios.ts';

describe('the mock is typed from the contract', () => {
  it('takes only FileResults or scenarios as files', () => {
    createMdssHandlers({ files: { a: presets.clean(), b: scenario.notFound() } });
    // @ts-expect-error a file's id is a string
    createMdssHandlers({ files: { a: { id: 5 } } });
    // @ts-expect-error progress is an object of percentages
    createMdssHandlers({ files: { a: { id: 'a', progress: 100 } } });
  });

  it('takes only contract-shaped replies in scenarios', () => {
    scenario.sequence({ kind: 'error', status: 404, body: { a: 'Not Found' } }, presets.clean());
    // @ts-expect-error a result body is a FileResult
    scenario.sequence({ kind: 'result', body: { processingState: 2 } });
    // @ts-expect-error only the documented error statuses
    scenario.sequence({ kind: 'error', status: 418, body: {} });
    expectTypeOf<Extract<Reply, { kind: 'result' }>['body']>().toEqualTypeOf<FileResult>();
  });

  it('builds presets that are FileResults', () => {
    expectTypeOf(presets.infected()).toEqualTypeOf<FileResult>();
  });

  it('answers each status only with its own body, as the contract says', () => {
    const response = {} as Respond;
    response(200).json(presets.clean());
    response(404).json({ abc: 'Not Found' });
    // @ts-expect-error a 200 carries a FileResult, never an error body
    response(200).json({ err: 'Server is temporarily unavailable' });
    // @ts-expect-error an error body is a JSON object
    response(404).json('Not Found');
    // @ts-expect-error only the statuses the contract documents
    response(418);
  });
});
