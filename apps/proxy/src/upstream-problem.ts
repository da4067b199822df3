// How a failure is answered: the upstream's own client errors pass through, everything else
// (the upstream's failures, and this proxy's own limits) becomes one of the proxy's problems.
// One pure function, so the whole mapping is one table.

import type { FileFailure } from './file-results.ts';
import { ProblemError } from './problem.ts';

/** An upstream client error (400, 401, 403, 404, 429) with a JSON body, sent on as it came. */
export interface PassedThrough {
  status: number;
  json: unknown;
  headers: Record<string, string>;
}

export function answerFailure(
  failure: FileFailure,
  timeoutMs: number,
): PassedThrough | ProblemError {
  switch (failure.kind) {
    case 'client-error': {
      // Nothing of a failure is cached, by us or anyone after us.
      const headers: Record<string, string> = { 'cache-control': 'no-store' };
      // A 429's Retry-After tells the caller when to come back, whatever body it came with.
      if (failure.retryAfter) headers['retry-after'] = failure.retryAfter;
      if (failure.json !== undefined)
        return { status: failure.status, json: failure.json, headers };
      return new ProblemError(
        'upstream-invalid-response',
        failure.status,
        `The upstream answered ${failure.status} with a body that is not JSON.`,
        { headers, upstreamStatus: failure.status },
      );
    }
    case 'server-error':
      return new ProblemError('upstream-error', 502, `The upstream answered ${failure.status}.`, {
        upstreamStatus: failure.status,
      });
    case 'invalid':
      return new ProblemError(
        'upstream-invalid-response',
        502,
        `The upstream's answer was refused: ${failure.reason}.`,
      );
    case 'unreachable':
      return new ProblemError('upstream-unreachable', 502, 'The upstream could not be reached.');
    case 'rate-limited':
      return new ProblemError(
        'rate-limited',
        429,
        `This credential's budget of upstream calls is spent: retry in ${failure.spent.retryAfterSeconds} s (cached results are still served).`,
        {
          headers: {
            'retry-after': String(failure.spent.retryAfterSeconds),
            ratelimit: failure.spent.state,
            'ratelimit-policy': failure.spent.policy,
          },
        },
      );
    case 'upstream-busy':
      return new ProblemError(
        'upstream-busy',
        503,
        'The proxy has as many requests under way to the upstream as it allows; retry shortly.',
        { headers: { 'retry-after': String(failure.retryAfterSeconds) } },
      );
    case 'timeout':
      return new ProblemError(
        'upstream-timeout',
        504,
        `The upstream did not answer within ${timeoutMs} ms.`,
      );
  }
}
