// Reads one server-sent-events body with eventsource-parser (WHATWG HTML §9.2 framing, BOM,
// CR/LF, comments, `retry:`), no event larger than the client accepts, until the handler says
// stop, the body ends, or the signal aborts (with the signal's reason).
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { MdssError } from './mdss-error.ts';

export interface EventHandlers {
  /** An event; returning true stops reading (the body is cancelled). */
  onEvent: (message: EventSourceMessage) => boolean;
  onRetry: (ms: number) => void;
}

/** Resolves true when the handler stopped, false when the body ended first. */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  maxEventBytes: number,
  handlers: EventHandlers,
  signal: AbortSignal,
): Promise<boolean> {
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', cancel, { once: true });
  let stopped = false;
  // Bytes since the last complete event or comment: one event may not grow without bound.
  let pending = 0;
  const parser = createParser({
    onEvent: (message) => {
      pending = 0;
      stopped ||= handlers.onEvent(message);
    },
    onComment: () => {
      pending = 0;
    },
    onRetry: handlers.onRetry,
  });
  const decoder = new TextDecoder();
  try {
    while (!stopped) {
      const { done, value } = await reader.read();
      if (done) break;
      pending += value.byteLength;
      if (pending > maxEventBytes) {
        throw new MdssError('invalid_response', `An event is larger than ${maxEventBytes} bytes.`);
      }
      parser.feed(decoder.decode(value, { stream: true }));
    }
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    if (error instanceof MdssError) throw error;
    throw new MdssError('network', 'The event stream was cut.', { cause: error });
  } finally {
    signal.removeEventListener('abort', cancel);
    cancel();
  }
  if (signal.aborted) throw signal.reason;
  return stopped;
}
