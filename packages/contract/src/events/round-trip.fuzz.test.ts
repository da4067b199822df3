import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEvent } from './format.ts';
import { createEventParser, type EventMessage } from './parse.ts';

// Bounded runs with a fixed seed: the same cases on every run.
const runs = { numRuns: 300, seed: 20261125 };

/** Text of any characters, line ends of every spelling among them. */
const text = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.constantFrom('\r\n', '\r', '\n', ' ', ':', 'data: x'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));
/** A value `formatEvent` frames on one line: no CR, LF or NUL. */
const lineValue = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 16 })
  .filter((value) => !/[\r\n\0]/.test(value));
/** Byte offsets at which the wire is cut into chunks (inside a character too). */
const cuts = fc.array(fc.nat(), { maxLength: 6 });

/** What a client reads from `bytes` fed in the chunks `at` cuts them into. */
function parsed(bytes: Uint8Array, at: number[]): EventMessage[] {
  const messages: EventMessage[] = [];
  const parser = createEventParser({ onEvent: (message) => messages.push(message) });
  const offsets = [...new Set(at.map((n) => n % (bytes.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const to of [...offsets, bytes.length]) {
    parser.feed(bytes.subarray(from, to));
    from = to;
  }
  return messages;
}

describe('an event framed and parsed back', () => {
  it('is the same event, its data with every line end read as LF', () => {
    fc.assert(
      fc.property(lineValue, lineValue, text, cuts, (id, event, data, at) => {
        const wire = new TextEncoder().encode(formatEvent({ retry: 5, id, event, data }));
        expect(parsed(wire, at)).toEqual([{ id, event, data: data.replace(/\r\n?/g, '\n') }]);
      }),
      runs,
    );
  });

  it('is as many events as were framed, whatever their data held', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), cuts, (datas, at) => {
        const wire = datas.map((data, n) => formatEvent({ id: String(n), data })).join('');
        const read = parsed(new TextEncoder().encode(wire), at);
        expect(read.map((message) => message.id)).toEqual(datas.map((_, n) => String(n)));
      }),
      runs,
    );
  });
});
