// The summary of a cache entry (`summarize` from the contract), derived once per entry object and
// shared by everything that shows it: the summary endpoint, the event stream, and the check of
// whether a new result says anything new (the memory store hands out the same object each time).
import { type FileResult, type FileSummary, summarize } from '@mdss-kit/contract';
import { summaryEventId } from '@mdss-kit/contract/events';
import type { CacheEntry } from './entry.ts';

export interface EntrySummary {
  summary: FileSummary;
  /** Its JSON text: what the summary endpoint and the stream send, and what is compared. */
  json: string;
  body: Uint8Array<ArrayBuffer>;
  /**
   * The summary's own validator, from its bytes alone: the same summary has the same one
   * whatever raw result it came from, on every instance, after any restart.
   */
  etag: string;
  /** The id of the event that carries it: its validator without the quotes (the contract's EventId). */
  eventId: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const summaries = new WeakMap<CacheEntry, EntrySummary>();

export function summaryOf(entry: CacheEntry): EntrySummary {
  let known = summaries.get(entry);
  if (!known) {
    const summary = summarize(JSON.parse(decoder.decode(entry.body)) as FileResult);
    const json = JSON.stringify(summary);
    const body = encoder.encode(json);
    const eventId = summaryEventId(body);
    known = { summary, json, body, etag: `"${eventId}"`, eventId };
    summaries.set(entry, known);
  }
  return known;
}
