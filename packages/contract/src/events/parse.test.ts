import { describe, expect, it } from 'vitest';
import { fileEventOf, isFileEventName } from './file-event.ts';
import { formatComment, formatEvent } from './format.ts';
import { createEventParser, type EventMessage, eventsOf } from './parse.ts';

const encoder = new TextEncoder();

/** A body of these chunks, in order; then it ends, or fails with `failure`. */
function bodyOf(chunks: (string | Uint8Array)[], failure?: Error) {
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks.shift();
      if (chunk !== undefined)
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      else if (failure) controller.error(failure);
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { body, cancelled: () => cancelled };
}

async function collect(body: ReadableStream<Uint8Array>) {
  const messages: EventMessage[] = [];
  const retries: number[] = [];
  const comments: string[] = [];
  const callbacks = {
    onRetry: (ms: number) => retries.push(ms),
    onComment: comments.push.bind(comments),
  };
  for await (const message of eventsOf(body, callbacks)) messages.push(message);
  return { messages, retries, comments };
}

describe('eventsOf', () => {
  it('reads back what formatEvent and formatComment wrote: events, retry and heartbeats', async () => {
    const { body } = bodyOf([
      formatEvent({ retry: 1000 }),
      formatEvent({ id: 'a1', event: 'progress', data: '{"n":1}' }),
      formatComment('heartbeat'),
      formatEvent({ id: 'a2', event: 'done', data: 'line one\nline two' }),
    ]);
    expect(await collect(body)).toEqual({
      messages: [
        { id: 'a1', event: 'progress', data: '{"n":1}' },
        { id: 'a2', event: 'done', data: 'line one\nline two' },
      ],
      retries: [1000],
      comments: ['heartbeat'],
    });
  });

  it("reads another server's CRLF framing and BOM, and chunks cut anywhere, inside a character too", async () => {
    const bytes = encoder.encode('\uFEFFid: 1\r\nevent: progress\r\ndata: {"name":"é€😀"}\r\n\r\n');
    const { body } = bodyOf([...bytes].map((byte) => Uint8Array.of(byte)));
    expect((await collect(body)).messages).toEqual([
      { id: '1', event: 'progress', data: '{"name":"é€😀"}' },
    ]);
  });

  it('drops an event the end of the body cut off', async () => {
    const { body } = bodyOf([formatEvent({ id: '1', data: 'x' }), 'id: 2\ndata: y\n']);
    expect((await collect(body)).messages).toEqual([{ id: '1', data: 'x' }]);
  });

  it("throws the body's failure after the events before it", async () => {
    const { body } = bodyOf([formatEvent({ id: '1', data: 'x' })], new TypeError('cut'));
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const message of eventsOf(body)) seen.push(message.data);
      })(),
    ).rejects.toThrow('cut');
    expect(seen).toEqual(['x']);
  });

  it('ends, cancelling the body, when its signal aborts while it waits', async () => {
    const stop = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(encoder.encode(formatEvent({ data: 'x' }))),
    });
    const seen: string[] = [];
    for await (const message of eventsOf(body, { signal: stop.signal })) {
      seen.push(message.data);
      stop.abort();
    }
    expect(seen).toEqual(['x']);
  });

  it('cancels the body when the loop is left early', async () => {
    const { body, cancelled } = bodyOf([formatEvent({ data: 'x' }), formatEvent({ data: 'y' })]);
    for await (const _ of eventsOf(body)) break;
    expect(cancelled()).toBe(true);
  });
});

describe('createEventParser', () => {
  it('reads text and bytes alike', () => {
    const messages: EventMessage[] = [];
    const parser = createEventParser({ onEvent: (message) => messages.push(message) });
    parser.feed('data: a');
    parser.feed(encoder.encode('\n\n'));
    expect(messages).toEqual([{ data: 'a' }]);
  });
});

describe('fileEventOf', () => {
  it("reads a message as one of the contract's events", () => {
    expect(fileEventOf({ id: 'x', event: 'problem', data: '{}' })).toEqual({
      id: 'x',
      event: 'problem',
      data: '{}',
    });
  });

  it('skips other names and messages without an id', () => {
    expect(fileEventOf({ id: 'x', event: 'message', data: '{}' })).toBeUndefined();
    expect(fileEventOf({ event: 'done', data: '{}' })).toBeUndefined();
    expect(isFileEventName(undefined)).toBe(false);
  });
});
