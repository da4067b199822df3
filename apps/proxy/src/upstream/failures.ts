// How a failure is answered: the upstream's own client errors pass through when their body is
// JSON, everything else (the upstream's failures, its bodies that are not JSON, and this proxy's
// own limits) becomes one of the proxy's problems. One pure function, so the whole mapping is one
// table. Error replies really come in many shapes (domain notes §8.9): NGINX's HTML pages, an
// empty 401; a client that asked for JSON never gets one of those passed on.

import { ProblemError } from '../http/problem.ts';
import type { FileFailure } from './outcome.ts';

/** An upstream client error (400, 401, 403, 404, 429) with a JSON body, sent on as it came. */
export interface PassedThrough {
  status: number;
  json: unknown;
  headers: Record<string, string>;
}

/** The longest a spent budget's 429 is held before it is answered. */
const MAX_HOLD_MS = 1000;

/**
 * A spent budget's 429 is held for its Retry-After (1 s at most): a client that ignores it then
 * costs the proxy one answer per connection per second, not as many as it can send (a flood of
 * 429s otherwise slows every other credential's hits on the same event loop).
 */
export async function holdBack(failure: FileFailure): Promise<void> {
  if (failure.kind !== 'rate-limited') return;
  const ms = Math.min(failure.spent.retryAfterSeconds * 1000, MAX_HOLD_MS);
  await new Promise((resolve) => setTimeout(resolve, ms));
}

type Answer<K extends FileFailure['kind']> = (
  failure: Extract<FileFailure, { kind: K }>,
  timeoutMs: number,
) => PassedThrough | ProblemError;

/** The upstream's client errors: its JSON passed through, or its status under a problem. */
const clientError: Answer<'client-error'> = (failure) => {
  // Nothing of a failure is cached, by us or anyone after us.
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  // A 429's Retry-After tells the caller when to come back, whatever body it came with.
  if (failure.retryAfter) headers['retry-after'] = failure.retryAfter;
  if (failure.json !== undefined) return { status: failure.status, json: failure.json, headers };
  // An empty body or an HTML page: the status is the answer, under a problem of its own.
  if (failure.status === 429) {
    return new ProblemError(
      'upstream-rate-limited',
      429,
      'The upstream answered 429 (too many requests) without a JSON body: back off, and retry after Retry-After.',
      { headers, upstreamStatus: 429 },
    );
  }
  return new ProblemError(
    'upstream-rejected',
    failure.status,
    `The upstream answered ${failure.status} without a JSON body (such as an empty body or an HTML page).`,
    { headers, upstreamStatus: failure.status },
  );
};

const serverError: Answer<'server-error'> = ({ status, retryAfter }) => {
  // A busy MDSS (Core's 503 "server busy") is not a broken gateway: the caller should back
  // off and come back, so the status and its Retry-After are kept (RFC 9110 §15.6.4).
  if (status !== 503) {
    return new ProblemError('upstream-error', 502, `The upstream answered ${status}.`, {
      upstreamStatus: status,
    });
  }
  return new ProblemError(
    'upstream-unavailable',
    503,
    retryAfter
      ? `The upstream answered 503 (busy): retry after ${retryAfter}.`
      : 'The upstream answered 503 (busy): back off, and retry.',
    { headers: retryAfter ? { 'retry-after': retryAfter } : {}, upstreamStatus: 503 },
  );
};

/** How each failure is answered: one row per kind. */
const answers: { [K in FileFailure['kind']]: Answer<K> } = {
  'client-error': clientError,
  'server-error': serverError,
  invalid: ({ reason }) =>
    new ProblemError(
      'upstream-invalid-response',
      502,
      `The upstream's answer was refused: ${reason}.`,
    ),
  unreachable: () =>
    new ProblemError('upstream-unreachable', 502, 'The upstream could not be reached.'),
  timeout: (_, timeoutMs) =>
    new ProblemError(
      'upstream-timeout',
      504,
      `The upstream did not answer within ${timeoutMs} ms.`,
    ),
  'rate-limited': ({ spent }) =>
    new ProblemError(
      'rate-limited',
      429,
      `This credential's budget of new ids is spent: retry in ${spent.retryAfterSeconds} s (cached results, and files it was already answered for, are still served).`,
      {
        headers: {
          'retry-after': String(spent.retryAfterSeconds),
          ratelimit: spent.state,
          'ratelimit-policy': spent.policy,
        },
      },
    ),
  'upstream-busy': ({ retryAfterSeconds }) =>
    new ProblemError(
      'upstream-busy',
      503,
      'The proxy has as many requests under way to the upstream as it allows; retry shortly.',
      { headers: { 'retry-after': String(retryAfterSeconds) } },
    ),
};

export function answerFailure(
  failure: FileFailure,
  timeoutMs: number,
): PassedThrough | ProblemError {
  const answer = answers[failure.kind] as Answer<FileFailure['kind']>;
  return answer(failure, timeoutMs);
}

/**
 * A failure always as a problem, the upstream's own client errors included (their status and
 * Retry-After kept): what an event stream answers or ends with, where a JSON body of the
 * upstream's has no place.
 */
export function failureProblem(failure: FileFailure, timeoutMs: number): ProblemError {
  const answer = answerFailure(failure, timeoutMs);
  if (answer instanceof ProblemError) return answer;
  const { status, headers } = answer;
  const kind =
    status === 404
      ? 'not-found'
      : status === 401 || status === 403
        ? 'unauthorized'
        : status === 429
          ? 'upstream-rate-limited'
          : 'upstream-rejected';
  return new ProblemError(kind, status, `The upstream answered ${status}.`, {
    headers,
    upstreamStatus: status,
  });
}
