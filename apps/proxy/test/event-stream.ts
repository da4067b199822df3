// Reads a proxy's event stream in tests: every event parsed (the contract's reader, as the client
// reads it) and checked against the contract's FileEvent, as it arrives.
import { eventsOf } from '@mdss-kit/contract/events';
import { proxyContract } from '@mdss-kit/contract/validate';

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
  const stop = new AbortController();
  const body = response.body as ReadableStream<Uint8Array>;
  const ended = (async () => {
    for await (const { id, event, data } of eventsOf(body, { signal: stop.signal })) {
      const wire = { id: id ?? '', event: event ?? 'message', data };
      proxyContract.assertSchema('FileEvent', wire);
      events.push({ ...wire, data: JSON.parse(data) });
      for (const wait of waiting.filter((w) => events.length >= w.count)) wait.resolve();
    }
  })();
  return {
    events,
    ended,
    until: (count) =>
      events.length >= count
        ? Promise.resolve(events)
        : new Promise((resolve) => waiting.push({ count, resolve: () => resolve(events) })),
    cancel: async () => stop.abort(),
  };
}
