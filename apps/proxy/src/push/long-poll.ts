// `Prefer: wait=<seconds>` (RFC 7240 §4.3) on the plain GETs: a long-poll for clients that cannot
// stream. The answer is held until the file's summary differs from what the caller holds (its
// If-None-Match; without one, what the proxy held when the request came) or the seconds pass,
// fed by the same watch as the event stream; a finished file answers at once.

import type { CacheEntry } from '../cache/entry.ts';
import { summaryOf } from '../cache/entry-summary.ts';
import { matchesIfNoneMatch } from '../http/entry-response.ts';
import type { View } from '../http/file-request.ts';

/** Longer waits are cut to this: a held request is a connection and a timer. */
export const MAX_WAIT_SECONDS = 60;

/** The seconds of a `Prefer: wait=N`, at most MAX_WAIT_SECONDS; 0 when it asks for none. */
export function preferredWait(prefer: string | undefined): number {
  const match = /(?:^|[,;\s])wait\s*=\s*"?(\d{1,6})"?/i.exec(prefer ?? '');
  return match ? Math.min(Number(match[1]), MAX_WAIT_SECONDS) : 0;
}

/** Whether a GET for `entry` should wait for news before it answers. */
export function waitsForNews(
  entry: CacheEntry,
  view: Exclude<View, 'events'>,
  ifNoneMatch: string | undefined,
): boolean {
  if (entry.terminal) return false;
  const held = view === 'raw' ? entry.etag : summaryOf(entry).etag;
  // A caller that holds something else learns of the difference at once.
  return ifNoneMatch === undefined || matchesIfNoneMatch(ifNoneMatch, held);
}
