import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, readBounded } from './read-bounded.ts';

const bytes = (...values: number[]) => new Uint8Array(values);

/** A web stream of `chunks`, counting what was pulled and whether it was cancelled. */
function observed(chunks: Iterable<Uint8Array>, cancel: () => Promise<void> = async () => {}) {
  const source = chunks[Symbol.iterator]();
  const seen = { pulls: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      seen.pulls++;
      const next = source.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel() {
      seen.cancelled = true;
      return cancel();
    },
  });
  return { stream, seen };
}

function* endless(): Generator<Uint8Array> {
  for (;;) yield new Uint8Array(1000);
}

describe('readBounded', () => {
  it('joins a stream’s chunks into one buffer of its own', async () => {
    // Views of a larger buffer, as a socket's reads are.
    const shared = bytes(9, 1, 2, 3, 4, 5, 9);
    const result = await readBounded(
      observed([shared.subarray(1, 3), shared.subarray(3, 6)]).stream,
      100,
    );
    expect(result).toEqual(bytes(1, 2, 3, 4, 5));
    expect(result.buffer).not.toBe(shared.buffer);
    expect(result.buffer.byteLength).toBe(5);
  });

  it('reads no body, or an empty one, as no bytes', async () => {
    expect(await readBounded(null, 0)).toEqual(new Uint8Array());
    expect(await readBounded(observed([]).stream, 0)).toEqual(new Uint8Array());
  });

  it('accepts exactly maxBytes and refuses one byte more with BodyTooLargeError', async () => {
    expect(await readBounded(observed([bytes(1, 2), bytes(3)]).stream, 3)).toEqual(bytes(1, 2, 3));
    const error = await readBounded(observed([bytes(1, 2), bytes(3, 4)]).stream, 3).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect(error).toMatchObject({ maxBytes: 3, message: 'The body is larger than 3 bytes.' });
  });

  it('stops reading an endless body at the limit and cancels it', async () => {
    const { stream, seen } = observed(endless());
    await expect(readBounded(stream, 10_000)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(seen.cancelled).toBe(true);
    // The 11th chunk passes the limit; at most the stream's one-chunk read-ahead follows it.
    expect(seen.pulls).toBeLessThanOrEqual(12);
  });

  it('does not wait for a cancel that never settles', async () => {
    const { stream, seen } = observed(endless(), () => new Promise(() => {}));
    await expect(readBounded(stream, 5000)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(seen.cancelled).toBe(true);
  });

  it('passes on the error of a body that fails mid-read', async () => {
    const failing = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes(1));
        controller.error(new TypeError('terminated'));
      },
    });
    await expect(readBounded(failing, 100)).rejects.toThrow('terminated');
  });

  it('reads any async iterable of chunks, such as a Node stream, and closes it at the limit', async () => {
    expect(await readBounded(Readable.from([bytes(1), bytes(2, 3)]), 3)).toEqual(bytes(1, 2, 3));
    const source = Readable.from(endless());
    await expect(readBounded(source, 5000)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(source.destroyed).toBe(true);
  });
});
