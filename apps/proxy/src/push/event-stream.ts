// The body of one event stream: `retry:` at once, a heartbeat now and then, the subscription's
// events, and its end. What a client that stops reading costs is bounded: one chunk queued and,
// per file of the stream, the latest event it has not accepted (a newer progress event replaces
// an older one of the same file; a final one is the last and is never lost), and once it has
// accepted nothing for `stallMs` the stream is cut, which closes its connection.

import { formatComment, formatEvent } from '@mdss-kit/contract/events';
import type { FileEventOut } from './file-event.ts';
import type { Subscriber } from './file-watches.ts';

/** What a stream's subscription is given: `send` takes the file (`slot`) an event is about. */
export interface StreamSubscriber extends Omit<Subscriber, 'after' | 'send'> {
  send(event: FileEventOut, slot?: string): void;
}

export interface StreamTiming {
  /** When the stream ends without a final event (the client reconnects with Last-Event-ID). */
  lifetimeMs: number;
  /** Between heartbeat comments. */
  heartbeatMs: number;
  /** How long a client may accept nothing before the stream is cut. */
  stallMs: number;
}

/** The reconnection delay the stream asks of its client (`retry:`). */
const RETRY_MS = 1000;

const encoder = new TextEncoder();
// The `retry:` line opens the first event's block and the heartbeat is a comment line, neither
// with a blank line of its own (the contract's framing).
const RETRY = encoder.encode(formatEvent({ retry: RETRY_MS }));
const HEARTBEAT = encoder.encode(formatComment('heartbeat'));

/**
 * An event as written, given the file (`slot`) it is about, at the moment it is written: a
 * multi-file stream's id names what the client has of every file once it has this event.
 */
export type Render = (event: FileEventOut, slot: string) => FileEventOut;
const asIs: Render = (event) => event;

/**
 * What a reader that stops reading may hold back: one chunk queued and the latest event it has not
 * accepted. `close` gives the stream's place back; `end` writes the final event when it is taken.
 */
function createOutbox(
  controller: ReadableStreamDefaultController<Uint8Array>,
  { stallMs, render }: { stallMs: number; render: Render },
  close: () => void,
) {
  /** Per file, the latest event not yet taken, in the order the files first waited. */
  const waiting = new Map<string, FileEventOut>();
  let ending = false;
  let stall: ReturnType<typeof setTimeout> | undefined;
  const settle = (how: () => void) => {
    close();
    clearTimeout(stall);
    try {
      how();
    } catch {}
  };
  const cut = () => settle(() => controller.error(new Error('the client accepts nothing')));
  /** Writes `bytes()` if the client takes them now; else starts counting its stall. */
  const offer = (bytes: () => Uint8Array) => {
    if ((controller.desiredSize ?? 0) <= 0) {
      stall ??= setTimeout(cut, stallMs);
      return false;
    }
    clearTimeout(stall);
    stall = undefined;
    controller.enqueue(bytes());
    return true;
  };
  /** Writes `event` of `slot` if the client takes it now (and only then renders it). */
  const offerEvent = (event: FileEventOut, slot: string) =>
    offer(() => encoder.encode(formatEvent(render(event, slot))));
  const pull = () => {
    for (const [slot, event] of waiting) {
      if (!offerEvent(event, slot)) break;
      waiting.delete(slot);
    }
    if (waiting.size === 0 && ending) settle(() => controller.close());
  };
  return {
    pull,
    send(event: FileEventOut, slot = '') {
      if (waiting.size > 0 || !offerEvent(event, slot)) {
        // A newer event of a file replaces its older one, in its place in the queue.
        waiting.set(slot, event);
      }
    },
    heartbeat() {
      if (waiting.size === 0) offer(() => HEARTBEAT);
    },
    /** The watch is over: the place is given back now, the final event written when taken. */
    end() {
      ending = true;
      close();
      pull();
    },
  };
}

/**
 * The stream's body, subscribed at once. `retry:` is written at once too, so that a runtime that
 * sends the head with the first bytes (Bun) sends it now, not with the first event. `close`
 * (idempotent) stops the subscription and the timers and gives the stream's place back; `evict`
 * ends the body at its next heartbeat, from within its own request (on Workers one request cannot
 * touch another's I/O).
 */
export function eventStream(
  { lifetimeMs, heartbeatMs, stallMs }: StreamTiming,
  release: () => void,
  subscribe: (subscriber: StreamSubscriber) => () => void,
  render: Render = asIs,
) {
  const timers: ReturnType<typeof setTimeout>[] = [];
  let unsubscribe = () => {};
  const close = () => {
    for (const timer of timers) clearTimeout(timer);
    unsubscribe();
    release();
  };
  /** Told to end from another request (its place went to another credential): at its next tick. */
  let evicted = false;
  // A ReadableStream calls `start` as it is constructed, so the outbox exists from here on.
  let outbox: ReturnType<typeof createOutbox> | undefined;
  const end = () => (outbox ? outbox.end() : close());
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const box = createOutbox(controller, { stallMs, render }, close);
      outbox = box;
      controller.enqueue(RETRY);
      timers.push(setInterval(() => (evicted ? end() : box.heartbeat()), heartbeatMs));
      timers.push(setTimeout(end, lifetimeMs));
      unsubscribe = subscribe({ send: box.send, end });
    },
    pull: () => outbox?.pull(),
    cancel: close,
  });
  return {
    body,
    close,
    evict: () => {
      evicted = true;
    },
  };
}
