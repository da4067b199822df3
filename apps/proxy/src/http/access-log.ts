// What the proxy logs, as types: one access line per request, the same fields whether the
// router or the direct-hit path answered it, and event lines (start, store outages, errors).
// Every line has a level; none ever carries a token, a cache key or an Authorization header.
import type { CacheLabel } from '../cache/outcome.ts';

export interface AccessLine {
  level: 'info';
  time: string;
  method: string;
  /** The route template (`/api/file/:id`), never the path: it would carry the file id. */
  route: string;
  status: number;
  cache: CacheLabel;
  /** How long the upstream took, when this request waited for it. */
  upstreamMs: number | undefined;
  durationMs: number;
  requestId: string;
}

export interface EventLine {
  level: 'info' | 'warn' | 'error';
  msg: string;
  [field: string]: unknown;
}

export type LogLine = AccessLine | EventLine;
export type Log = (line: LogLine) => void;

let lastMs = Number.NaN;
let lastIso = '';
/** `new Date(ms).toISOString()`, once per millisecond however many requests share it. */
function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

export function accessLine(
  request: { method: string; route: string; requestId: string },
  answer: { status: number; cache: CacheLabel; upstreamMs: number | undefined },
  started: number,
  finished: number,
): AccessLine {
  return {
    level: 'info',
    time: isoTime(started),
    method: request.method,
    route: request.route,
    status: answer.status,
    cache: answer.cache,
    upstreamMs: answer.upstreamMs,
    durationMs: finished - started,
    requestId: request.requestId,
  };
}
