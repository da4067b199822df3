// One event of a file's stream as the proxy sends it and the fleet relays it: the word the watches,
// the stream body and both fleets share.
import type { FileEvent } from '@mdss-kit/contract/events';

/**
 * An event as the stream sends it (the contract's FileEvent: `data` is JSON text), and `at`: when
 * (epoch ms) the result it carries was fetched, which orders the news of one file across the
 * instances of a fleet and is never sent to a client.
 */
export type FileEventOut = FileEvent & { at: number };
