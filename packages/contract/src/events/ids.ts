// What an event's id means in the mdss-kit proxy's event stream (`GET /api/file/{id}/events`). An id names what
// the event carried (openapi/proxy.yaml, EventId): a summary's is its validator, from its JSON
// text alone, so the same summary has the same id on every instance, after any restart or gap;
// a final problem's says so, so a reconnect after it needs no look-up.

/** The second lane of the last `lanes` pass: a loop's function returns it without an object. */
let secondLane = 0;

/**
 * cyrb53's two lanes over the bytes, the loop alone in its function. V8 optimizes a long loop
 * while it runs (on-stack replacement), on a body's first hashing, before anything after the
 * loop has ever run. When the loop and the hash's last steps shared a function, Node 20's V8
 * deoptimized that same code on those steps again and again (no feedback for them, or a
 * non-int32 `h1 >>> 0`): 600-odd times a run in half the proxy processes (bench `missOverhead`,
 * `--trace-deopt`). Here only a store and the return follow the loop, and neither is speculated.
 */
function lanes(bytes: Uint8Array): number {
  // 0xdeadbeef as the int32 the loop works in (the hash reads each lane only as one).
  let h1 = 0xdeadbeef | 0;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < bytes.length; i++) {
    const ch = bytes[i] as number;
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  secondLane = h2;
  return h1;
}

/** cyrb53 (public domain): two 32-bit multiply-xorshift lanes over the bytes, then mixed. */
function hash53(bytes: Uint8Array): number {
  let h1 = lanes(bytes);
  let h2 = secondLane;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A strong validator of `bytes` (an entity tag without its quotes): computed synchronously in
 * plain JS on every runtime (a Web Crypto digest runs on a thread pool and, under concurrent
 * misses, queues for it). It only has to tell two versions of one file's answer apart, so a
 * 53-bit hash plus the length is ample; it is no security boundary.
 */
export function validatorOf(bytes: Uint8Array): string {
  return `${bytes.length.toString(36)}-${hash53(bytes).toString(36)}`;
}

const encoder = new TextEncoder();

/** The id of the event that carries a summary, from the summary's JSON text (its UTF-8 bytes). */
export const summaryEventId = (json: string | Uint8Array): string =>
  validatorOf(typeof json === 'string' ? encoder.encode(json) : json);

const PROBLEM = 'problem-';

/** The id of a stream's final problem event, whose HTTP status it names. */
export const problemEventId = (status: number): string => `${PROBLEM}${status}`;

/** Whether a Last-Event-ID names a final problem: the stream it ended is over. */
export const isProblemEventId = (id: string): boolean => id.startsWith(PROBLEM);
