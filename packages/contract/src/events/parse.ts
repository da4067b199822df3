// Server-sent events read back on eventsource-parser (WHATWG HTML §9.2.6: a BOM, CRLF, CR or LF,
// comments, `retry:`, multi-line `data`), the one way every reader of a stream here reads one.
import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** One dispatched event: `data` is its lines joined with LF. */
export type EventMessage = EventSourceMessage;

export interface EventCallbacks {
  onEvent(message: EventMessage): void;
  /** A `retry:` field: the reconnection delay the server asks for, in ms. */
  onRetry?: ((ms: number) => void) | undefined;
  /** A comment line (a heartbeat), without its colon. */
  onComment?: ((text: string) => void) | undefined;
}

export interface EventParser {
  /** Reads the next chunk of a body: UTF-8 bytes (a character may straddle two chunks), or text. */
  feed(chunk: Uint8Array | string): void;
}

export function createEventParser({ onEvent, onRetry, onComment }: EventCallbacks): EventParser {
  const parser = createParser({ onEvent, onRetry, onComment });
  const decoder = new TextDecoder();
  return {
    feed: (chunk) =>
      parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })),
  };
}

export interface ReadOptions extends Omit<EventCallbacks, 'onEvent'> {
  /** Stops reading: the body is cancelled and the loop ends, as if the body had. */
  signal?: AbortSignal | undefined;
}

/**
 * The events of a body as they arrive, until it ends (an event cut off by the end is dropped, as
 * §9.2.6 says); a body that fails throws its error. Leaving the loop early cancels the body.
 */
export async function* eventsOf(
  body: ReadableStream<Uint8Array>,
  { signal, ...callbacks }: ReadOptions = {},
): AsyncGenerator<EventMessage, void, undefined> {
  const arrived: EventMessage[] = [];
  const parser = createEventParser({ ...callbacks, onEvent: (message) => arrived.push(message) });
  const reader = body.getReader();
  // Not awaited: the reading side is done either way, and a source may be slow to hear it.
  const cancel = () => void reader.cancel().catch(() => {});
  if (signal?.aborted) cancel();
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.feed(value);
      yield* arrived.splice(0);
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
    cancel();
  }
}
