// The one error the client throws: a value with a code, the HTTP status, the parsed body and the
// cause, so callers branch on `error.code`, never on a message.

export type MdssErrorCode =
  | 'invalid_id'
  | 'token'
  | 'bad_request'
  | 'unauthorized'
  | 'not_found'
  | 'server_error'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'invalid_response'
  /** `transport: 'stream'` against a server without the events route (MDSS itself). */
  | 'no_stream';

export interface MdssErrorDetails {
  status?: number;
  body?: unknown;
  cause?: unknown;
  /** How long the server asked to wait (`Retry-After`), in milliseconds. */
  retryAfterMs?: number;
}

/** Codes that another attempt of the same idempotent GET may cure. */
const retryable = new Set<MdssErrorCode>(['server_error', 'network', 'timeout']);

export class MdssError extends Error {
  override readonly name = 'MdssError';
  readonly status: number | undefined;
  readonly body: unknown;
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly code: MdssErrorCode,
    message: string,
    details: MdssErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.body = details.body;
    this.retryAfterMs = details.retryAfterMs;
  }

  get retryable(): boolean {
    return retryable.has(this.code);
  }
}

export const isMdssError = (value: unknown): value is MdssError => value instanceof MdssError;
