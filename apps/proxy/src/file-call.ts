// One request's call for a file, as the front door reads it and every concern after it takes it:
// for whom and for which file, under which cache key, with what reaches the upstream, and who
// keeps work alive past the response. A word of its own, so the cache, push, the fleet and the
// observers share it without importing each other.
import type { UpstreamHeaders } from './upstream/request.ts';

/**
 * Hands work that runs past the response (a store write, a refresh in the background) to
 * whoever keeps it alive: Workers' `waitUntil`, or the app's own set of pending work that
 * `drain()` awaits before a stop.
 */
export type Defer = (work: Promise<unknown>) => void;

/** What a request asks for: `tokenKey` is the credential's HMAC (cache/key.ts). */
export interface FileAsk {
  token: string;
  tokenKey: string;
  id: string;
}

/** One request's call for one file: built once by the front door, taken by every concern. */
export interface FileCall {
  /** The cache key of (credential, file) (`cache/key.ts`). */
  key: string;
  ask: FileAsk;
  /** What reaches the upstream of the caller's request, its request id and trace included. */
  headers: UpstreamHeaders;
  defer: Defer;
}
