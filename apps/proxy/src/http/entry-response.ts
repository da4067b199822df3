// How an entry is answered on either endpoint, shared by the Hono route and the direct-hit path
// so both send the same bytes and headers. The summary and its ETag are derived once per entry
// (cache/entry-summary.ts).

import type { CacheEntry } from '../cache/entry.ts';
import { summaryOf } from '../cache/entry-summary.ts';
import { type CacheOutcome, cacheStatus } from '../cache/outcome.ts';
import type { View } from './file-request.ts';

export interface EntryResponse {
  status: 200 | 304;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer> | null;
}

export interface Answering {
  now: number;
  outcome: CacheOutcome;
  ifNoneMatch: string | undefined;
}

/** RFC 9110 §13.1.2: weak comparison, a list of tags, or `*`. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** The answer of an endpoint that shows an entry: the upstream's body, or its summary. */
export function respond(
  entry: CacheEntry,
  view: Exclude<View, 'events'>,
  answering: Answering,
): EntryResponse {
  const { body, etag } = view === 'raw' ? entry : summaryOf(entry);
  // An answer served past its freshness (stale if error) is already stale for whoever keeps it.
  const maxAge =
    answering.outcome.kind === 'stale'
      ? 0
      : Math.max(0, Math.floor((entry.freshUntil - answering.now) / 1000));
  const headers: Record<string, string> = {
    'cache-control': `private, max-age=${maxAge}`,
    'cache-status': cacheStatus(answering.outcome),
    etag,
    vary: 'Authorization',
    age: String(Math.max(0, Math.floor((answering.now - entry.storedAt) / 1000))),
  };
  if (matchesIfNoneMatch(answering.ifNoneMatch, etag)) return { status: 304, headers, body: null };
  headers['content-type'] = 'application/json';
  // A declared length spares the chunked encoding (and its extra write) on Node.
  headers['content-length'] = String(body.byteLength);
  return { status: 200, headers, body };
}
