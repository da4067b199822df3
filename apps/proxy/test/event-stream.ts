// Reads a proxy's event stream in tests: every event parsed (eventsource-parser, as the client
// does) and its `data` checked against the contract's FileEvent, as it arrives.
import { proxyContract } from '@mdss-kit/contract/validate';
import { createParser } from 'eventsource-parser';

export interface ReadEvent {
  id: string;
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: a test's view of a contract-checked event
  data: any;
}

export interface EventReader {
  events: ReadEvent[];
  /** Resolves when the stream has ended (the server closed it). */
  ended: Promise<void>;
  /** Resolves once `count` events have arrived. */
  until(count: number): Promise<ReadEvent[]>;
  cancel(): Promise<void>;
}

export function readEvents(response: Response): EventReader {
  const events: ReadEvent[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const parser = createParser({
    onEvent({ id, event, data }) {
      const wire = { id: id ?? '', event: event ?? 'message', data };
      proxyContract.assertSchema('FileEvent', wire);
      events.push({ ...wire, data: JSON.parse(data) });
      for (const wait of waiting.filter((w) => events.length >= w.count)) wait.resolve();
    },
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.feed(decoder.decode(value, { stream: true }));
    }
  })();
  return {
    events,
    ended,
    until: (count) =>
      events.length >= count
        ? Promise.resolve(events)
        : new Promise((resolve) => waiting.push({ count, resolve: () => resolve(events) })),
    cancel: () => reader.cancel().catch(() => {}),
  };
}
