// Reads one server-sent-events body with the contract's parser (WHATWG HTML §9.2 framing, BOM,
// CR/LF, comments, `retry:`), no event larger than the client accepts, until the handler says
// stop, the body ends, the signal aborts (with the signal's reason), or the body goes silent
// for longer than its heartbeats allow (a connection dropped without a word, as NAT and
// proxies do).
import { createEventParser, type EventMessage } from '@mdss-kit/contract/events';
import type { Clock } from './clock.ts';
import { MdssError } from './mdss-error.ts';

export interface ReadLimits {
  /** The largest event, in bytes. */
  maxEventBytes: number;
  /** The longest silence, in ms: then the stream counts as cut. */
  idleMs: number;
  clock: Clock;
}

export interface EventHandlers {
  /** An event; returning true stops reading (the body is cancelled). */
  onEvent: (message: EventMessage) => boolean;
  onRetry: (ms: number) => void;
}

/** Resolves true when the handler stopped, false when the body ended first. */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  { maxEventBytes, idleMs, clock }: ReadLimits,
  handlers: EventHandlers,
  signal: AbortSignal,
): Promise<boolean> {
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', cancel, { once: true });
  let silent = false;
  const onSilence = () => {
    silent = true;
    cancel();
  };
  let idle = clock.setTimeout(onSilence, idleMs);
  let stopped = false;
  // Bytes since the last complete event or comment: one event may not grow without bound.
  let pending = 0;
  const parser = createEventParser({
    onEvent: (message) => {
      pending = 0;
      stopped ||= handlers.onEvent(message);
    },
    onComment: () => {
      pending = 0;
    },
    onRetry: handlers.onRetry,
  });
  try {
    while (!stopped) {
      const { done, value } = await reader.read();
      if (done) break;
      clock.clearTimeout(idle);
      idle = clock.setTimeout(onSilence, idleMs);
      pending += value.byteLength;
      if (pending > maxEventBytes) {
        throw new MdssError('invalid_response', `An event is larger than ${maxEventBytes} bytes.`);
      }
      parser.feed(value);
    }
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    if (error instanceof MdssError) throw error;
    throw new MdssError('network', 'The event stream was cut.', { cause: error });
  } finally {
    clock.clearTimeout(idle);
    signal.removeEventListener('abort', cancel);
    cancel();
  }
  if (signal.aborted) throw signal.reason;
  if (silent) throw new MdssError('network', `The event stream was silent for ${idleMs} ms.`);
  return stopped;
}
