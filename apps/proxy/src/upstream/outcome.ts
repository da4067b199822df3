// What came of asking for a file: the upstream's outcome, and the failures a caller can meet
// (the upstream's, or this proxy's limits holding the miss back). The cache, push, the fleet and
// the failure answers all speak of them.
import type { FileResult } from '@mdss-kit/contract';
import type { UpstreamDirectives } from '../cache/directives.ts';
import type { Spent } from './limits.ts';

export type UpstreamOutcome =
  /** A usable result: the exact bytes the upstream sent, and their parsed form. */
  | {
      kind: 'result';
      bytes: Uint8Array<ArrayBuffer>;
      result: FileResult;
      /** What the upstream's headers say about caching it. */
      directives: UpstreamDirectives;
    }
  /** A client error of the upstream (400, 401, 403, 404, 429), passed through. */
  | { kind: 'client-error'; status: number; json: unknown; retryAfter: string | null }
  /** 5xx or any other status the proxy does not pass through; its body is never read. */
  | { kind: 'server-error'; status: number; retryAfter: string | null }
  | { kind: 'invalid'; reason: string }
  | { kind: 'timeout' }
  | { kind: 'unreachable'; reason: string };

/** A miss this proxy held back instead of asking the upstream. */
export type LimitFailure =
  | { kind: 'rate-limited'; spent: Spent }
  | { kind: 'upstream-busy'; retryAfterSeconds: number };

export type FileFailure = Exclude<UpstreamOutcome, { kind: 'result' }> | LimitFailure;
