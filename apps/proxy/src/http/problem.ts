// RFC 9457 problem documents for the errors the proxy itself produces: a `ProblemError` is thrown
// where the failure is known, and the app's one `onError` (renderErrors) renders it.
import type { ProxyComponents } from '@mdss-kit/contract';
import type { Context, ErrorHandler } from 'hono';
import type { Log } from './access-log.ts';
import type { AppEnv } from './app-env.ts';

export type ProblemKind =
  | 'unauthorized'
  | 'invalid-id'
  | 'invalid-path'
  | 'not-found'
  | 'method-not-allowed'
  | 'upstream-error'
  | 'upstream-unreachable'
  | 'upstream-invalid-response'
  | 'upstream-timeout'
  | 'upstream-unavailable'
  | 'upstream-rate-limited'
  | 'upstream-rejected'
  | 'rate-limited'
  | 'upstream-busy'
  | 'too-many-streams'
  | 'streams-full'
  | 'invalid-notification'
  | 'unknown-notification'
  | 'too-large'
  | 'invalid-id-list'
  | 'internal';

const titles: Record<ProblemKind, string> = {
  unauthorized: 'Missing or malformed bearer token',
  'invalid-id': 'Invalid file id',
  'invalid-path': 'Not a file path',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  'upstream-error': 'The upstream failed',
  'upstream-unreachable': 'The upstream could not be reached',
  'upstream-invalid-response': 'The upstream answered an unusable body',
  'upstream-timeout': 'The upstream did not answer in time',
  'upstream-unavailable': 'The upstream is busy',
  'upstream-rate-limited': 'The upstream asked to slow down',
  'upstream-rejected': 'The upstream refused the request',
  'rate-limited': 'Too many upstream calls for this credential',
  'upstream-busy': 'The upstream is busy with this proxy',
  'too-many-streams': 'Too many event streams for this credential',
  'streams-full': 'Too many event streams',
  'invalid-notification': 'Not a notification',
  'unknown-notification': 'Unknown notification type',
  'too-large': 'The body is too large',
  'invalid-id-list': 'Invalid list of file ids',
  internal: 'Internal error',
};

/** The contract's problem document (openapi/proxy.yaml). */
export type Problem = ProxyComponents['schemas']['Problem'];

export function problem(
  kind: ProblemKind,
  status: number,
  detail: string,
  extra: Pick<Problem, 'instance' | 'requestId' | 'upstreamStatus'> = {},
): Problem {
  return { type: `urn:mdss-kit:problem:${kind}`, title: titles[kind], status, detail, ...extra };
}

export class ProblemError extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly status: number,
    readonly detail: string,
    readonly options: {
      /** Sent with the problem (Allow, Retry-After, Cache-Status). */
      headers?: Record<string, string>;
      upstreamStatus?: number;
    } = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }

  /** The problem document and its headers, for the request at `instance`. */
  render(instance: string, requestId: string) {
    const { upstreamStatus, headers } = this.options;
    const body = problem(this.kind, this.status, this.detail, {
      instance,
      requestId,
      ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
    });
    return {
      body: JSON.stringify(body),
      headers: {
        ...headers,
        'content-type': 'application/problem+json',
        'cache-control': 'no-store',
      },
    };
  }
}

/** Every endpoint of the proxy serves GET and HEAD alone. */
export const methodNotAllowed = new ProblemError(
  'method-not-allowed',
  405,
  'Only GET is supported.',
  {
    headers: { allow: 'GET, HEAD' },
  },
);

export function sendProblem(c: Context<AppEnv>, problem: ProblemError): Response {
  const { body, headers } = problem.render(c.req.path, c.get('requestId'));
  return c.body(body, problem.status as 400, headers);
}

/** What was not expected: logged (never with a token), and answered as a 500 problem. */
export function internalProblem(log: Log, requestId: string, error: unknown): ProblemError {
  log({
    level: 'error',
    msg: 'unhandled error',
    requestId,
    error: error instanceof Error ? error.message : String(error),
  });
  return new ProblemError('internal', 500, 'The proxy failed to answer this request.');
}

/** `onError`: a ProblemError as the problem it is; anything else logged, and a 500. */
export function renderErrors(log: Log): ErrorHandler<AppEnv> {
  return (error, c) =>
    sendProblem(
      c,
      error instanceof ProblemError ? error : internalProblem(log, c.get('requestId'), error),
    );
}
