// How an entry is answered on either endpoint, shared by the Hono route and Node's direct hit
// path so both send the same bytes and headers. Everything that does not change per request
// (the summary, its ETag) is derived once per entry.
import { type FileResult, summarize } from '@mdss-kit/contract';
import { type CacheOutcome, cacheStatus } from './cache-outcome.ts';
import type { View } from './file-request.ts';
import type { CacheEntry } from './stores/store.ts';

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

const encoder = new TextEncoder();
const decoder = new TextDecoder();
// Part of the summary's ETag: a new summary format must not match an old validator.
const SUMMARY_ETAG_VERSION = 's1';

/** RFC 9110 §13.1.2: weak comparison, a list of tags, or `*`. */
function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export type EntryResponder = ReturnType<typeof createEntryResponder>;

export function createEntryResponder() {
  // Summaries are derived once per entry object (the memory store hands out the same one).
  const summaries = new WeakMap<CacheEntry, { body: Uint8Array<ArrayBuffer>; etag: string }>();

  function summaryOf(entry: CacheEntry) {
    let summary = summaries.get(entry);
    if (!summary) {
      summary = {
        body: encoder.encode(
          JSON.stringify(summarize(JSON.parse(decoder.decode(entry.body)) as FileResult)),
        ),
        etag: `${entry.etag.slice(0, -1)}-${SUMMARY_ETAG_VERSION}"`,
      };
      summaries.set(entry, summary);
    }
    return summary;
  }

  return function respond(entry: CacheEntry, view: View, answering: Answering): EntryResponse {
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
    if (matchesIfNoneMatch(answering.ifNoneMatch, etag))
      return { status: 304, headers, body: null };
    headers['content-type'] = 'application/json';
    // A declared length spares the chunked encoding (and its extra write) on Node.
    headers['content-length'] = String(body.byteLength);
    return { status: 200, headers, body };
  };
}
