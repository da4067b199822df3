import { describe, expect, it } from 'vitest';
import { summarize } from '../summarize.ts';
import { proxyContract } from '../validate.ts';
import { isProblemEventId, problemEventId, summaryEventId } from './ids.ts';
import { eventIdOf } from './last-event-id.ts';

const summary = (scan: number) =>
  JSON.stringify(summarize({ id: 'f', processingState: 0, progress: { upload: 100, scan } }));

describe("an event's id", () => {
  it('names a summary by its content: the same summary, the same id; another, another', () => {
    expect(summaryEventId(summary(40))).toBe(summaryEventId(summary(40)));
    expect(summaryEventId(summary(40))).not.toBe(summaryEventId(summary(41)));
    expect(summaryEventId(summary(40))).toBe(summaryEventId(new TextEncoder().encode(summary(40))));
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
