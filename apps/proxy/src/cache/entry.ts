// A cache entry: what the proxy keeps of one upstream reply for one (credential, file). The cache,
// the stores that hold it, the fleet that relays it and the responses that serve it all speak of
// it, so it is a word of its own. Entries keep the upstream body as the exact bytes it sent: a
// hit writes them without parsing, re-serializing or encoding, and bytes live outside the
// JavaScript heap, so evicted bodies do not pile up as old-generation garbage.

export interface CacheEntry {
  /** The upstream's JSON body, unchanged: UTF-8, in an array buffer of its own. */
  body: Uint8Array<ArrayBuffer>;
  /** Strong validator of `body`. */
  etag: string;
  /** Whether the result was final (`isTerminal`) when stored. */
  terminal: boolean;
  storedAt: number;
  /** Until when (epoch ms) the entry is served as fresh. */
  freshUntil: number;
  /** Until when (epoch ms) the entry may still be served stale, should the upstream fail. */
  keepUntil: number;
}
