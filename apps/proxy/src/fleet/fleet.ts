// The fleet's port: how the instances of one deployment act as one proxy. One upstream request
// per (credential, file) at a time in the whole fleet (single flight), one poller per watched file
// (watch leadership), that poller's events relayed to the streams of every instance (event
// relay), and MDSS's notifications relayed as hints to every instance (hint relay). Two adapters: Redis (`redis.ts`, offered by the Redis store the instances share) and the
// Workers' Durable Object (`durable-object-client.ts` and the object, `durable-object.ts`). Callers
// give the flight's key and what they ask; no adapter reads a credential or a URL. Without a
// fleet, or while it is away, each instance acts alone.

import type { CacheEntry } from '../cache/entry.ts';
import type { FileEventOut } from '../push/file-event.ts';
import type { UpstreamOutcome } from '../upstream/outcome.ts';

/** What the instance that asked the upstream tells the instances that waited for it. */
export type SharedFlight =
  | { kind: 'entry'; entry: CacheEntry; upstreamMs: number | undefined }
  | {
      kind: 'failure';
      failure: Exclude<UpstreamOutcome, { kind: 'result' }>;
      upstreamMs: number | undefined;
    }
  /** The holder did not ask (its own limits held it back): a waiter asks in its place. */
  | { kind: 'abandoned' };

export type FlightTurn =
  /** This instance holds the lease: it asks, then `finish` tells the waiters and frees it. */
  | { kind: 'lead'; finish(shared: SharedFlight): Promise<void> }
  /**
   * Another instance holds it: `shared` is what it tells, or undefined once its lease ran out
   * with nothing told (it died, or it is stuck): then take another turn.
   */
  | { kind: 'follow'; shared: Promise<SharedFlight | undefined> }
  /** The fleet cannot be reached: ask alone (each instance still coalesces its own callers). */
  | { kind: 'alone' };

/** One event of a watch, as the instance that polls sends it to the others. */
export interface WatchNews {
  event: FileEventOut;
  /** The watch is over (done, or a problem): the streams end. */
  final: boolean;
}

export interface Fleet {
  /**
   * Whose turn it is to ask the upstream for `key`; a lease lasts at most `leaseMs`, and a turn
   * never waits longer than that for another instance, whatever that instance's lease says.
   */
  flight(key: string, leaseMs: number): Promise<FlightTurn>;
  /**
   * Takes or renews, for `seat` (one watch: its own id), the polling of the watch of `key`, saying
   * it will renew again within `dueInMs`: true if that seat polls for the fleet, false if another
   * does and has not let its own word run out, undefined if the fleet cannot be reached. A poller
   * that falls silent (dead, hung, cut off from the fleet) is replaced by the first seat to look
   * after its word ran out.
   */
  lead(key: string, seat: string, dueInMs: number): Promise<boolean | undefined>;
  /** Gives the polling of `key` up (nobody listens to that watch any more), if `seat` had it. */
  resign(key: string, seat: string): Promise<void>;
  /** Sends a watch's news to the other watches of `key` (a watch may hear its own: it skips it). */
  broadcast(key: string, news: WatchNews): void;
  /** Hears the other watches' news of `key`, once subscribed, until closed. */
  listen(key: string, hear: (news: WatchNews) => void): Listening;
  /**
   * Tells the other instances that MDSS notified this one of file `id`: the id alone (a hint,
   * never data), so each makes its own watches of it poll now. A no-op where instances cannot be
   * reached (the Durable Object's: see `durable-object-client.ts`).
   */
  hint(id: string): void;
  /** Hears the other instances' hints (never this one's own), once subscribed, until closed. */
  hearHints(hear: (id: string) => void): Listening;
}

export interface Listening {
  /** Whether news is heard now; a failed subscription is tried again as this is read. */
  readonly on: boolean;
  close(): void;
}
