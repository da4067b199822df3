// How a file request's resolution is answered, by the router's route and the direct path alike,
// so both send the same bytes and headers: an entry as the responder shows it, the upstream's own
// client error passed through, or a problem.
import type { Resolution } from '../cache/file-results.ts';
import { cacheStatus } from '../cache/outcome.ts';
import { answerFailure, holdBack } from '../upstream/failures.ts';
import { respond } from './entry-response.ts';
import type { View } from './file-request.ts';
import { ProblemError } from './problem.ts';

export interface FileAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer> | string | null;
}

export interface Answering {
  now: number;
  ifNoneMatch: string | undefined;
  upstreamTimeoutMs: number;
  /** The request's path, which a problem names as its `instance` (read only for a problem). */
  instance: () => string;
  requestId: string;
}

/** A problem as an answer, for the request at `instance`. */
export function problemAnswer(problem: ProblemError, instance: string, requestId: string) {
  const { body, headers } = problem.render(instance, requestId);
  const answer: FileAnswer = { status: problem.status, headers, body };
  return answer;
}

/** The answer to `resolution`: at once for an entry; a failure may be held back a while first. */
export function answerResolution(
  resolution: Resolution,
  view: Exclude<View, 'events'>,
  answering: Answering,
): FileAnswer | Promise<FileAnswer> {
  if (resolution.kind === 'entry') {
    const { now, ifNoneMatch } = answering;
    return respond(resolution.entry, view, { now, outcome: resolution.outcome, ifNoneMatch });
  }
  return failureAnswer(resolution, answering);
}

async function failureAnswer(
  { failure, outcome }: Extract<Resolution, { kind: 'failure' }>,
  answering: Answering,
): Promise<FileAnswer> {
  await holdBack(failure);
  const status = cacheStatus(outcome);
  const answer = answerFailure(failure, answering.upstreamTimeoutMs);
  if (answer instanceof ProblemError) {
    const problem = problemAnswer(answer, answering.instance(), answering.requestId);
    return { ...problem, headers: { 'cache-status': status, ...problem.headers } };
  }
  return {
    status: answer.status,
    headers: { 'cache-status': status, ...answer.headers, 'content-type': 'application/json' },
    body: JSON.stringify(answer.json),
  };
}
