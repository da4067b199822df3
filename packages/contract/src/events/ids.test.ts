import { describe, expect, it } from 'vitest';
import { summarize } from '../summarize.ts';
import { proxyContract } from '../validate.ts';
import { isProblemEventId, problemEventId, summaryEventId, validatorOf } from './ids.ts';
import { eventIdOf } from './last-event-id.ts';

const summary = (scan: number) =>
  JSON.stringify(summarize({ id: 'f', processingState: 0, progress: { upload: 100, scan } }));

describe("an event's id", () => {
  it('names a summary by its content: the same summary, the same id; another, another', () => {
    expect(summaryEventId(summary(40))).toBe(summaryEventId(summary(40)));
    expect(summaryEventId(summary(40))).not.toBe(summaryEventId(summary(41)));
    expect(summaryEventId(summary(40))).toBe(summaryEventId(new TextEncoder().encode(summary(40))));
  });

  // Ids and entity tags outlive a process: clients send them back (Last-Event-ID, If-None-Match),
  // and the instances of a fleet in the middle of an upgrade must agree on them. These are the
  // values of the first release's hash, over short input and a body long enough that V8
  // optimizes the loop while it runs.
  it.each([
    ['', '0-wvjl67o803'],
    ['a', '1-262p94epp1d'],
    ['{"done":true}', 'd-cci5e2u9ma'],
    [
      JSON.stringify({
        id: 'f',
        processingState: 0,
        progress: { upload: 100, scan: 40 },
        pad: 'é'.repeat(1500),
      }),
      '2df-1qgoqudfxnm',
    ],
  ])('keeps the validator earlier versions gave %#', (text, validator) => {
    expect(validatorOf(new TextEncoder().encode(text))).toBe(validator);
  });

  it("is one of the contract's EventIds, for a summary and for a problem", () => {
    for (const id of [summaryEventId(summary(1)), problemEventId(404), problemEventId(502)]) {
      proxyContract.assertSchema('EventId', id);
      expect(eventIdOf(id)).toBe(id);
    }
  });

  it('tells a final problem apart, and no summary passes for one', () => {
    expect(isProblemEventId(problemEventId(401))).toBe(true);
    expect(isProblemEventId(summaryEventId(summary(1)))).toBe(false);
  });

  it.each(['', ' ', 'UPPER', 'a\nb', 'a\rb', 'x'.repeat(65), '1; drop'])(
    'reads %j as no Last-Event-ID',
    (header) => {
      expect(eventIdOf(header)).toBeUndefined();
    },
  );
});
