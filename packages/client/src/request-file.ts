// One GET of a file path, made through the openapi-fetch client (whose middleware adds the
// token and bounds the body): a fresh deadline per attempt, and every failure an MdssError.
// Repeating it is `retrying`'s job.
import { fileIdProblem, isSameFileId } from '@mdss-kit/contract';
import { retryAfterMs } from './backoff.ts';
import type { Clock } from './clock.ts';
import { describeAnswer } from './error-body.ts';
import { MdssError } from './mdss-error.ts';

/** openapi-fetch's answer, as far as the client reads it. */
export interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export interface AttemptSettings {
  timeoutMs: number;
  clock: Clock;
}

// 403 is the token's lack of a right, which another try does not cure; 429 and 5xx (a busy
// MDSS answers 503, NGINX 502 and 504 as HTML pages) may pass, so they are server errors.
const statusCodes: Record<number, MdssError['code']> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'unauthorized',
  404: 'not_found',
};

export function checkId(id: string): void {
  const problem = fileIdProblem(id);
  if (problem) throw new MdssError('invalid_id', `Not a file id: ${problem}.`);
}

/** The error code of an HTTP status: a non-2xx answer, or a stream's problem event. */
export const statusCode = (status: number): MdssError['code'] =>
  statusCodes[status] ?? (status === 429 || status >= 500 ? 'server_error' : 'bad_request');

/**
 * A non-2xx answer as its MdssError, with the body openapi-fetch read (parsed when it was JSON,
 * else the text: an HTML page or an empty body), and a message from whatever shape it had.
 */
function statusError({ response, error: body }: Answer, now: number): MdssError {
  const { status } = response;
  const code = statusCode(status);
  const wait = retryAfterMs(response.headers.get('retry-after'), now);
  return new MdssError(code, describeAnswer(status, body), {
    status,
    body,
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
  });
}

/**
 * A JSON object carrying the `id` asked for, or an invalid_response error: another file's
 * result must never pass for this one's.
 */
export function checkedResult<T>(body: unknown, id: string): T {
  const bodyId =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as { id?: unknown }).id
      : undefined;
  if (typeof bodyId !== 'string') {
    throw new MdssError(
      'invalid_response',
      'MDSS answered 200 with a body that is not a JSON object with an id.',
      { status: 200, body },
    );
  }
  if (!isSameFileId(bodyId, id)) {
    throw new MdssError(
      'invalid_response',
      `MDSS answered 200 with the result of another file (${bodyId}).`,
      { status: 200, body },
    );
  }
  return body as T;
}

/**
 * One attempt of `get`, with its own deadline (until the answer's head: a streamed body is read
 * after), ended at once by `signal`; a 2xx answer is what `accept` makes of it.
 */
export async function attempt<T>(
  get: (signal: AbortSignal) => Promise<Answer>,
  accept: (answer: Answer) => T,
  { timeoutMs, clock }: AttemptSettings,
  signal: AbortSignal | undefined,
): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const answer = await get(controller.signal);
    // A 304 answers the caller's own conditional request (If-None-Match): `accept` reads it.
    if (!answer.response.ok && answer.response.status !== 304) {
      throw statusError(answer, clock.now());
    }
    return accept(answer);
  } catch (error) {
    if (error instanceof MdssError) throw error;
    if (signal?.aborted)
      throw new MdssError('aborted', 'The request was aborted.', { cause: error });
    if (timedOut) {
      throw new MdssError('timeout', `MDSS did not answer within ${timeoutMs} ms.`, {
        cause: error,
      });
    }
    // openapi-fetch parses a 2xx body as JSON; a body that is not JSON rejects there.
    if (error instanceof SyntaxError) {
      throw new MdssError('invalid_response', 'MDSS answered 200 with a body that is not JSON.', {
        status: 200,
        cause: error,
      });
    }
    throw new MdssError('network', 'MDSS could not be reached.', { cause: error });
  } finally {
    clock.clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
