// A reconnecting client's Last-Event-ID (WHATWG HTML §9.2.4), read the one way the proxy and the
// mock read it, and what it tells them before they open a stream.
import { isProblemEventId } from './ids.ts';

/** A Last-Event-ID as one of the contract's EventIds, or undefined for anything else. */
export function eventIdOf(header: string | null | undefined): string | undefined {
  const id = header?.trim();
  return id && /^[0-9a-z-]{1,64}$/.test(id) ? id : undefined;
}

/**
 * Whether the stream a client was on is over for it, from its Last-Event-ID (`after`, read with
 * `eventIdOf`) and the id of the file's final event, once there is one: that stream ended with a
 * problem, or the client has the final summary. Such a client is answered 204 and no stream
 * opens: nothing is left to say to it, and nothing needs asking of the upstream.
 */
export const isStreamOver = (after: string | undefined, finalId?: string): boolean =>
  after !== undefined && (isProblemEventId(after) || after === finalId);
