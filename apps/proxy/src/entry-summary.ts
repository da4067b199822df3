// The summary of a cache entry (`summarize` from the contract), derived once per entry object and
// shared by everything that shows it: the summary endpoint, the event stream, and the check of
// whether a new result says anything new (the memory store hands out the same object each time).
import { type FileResult, type FileSummary, summarize } from '@mdss-kit/contract';
import type { CacheEntry } from './stores/store.ts';

export interface EntrySummary {
  summary: FileSummary;
  /** Its JSON text: what the summary endpoint and the stream send, and what is compared. */
  json: string;
  body: Uint8Array<ArrayBuffer>;
  /** Derived from the entry's: a new summary format must not match an old validator. */
  etag: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const SUMMARY_ETAG_VERSION = 's1';
const summaries = new WeakMap<CacheEntry, EntrySummary>();

function summaryFrom(summary: FileSummary, etag: string): EntrySummary {
  const json = JSON.stringify(summary);
  return {
    summary,
    json,
    body: encoder.encode(json),
    etag: `${etag.slice(0, -1)}-${SUMMARY_ETAG_VERSION}"`,
  };
}

export function summaryOf(entry: CacheEntry): EntrySummary {
  let known = summaries.get(entry);
  if (!known) {
    const result = JSON.parse(decoder.decode(entry.body)) as FileResult;
    known = summaryFrom(summarize(result), entry.etag);
    summaries.set(entry, known);
  }
  return known;
}

/**
 * `entry`, just made from `result`, with its `changedAt`: the previous entry's of its key when
 * that one summarized the same, else its own `storedAt`. Its summary is kept, not derived twice.
 */
export function withChangedAt(
  previous: CacheEntry | undefined,
  entry: Omit<CacheEntry, 'changedAt'>,
  result: FileResult,
): CacheEntry {
  const made = summaryFrom(summarize(result), entry.etag);
  const same =
    previous !== undefined &&
    (previous.etag === entry.etag || summaryOf(previous).json === made.json);
  const complete = { ...entry, changedAt: same ? previous.changedAt : entry.storedAt };
  summaries.set(complete, made);
  return complete;
}
