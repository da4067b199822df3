// One event of a file's stream as the proxy sends it and the fleet relays it: the word the watches,
// the stream body and both fleets share.

/** An event as the stream sends it: `data` is JSON text. */
export interface FileEventOut {
  event: 'progress' | 'done' | 'problem';
  /** Names what the event carries (the contract's EventId): the summary's, or a problem's. */
  id: string;
  /**
   * When (epoch ms) the result it carries was fetched: orders the news of one file across the
   * instances of a fleet, never sent to a client.
   */
  at: number;
  data: string;
}
