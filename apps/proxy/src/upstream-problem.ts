// How an upstream failure is answered: the upstream's own client errors pass through, everything
// else becomes one of the proxy's problems. One pure function, so the whole mapping is one table.

import type { UpstreamFailure } from './file-results.ts';
import { ProblemError } from './problem.ts';

/** An upstream client error (400, 401, 403, 404, 429) with a JSON body, sent on as it came. */
export interface PassedThrough {
  status: number;
  json: unknown;
  headers: Record<string, string>;
}

export function answerFailure(
  failure: UpstreamFailure,
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
    case 'timeout':
      return new ProblemError(
        'upstream-timeout',
        504,
        `The upstream did not answer within ${timeoutMs} ms.`,
      );
  }
}
